import type { Logger } from 'pino';
import { createLogger } from '../logging/logger';
import type { ResolvedMongo } from '../mongo/resolve-mongo';
import { startSubgraph, type RunningDescribedSubgraph } from '../subgraph/start-described-subgraph';
import {
  serveSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphEnvironment,
} from '../subgraph/start-subgraph';
import type { SubgraphDescription, SubgraphModule } from '../subgraph/subgraph-description';
import type { TestMongo } from './test-mongo';

/** Environment defaults for a subgraph under test: loopback, a free port, quiet logs. */
export const TEST_ENVIRONMENT: SubgraphEnvironment = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  LOG_FORMAT: 'json',
  HOST: '127.0.0.1',
  PORT: 0,
  MONGO_ALLOW_DOWNLOAD: false,
  SHUTDOWN_TIMEOUT_MS: 5_000,
  IDENTITY_TOKEN_SECRET: 'test-identity-token-secret-at-least-32-chars',
};

/** A silent logger for tests (set `TEST_LOG_LEVEL=debug` to see the logs). */
export function createTestLogger(service: string): Logger {
  // eslint-disable-next-line no-process-env -- test-only switch for log output
  return createLogger({ service, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

type TestServerOptions<TContext extends object> = Omit<
  StartSubgraphOptions<TContext>,
  'environment' | 'mongo' | 'handleSignals'
> & { environment?: Partial<SubgraphEnvironment> };

/**
 * Starts a subgraph in-process on a free port with a fresh database on the test file's Mongo;
 * `stop()` stops it gracefully and drops that database. Takes the subgraph's description (its
 * production wiring, bus and relay included), or bare server options (common's own tests).
 */
export async function startTestSubgraph<TModule extends SubgraphModule, TContext extends object>(
  mongo: TestMongo,
  description: SubgraphDescription<TModule, TContext>,
  overrides?: { databaseName?: string },
): Promise<RunningDescribedSubgraph<TModule>>;
export async function startTestSubgraph<TContext extends object>(
  mongo: TestMongo,
  options: TestServerOptions<TContext>,
): Promise<RunningSubgraph>;
export async function startTestSubgraph<TContext extends object>(
  mongo: TestMongo,
  subgraph: SubgraphDescription<SubgraphModule, TContext> | TestServerOptions<TContext>,
  overrides: { databaseName?: string } = {},
): Promise<RunningSubgraph> {
  if ('create' in subgraph) {
    return startSubgraph(subgraph, overrides, (options) => serveTestSubgraph(mongo, options));
  }
  return serveTestSubgraph(mongo, subgraph);
}

async function serveTestSubgraph<TContext extends object>(
  mongo: TestMongo,
  options: TestServerOptions<TContext>,
): Promise<RunningSubgraph> {
  const shared: ResolvedMongo = {
    url: mongo.url,
    source: 'MONGO_URL',
    reason: 'test file server',
    stop: async () => {},
  };
  const running = await serveSubgraph<TContext>({
    ...options,
    environment: { ...TEST_ENVIRONMENT, ...options.environment },
    databaseName: options.databaseName ?? mongo.freshDatabaseName(options.name),
    mongo: shared,
    logger: options.logger ?? createTestLogger(options.name),
    handleSignals: false,
    // Stop cleanups run last-added first, so the database is dropped before the connection closes.
    onStarted: async (dependencies) => {
      const stopBackground = await options.onStarted?.(dependencies);
      return async () => {
        if (stopBackground) await stopBackground();
        await dependencies.connection.dropDatabase().catch(() => undefined);
      };
    },
  });
  return running;
}
