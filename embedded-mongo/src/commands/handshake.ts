import { Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/opcodes';
import type { CommandContext, CommandHandler } from './context';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;

/**
 * hello / isMaster reply of a standalone mongod. No topologyVersion, so the driver polls instead
 * of using streaming (awaitable) hello; no setName, so it sees a standalone.
 */
export const hello: CommandHandler = (cmd, ctx) => {
  const reply: Document = {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
  if (cmd.hello !== undefined) {
    delete reply.ismaster;
  } else {
    delete reply.isWritablePrimary;
  }
  return reply;
};

export const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  ok: 1,
});

export const ping: CommandHandler = () => ({ ok: 1 });

export const getParameter: CommandHandler = (cmd) => {
  const params: Document = {
    featureCompatibilityVersion: { version: '7.0' },
    authenticationMechanisms: [],
    transactionLifetimeLimitSeconds: 60,
    logLevel: 0,
  };
  if (
    cmd.getParameter === '*' ||
    (typeof cmd.getParameter === 'object' &&
      cmd.getParameter !== null &&
      (cmd.getParameter as Document).allParameters)
  ) {
    return { ...params, ok: 1 };
  }
  const out: Document = {};
  for (const key of Object.keys(cmd)) if (key in params) out[key] = params[key];
  return { ...out, ok: 1 };
};

export const connectionStatus: CommandHandler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});

export const serverStatus: CommandHandler = (_cmd, ctx: CommandContext) => {
  const uptimeMs = Date.now() - ctx.startedAt.getTime();
  return {
    host: `${ctx.host}:${ctx.port}`,
    version: SERVER_VERSION,
    process: 'groovy-mongo',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptimeMs / 1000),
    uptimeMillis: Long.fromNumber(uptimeMs),
    localTime: new Date(),
    connections: { current: ctx.connectionId, available: 1000 },
    opcounters: { ...ctx.stats.opcounters },
    metrics: {
      cursor: { open: { total: ctx.cursors.size } },
      commands: Object.fromEntries(
        [...ctx.stats.commands].map(([name, total]) => [name, { total: Long.fromNumber(total) }]),
      ),
    },
    storageEngine: { name: 'embedded', persistent: false },
    ok: 1,
  };
};

export const hostInfo: CommandHandler = () => ({
  system: { currentTime: new Date(), hostname: 'localhost', numCores: 1 },
  os: { type: process.platform },
  ok: 1,
});

export const whatsmyuri: CommandHandler = () => ({ you: '127.0.0.1:0', ok: 1 });

export const getCmdLineOpts: CommandHandler = () => ({ argv: ['groovy-mongo'], parsed: {}, ok: 1 });

export const getLog: CommandHandler = () => ({ totalLinesWritten: 0, log: [], ok: 1 });

/** Session and transaction housekeeping commands a standalone accepts. */
export const okReply: CommandHandler = () => ({ ok: 1 });

export const getLastError: CommandHandler = () => ({ n: 0, err: null, ok: 1 });
