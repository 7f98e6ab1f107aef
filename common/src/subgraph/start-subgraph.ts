import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { IncomingMessage } from 'node:http';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { DEV_IDENTITY_TOKEN_SECRET } from '../config/environment-fields';
import { createErrorFormatter } from '../errors/format-error';
import { createLogger, requestScope } from '../logging/logger';
import { createServiceMetrics } from '../metrics/service-metrics';
import { connectDatabase, isDatabaseReachable } from '../mongo/connect-database';
import { resolveMongoFromEnvironment, type ResolvedMongo } from '../mongo/resolve-mongo';
import { createHttpService, type ReadinessCheck } from '../server/http-service';
import { exitOnShutdownSignals } from '../server/shutdown-signals';
import { requiresRouterIdentity, routerClaimsOf, routerIdentity } from './router-identity';
import type { BaseSubgraphContext } from './subgraph-context';
import {
  serveSubscriptions,
  type SubscriptionLimits,
  type SubscriptionServer,
} from './subscription-server';

/** The shared part of every service's parsed environment (see `serviceEnvironmentShape`). */
export interface SubgraphEnvironment {
  NODE_ENV: 'development' | 'test' | 'production';
  LOG_LEVEL: string;
  LOG_FORMAT: 'json' | 'pretty';
  HOST: string;
  PORT: number;
  MONGO_URL?: string | undefined;
  MONGO_DATABASE?: string | undefined;
  MONGO_ALLOW_DOWNLOAD: boolean;
  MONGOMS_SYSTEM_BINARY?: string | undefined;
  SHUTDOWN_TIMEOUT_MS: number;
  /** Distinct operation names with their own metrics label (default 200); the rest are `other`. */
  METRICS_MAX_OPERATION_NAMES?: number;
  IDENTITY_TOKEN_SECRET: string;
  /** Refuse GraphQL requests without a router-signed identity (default: on in production). */
  REQUIRE_ROUTER_IDENTITY?: boolean | undefined;
  PATH?: string | undefined;
}

/** What a subgraph's own code gets to build its schema, context, routes and background work. */
export interface SubgraphDependencies {
  name: string;
  connection: Connection;
  logger: Logger;
}

export type { BaseSubgraphContext } from './subgraph-context';

/** What a context builder gets besides the base context: where the operation came from. */
export interface ContextArgs {
  base: BaseSubgraphContext;
  /** The HTTP request (an Express request), or the upgrade request of a graphql-ws connection. */
  req: IncomingMessage;
  transport: 'http' | 'websocket';
}

export interface StartSubgraphOptions<TContext extends object> {
  /** Short name (`auth`, `songs`, …): log field, metrics label, default database `groovy_<name>`. */
  name: string;
  environment: SubgraphEnvironment;
  /** Database name inside the Mongo server; each subgraph owns its own. */
  databaseName?: string;
  /** An already-resolved Mongo server (tests share one per file); otherwise resolved here. */
  mongo?: ResolvedMongo;
  logger?: Logger;
  /** Builds the federated schema (normally with `buildFederatedSchema`). */
  schema(dependencies: SubgraphDependencies): Promise<GraphQLSchema>;
  /**
   * Adds the subgraph's fields to each operation's context: an HTTP request's, or an operation on a
   * graphql-ws connection (`req` is then the connection's upgrade request).
   */
  context?(args: ContextArgs & SubgraphDependencies): Promise<TContext> | TContext;
  /** Bounds of the graphql-ws endpoint (served when the schema has a Subscription type). */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** Extra HTTP routes (webhooks, uploads), mounted before `/graphql`. */
  routes?(app: Express, dependencies: SubgraphDependencies): void;
  /** Background work started once the server listens; the returned function stops it. */
  onStarted?(dependencies: SubgraphDependencies): Promise<(() => Promise<void>) | void>;
  /** Extra `/readyz` checks besides Mongo. */
  readinessChecks?: ReadinessCheck[];
  /** Exit on SIGTERM/SIGINT after a graceful stop (default true; tests pass false). */
  handleSignals?: boolean;
}

export interface RunningSubgraph {
  name: string;
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  baseUrl: string;
  /** The GraphQL endpoint: `${baseUrl}/graphql`. */
  url: string;
  port: number;
  connection: Connection;
  logger: Logger;
  /** GraphQL subscriptions running now over graphql-ws (0 when the schema has none). */
  openSubscriptions(): number;
  stop(): Promise<void>;
}

/**
 * The server under every subgraph (`startSubgraph` starts it from a description): resolves Mongo, connects its database, builds the federated schema,
 * serves Apollo Server on `/graphql` with `/healthz`, `/readyz` (Mongo reachable) and `/metrics`,
 * and stops gracefully (stop accepting, finish in-flight requests, close Mongo).
 */
export async function serveSubgraph<TContext extends object = object>(
  options: StartSubgraphOptions<TContext>,
): Promise<RunningSubgraph> {
  const { name, environment: env } = options;
  const logger =
    options.logger ?? createLogger({ service: name, level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  if (env.NODE_ENV === 'production' && env.IDENTITY_TOKEN_SECRET === DEV_IDENTITY_TOKEN_SECRET) {
    throw new Error('IDENTITY_TOKEN_SECRET must be set in production (the dev default is public)');
  }
  const ownsMongo = !options.mongo;
  const mongo = options.mongo ?? (await resolveMongoFromEnvironment(env, logger));
  const databaseName = options.databaseName ?? env.MONGO_DATABASE ?? `groovy_${name}`;
  const connection = await connectDatabase(mongo.url, databaseName);
  const dependencies: SubgraphDependencies = { name, connection, logger };

  const metrics = createServiceMetrics(name, {
    operationNames: env.METRICS_MAX_OPERATION_NAMES
      ? { maxNames: env.METRICS_MAX_OPERATION_NAMES }
      : {},
  });
  const service = createHttpService({
    name,
    host: env.HOST,
    port: env.PORT,
    logger,
    metrics,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    readinessChecks: [
      { name: 'mongo', check: () => isDatabaseReachable(connection) },
      ...(options.readinessChecks ?? []),
    ],
  });
  service.onStop(async () => {
    await connection.close();
    if (ownsMongo) await mongo.stop();
  });

  const schema = await options.schema(dependencies);
  const apollo = new ApolloServer<BaseSubgraphContext & TContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // Draining is the HTTP shell's job: it stops the listener and waits for in-flight requests.
    plugins: [metrics.apolloPlugin, ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  service.onStop(() => apollo.stop());

  options.routes?.(service.app, dependencies);
  service.app.use(
    '/graphql',
    routerIdentity({ secret: env.IDENTITY_TOKEN_SECRET, required: requiresRouterIdentity(env) }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // The logger adds requestId to every line itself (from requestScope).
        const claims = routerClaimsOf(res);
        const base: BaseSubgraphContext = {
          requestId: requestScope.getStore()?.requestId ?? 'none',
          logger,
          identity: claims?.identity ?? null,
          clientAddress: claims?.clientAddress ?? null,
        };
        const extra = options.context
          ? await options.context({ req, base, transport: 'http', ...dependencies })
          : ({} as TContext);
        return { ...base, ...extra };
      },
    }),
  );

  // Subscriptions: graphql-ws on the same server and path, closed first on stop (before the bus
  // subscriber that feeds them and before Mongo), so open sockets never hold the stop up.
  let subscriptions: SubscriptionServer | undefined;
  if (schema.getSubscriptionType()) {
    const server = serveSubscriptions({
      httpServer: service.httpServer,
      path: '/graphql',
      schema,
      logger,
      registry: metrics.registry,
      identitySecret: env.IDENTITY_TOKEN_SECRET,
      requireIdentity: requiresRouterIdentity(env),
      ...(options.subscriptionLimits ? { limits: options.subscriptionLimits } : {}),
      context: async ({ base, req }) =>
        options.context
          ? await options.context({ req, base, transport: 'websocket', ...dependencies })
          : {},
    });
    subscriptions = server;
    service.onClosing(() => server.close());
  }

  const baseUrl = await service.listen();
  const port = Number(new URL(baseUrl).port);
  // Background work (bus, relay, consumers) that fails to start takes the server down with it:
  // a process that listens but never consumes would look ready while it is not.
  const stopBackground = await options.onStarted?.(dependencies).catch(async (error: unknown) => {
    await service.stop().catch(() => undefined);
    throw error;
  });
  if (stopBackground) service.onStop(stopBackground);
  logger.info({ url: `${baseUrl}/graphql` }, `${name} subgraph listening`);

  if (options.handleSignals ?? true) exitOnShutdownSignals(() => service.stop(), logger);
  return {
    name,
    baseUrl,
    url: `${baseUrl}/graphql`,
    port,
    connection,
    logger,
    openSubscriptions: () => subscriptions?.openSubscriptions() ?? 0,
    stop: () => service.stop(),
  };
}
