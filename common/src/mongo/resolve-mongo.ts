import type { Logger } from 'pino';
import { findMongodOnPath } from './find-mongod-binary';

/** Where the Mongo server a service talks to came from. */
export type MongoSource = 'MONGO_URL' | 'mongodb-memory-server' | 'embedded-engine';

export interface ResolvedMongo {
  url: string;
  source: MongoSource;
  /** One sentence on why this source was chosen; logged once. */
  reason: string;
  /** Stops the server if this process started it; a no-op for MONGO_URL. */
  stop(): Promise<void>;
}

export interface ResolveMongoOptions {
  /** `MONGO_URL`: an existing server; wins over everything else. */
  mongoUrl?: string | undefined;
  /** `NODE_ENV`: in production only `MONGO_URL` is acceptable (no in-process database). */
  nodeEnv?: string | undefined;
  /** `MONGOMS_SYSTEM_BINARY`: a mongod binary for mongodb-memory-server. */
  systemBinary?: string | undefined;
  /** The OS search path, to find a `mongod` there. */
  searchPath?: string | undefined;
  /** `MONGO_ALLOW_DOWNLOAD`: let mongodb-memory-server download mongod (off: these machines are offline). */
  allowDownload?: boolean;
  /** Host/port for a server this process starts (default 127.0.0.1 and a free port). */
  host?: string;
  port?: number;
  logger: Logger;
}

async function startMemoryServer(systemBinary: string | undefined, host: string, port: number) {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({
    binary: systemBinary ? { systemBinary } : {},
    instance: { ip: host, ...(port ? { port } : {}) },
  });
  return {
    url: server.getUri().replace(/\/$/, ''),
    stop: async () => {
      await server.stop();
    },
  };
}

/** Production must name its database server: an in-process one would lose every write on restart. */
export class MongoUrlRequiredError extends Error {
  constructor() {
    super(
      'MONGO_URL must be set when NODE_ENV=production: refusing to start an in-process database (mongodb-memory-server or the embedded engine) whose data would be lost on restart',
    );
    this.name = 'MongoUrlRequiredError';
  }
}

/**
 * Resolves the Mongo server in DESIGN.md's order: `MONGO_URL` → mongodb-memory-server (a system
 * mongod, or its download when allowed) → the embedded engine that speaks the wire protocol.
 * In production only `MONGO_URL` is accepted (`MongoUrlRequiredError` otherwise).
 * Logs one line saying which and why. Callers only ever get a URL: nothing downstream knows which.
 */
export async function resolveMongo(options: ResolveMongoOptions): Promise<ResolvedMongo> {
  const { logger, host = '127.0.0.1', port = 0 } = options;
  const chosen = (resolved: ResolvedMongo): ResolvedMongo => {
    logger.info(
      { mongo: { source: resolved.source, url: redactCredentials(resolved.url) } },
      `mongo: using ${resolved.source} (${resolved.reason})`,
    );
    return resolved;
  };

  if (options.mongoUrl) {
    return chosen({
      url: options.mongoUrl,
      source: 'MONGO_URL',
      reason: 'MONGO_URL is set',
      stop: async () => {},
    });
  }

  if (options.nodeEnv === 'production') throw new MongoUrlRequiredError();

  const systemBinary = options.systemBinary || findMongodOnPath(options.searchPath);
  let whyNotMemoryServer: string;
  if (systemBinary || options.allowDownload) {
    try {
      const server = await startMemoryServer(systemBinary, host, port);
      return chosen({
        ...server,
        source: 'mongodb-memory-server',
        reason: systemBinary
          ? `MONGO_URL is unset; found mongod at ${systemBinary}`
          : 'MONGO_URL is unset; MONGO_ALLOW_DOWNLOAD let mongodb-memory-server fetch mongod',
      });
    } catch (error) {
      whyNotMemoryServer = `mongodb-memory-server failed to start: ${(error as Error).message}`;
    }
  } else {
    whyNotMemoryServer =
      'no mongod on PATH or in MONGOMS_SYSTEM_BINARY and MONGO_ALLOW_DOWNLOAD is off';
  }

  // Loaded only here: services given MONGO_URL never load the engine.
  const { startEmbeddedMongo } = await import('@groovy/embedded-mongo');
  const engine = await startEmbeddedMongo({ host, port });
  return chosen({
    url: engine.url,
    source: 'embedded-engine',
    reason: `MONGO_URL is unset; ${whyNotMemoryServer}`,
    stop: () => engine.stop(),
  });
}

/** `mongodb://user:secret@host` → `mongodb://user:***@host`, for logs. */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/** The environment variables `resolveMongo` reads (every service's shared environment has them). */
export interface MongoEnvironment {
  NODE_ENV?: string | undefined;
  MONGO_URL?: string | undefined;
  MONGOMS_SYSTEM_BINARY?: string | undefined;
  PATH?: string | undefined;
  MONGO_ALLOW_DOWNLOAD?: boolean | undefined;
}

/** `resolveMongo` configured from a service's environment. */
export function resolveMongoFromEnvironment(
  env: MongoEnvironment,
  logger: Logger,
): Promise<ResolvedMongo> {
  return resolveMongo({
    mongoUrl: env.MONGO_URL,
    nodeEnv: env.NODE_ENV,
    systemBinary: env.MONGOMS_SYSTEM_BINARY,
    searchPath: env.PATH,
    allowDownload: env.MONGO_ALLOW_DOWNLOAD ?? false,
    logger,
  });
}
