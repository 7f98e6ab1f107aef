import { createServer, type Server, type Socket } from 'node:net';
import { newServerStats } from './commands/context';
import { Connection } from './connection';
import { CursorRegistry } from './cursors';
import { silentLogger, type Logger } from './logger';
import { StorageEngine } from './storage/engine';
import { SnapshotStore } from './storage/persistence';
import { sweepExpired } from './storage/ttl';

export interface EmbeddedMongoOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** TCP port; 0 (the default) picks a free port. */
  port?: number;
  /** Directory for snapshots; in-memory only when absent. */
  dataDir?: string;
  /** How often TTL indexes are swept. Default 60 000 ms like mongod. */
  ttlIntervalMs?: number;
  /** How often dirty collections are snapshotted when dataDir is set. Default 5 000 ms. */
  persistIntervalMs?: number;
  logger?: Logger;
}

export interface EmbeddedMongo {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts a MongoDB-wire-protocol server backed by the embedded engine. */
export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const engine = new StorageEngine();
  const store = options.dataDir ? new SnapshotStore(options.dataDir) : undefined;
  if (store) {
    const loaded = store.load(engine);
    logger.info('loaded snapshots', { dataDir: options.dataDir, collections: loaded });
  }
  const cursors = new CursorRegistry();
  const stats = newServerStats();
  const sockets = new Set<Socket>();
  const startedAt = new Date();
  let connectionCounter = 0;
  let boundPort = 0;

  const server = createServer((socket) => {
    connectionCounter += 1;
    const connectionId = connectionCounter;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => {
      sockets.delete(socket);
      // A tailable cursor dies with the connection that used it (a client that went away stops waiting).
      cursors.killOwnedBy(connectionId);
    });
    new Connection(socket, {
      engine,
      cursors,
      logger,
      stats,
      connectionId,
      startedAt,
      host,
      port: boundPort,
    });
  });
  server.on('error', (err) => logger.error('server error', { error: err.message }));

  try {
    boundPort = await listen(server, options.port ?? 0, host);
  } catch (err) {
    cursors.close();
    throw err;
  }

  const persist = (): void => {
    if (!store) return;
    try {
      store.save(engine);
    } catch (err) {
      logger.error('snapshot failed', { error: (err as Error).message });
    }
  };
  const ttlTimer = setInterval(() => {
    const removed = sweepExpired(engine);
    if (removed > 0) logger.info('ttl sweep', { removed });
  }, options.ttlIntervalMs ?? 60_000);
  ttlTimer.unref();
  const persistTimer = store ? setInterval(persist, options.persistIntervalMs ?? 5_000) : undefined;
  persistTimer?.unref();

  let stopped: Promise<void> | undefined;
  const host_ = host.includes(':') ? `[${host}]` : host;
  return {
    url: `mongodb://${host_}:${boundPort}`,
    host,
    port: boundPort,
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        clearInterval(ttlTimer);
        if (persistTimer) clearInterval(persistTimer);
        cursors.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          persist();
          resolve();
        });
      });
      return stopped;
    },
  };
}
