import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createLogger, requestScope, type Logger } from '@groovy/common/logging';
import { createServiceMetrics } from '@groovy/common/metrics';
import {
  createHttpService,
  exitOnShutdownSignals,
  type ReadinessCheck,
} from '@groovy/common/server';
import type { EventEmitter } from 'node:events';
import type { RouterEnvironment } from './environment';
import { mountExplorer } from './explorer/explorer-page';
import type { ErrorRequestHandler } from 'express';
import { cors } from './http/cors';
import { sendGraphQLError } from './http/graphql-error-response';
import { createRouterMetrics } from './http/router-metrics';
import { createRouterErrorFormatter } from './http/format-router-error';
import { createAccessTokenVerifier } from './identity/access-token-verifier';
import { createApiKeyVerifier } from './identity/api-key-verifier';
import { authenticate, type Caller } from './identity/authenticate.middleware';
import { createIdentitySigner } from './identity/forwarded-identity';
import { persistedQueries } from './persisted-queries/persisted-queries.middleware';
import { loadPersistedQueryManifest } from './persisted-queries/persisted-query-manifest';
import { operationLimitsPlugin } from './protection/operation-limits.plugin';
import { batchLimit, bodyErrors, jsonBody } from './protection/request-limits';
import {
  failedAttemptLimiter,
  rateLimit,
  type RateLimitPolicies,
} from './rate-limit/rate-limit.middleware';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit/rate-limit-store';
import type { RouterContext } from './router-context';
import { IdentityForwardingDataSource } from './supergraph/identity-forwarding-data-source';
import { createKeepAliveFetcher } from './supergraph/keep-alive-fetcher';
import { subgraphHealthUrl, subgraphsOf, subgraphUrlVariable } from './supergraph/subgraph-list';
import { supergraphFile, type SupergraphFileEvents } from './supergraph/supergraph-file';

export type { RouterContext } from './router-context';

export interface StartRouterOptions {
  environment: RouterEnvironment;
  logger?: Logger;
  /** Where rate-limit buckets live (default: this process's memory). */
  rateLimitStore?: RateLimitStore;
  /** The bundled GraphiQL files (default `dist/explorer-assets`). */
  explorerDir?: string;
  /** Exit on SIGTERM/SIGINT after a graceful stop (default false; `src/index.ts` passes true). */
  handleSignals?: boolean;
}

export interface RunningRouter {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  baseUrl: string;
  port: number;
  logger: Logger;
  /** `updated` / `rejected` after each change of the supergraph file. */
  supergraphEvents: EventEmitter<SupergraphFileEvents>;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Starts the public endpoint: Apollo Server 5 + @apollo/gateway on `/graphql`, over the composed
 * supergraph file (hot-reloaded), behind authentication, limits, rate limits and persisted queries;
 * GraphiQL for browsers; `/healthz`, `/readyz` (every subgraph answers), `/metrics`.
 */
export async function startRouter(options: StartRouterOptions): Promise<RunningRouter> {
  const env = options.environment;
  const logger =
    options.logger ??
    createLogger({ service: 'router', level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  // Read before anything starts, so a bad manifest stops the router with nothing to clean up.
  const manifest = env.PERSISTED_QUERIES_ALLOWLIST_PATH
    ? loadPersistedQueryManifest(env.PERSISTED_QUERIES_ALLOWLIST_PATH)
    : undefined;
  if (manifest) {
    logger.info(
      {
        path: env.PERSISTED_QUERIES_ALLOWLIST_PATH,
        operations: manifest.size,
        only: env.PERSISTED_QUERIES_ONLY,
      },
      'persisted query allow-list loaded',
    );
  }

  const metrics = createServiceMetrics('router');
  const routerMetrics = createRouterMetrics(metrics);

  // /readyz: the supergraph is loaded and every subgraph it names answers /healthz. The list is
  // rebuilt on each reload; createHttpService asks for the current one on every request.
  let supergraphLoaded = false;
  let readinessChecks: ReadinessCheck[] = [];
  const refreshReadinessChecks = (sdl: string) => {
    const subgraphs = subgraphsOf(sdl, env.SUBGRAPH_URLS);
    readinessChecks = [
      { name: 'supergraph', check: async () => supergraphLoaded },
      ...subgraphs.map(({ name, url }) => ({
        name: `subgraph:${name}`,
        check: async () => {
          const response = await fetch(subgraphHealthUrl(url), {
            signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
          });
          await response.body?.cancel();
          return response.ok;
        },
      })),
    ];
  };

  const service = createHttpService({
    name: 'router',
    host: env.HOST,
    port: env.PORT,
    logger,
    metrics,
    readinessChecks: () => readinessChecks,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  });
  if (env.TRUST_PROXY !== false) service.app.set('trust proxy', env.TRUST_PROXY);

  const supergraph = supergraphFile({
    path: env.SUPERGRAPH_PATH,
    watch: env.SUPERGRAPH_WATCH,
    logger,
    validate: (sdl) => {
      if (subgraphsOf(sdl).length === 0)
        throw new Error('the supergraph names no subgraph (no join__Graph values)');
    },
    onApplied: (sdl) => {
      supergraphLoaded = true;
      refreshReadinessChecks(sdl);
    },
  });

  const subgraphFetcher = createKeepAliveFetcher({ timeoutMs: env.SUBGRAPH_TIMEOUT_MS });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) =>
      new IdentityForwardingDataSource(
        name,
        {
          url: env.SUBGRAPH_URLS[subgraphUrlVariable(name)] ?? url ?? '',
          fetcher: subgraphFetcher.fetcher,
        },
        routerMetrics.subgraphUnavailable,
      ),
  });

  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: env.INTROSPECTION,
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    persistedQueries: env.APQ_ENABLED ? {} : false,
    parseOptions: { maxTokens: env.LIMIT_MAX_TOKENS },
    formatError: createRouterErrorFormatter(logger, env.LIMIT_MAX_TOKENS),
    plugins: [
      metrics.apolloPlugin,
      operationLimitsPlugin({
        maxDepth: env.LIMIT_MAX_DEPTH,
        maxAliases: env.LIMIT_MAX_ALIASES,
        maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
        maxCost: env.LIMIT_MAX_COST,
        defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
      }),
      // No Apollo Sandbox (it loads from a CDN; GraphiQL is served locally instead), no telemetry.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  try {
    await apollo.start();
  } catch (error) {
    subgraphFetcher.destroy();
    throw error;
  }

  const rateLimitStore = options.rateLimitStore ?? new MemoryRateLimitStore();
  service.onStop(async () => {
    await rateLimitStore.close?.();
    subgraphFetcher.destroy();
  });
  service.onStop(() => apollo.stop());

  const perMinute = (count: number) => count / 60;
  const policies: RateLimitPolicies = {
    anonymous: {
      capacity: env.RATE_LIMIT_ANONYMOUS_BURST,
      refillPerSecond: perMinute(env.RATE_LIMIT_ANONYMOUS_PER_MINUTE),
    },
    user: {
      capacity: env.RATE_LIMIT_USER_BURST,
      refillPerSecond: perMinute(env.RATE_LIMIT_USER_PER_MINUTE),
    },
    apiKey: {
      capacity: env.RATE_LIMIT_API_KEY_BURST,
      refillPerSecond: perMinute(env.RATE_LIMIT_API_KEY_PER_MINUTE),
    },
  };
  const signForwardedIdentity = createIdentitySigner(env.IDENTITY_TOKEN_SECRET);
  const app = service.app;
  const explorer = env.GRAPHIQL ? mountExplorer(app, options.explorerDir) : undefined;
  app.use(
    '/graphql',
    routerMetrics.rejectionMiddleware,
    cors(env.CORS_ORIGINS),
    ...(explorer ? [explorer] : []),
    authenticate({
      logger,
      ...(env.RATE_LIMIT_ENABLED
        ? { failures: failedAttemptLimiter(rateLimitStore, policies.anonymous) }
        : {}),
      verifyAccessToken: createAccessTokenVerifier({
        jwksUrl: env.AUTH_JWKS_URL,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
      }),
      apiKeys: createApiKeyVerifier({
        authInternalUrl: env.AUTH_INTERNAL_URL,
        internalSecret: env.IDENTITY_TOKEN_SECRET,
        cacheTtlMs: env.API_KEY_CACHE_TTL_MS,
      }),
    }),
    jsonBody(env.LIMIT_MAX_BODY_BYTES),
    bodyErrors(env.LIMIT_MAX_BODY_BYTES),
    ...(env.RATE_LIMIT_ENABLED ? [rateLimit(rateLimitStore, policies, logger)] : []),
    batchLimit(env.LIMIT_MAX_BATCH),
    ...(manifest ? [persistedQueries({ manifest, only: env.PERSISTED_QUERIES_ONLY })] : []),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<RouterContext> => {
        const caller = res.locals.caller as Caller;
        return {
          requestId: requestScope.getStore()?.requestId ?? 'none',
          identity: caller.identity,
          identityToken: caller.identity ? await signForwardedIdentity(caller.identity) : undefined,
        };
      },
    }),
  );

  // Last: anything that escaped a handler is logged and answered without internals.
  app.use(((error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500
        ? error.status
        : 500;
    if (status === 500) logger.error({ err: error }, 'unhandled error in an HTTP handler');
    sendGraphQLError(
      res,
      status,
      status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
      status === 500 ? 'Internal server error' : 'Bad request',
    );
  }) as ErrorRequestHandler);

  let baseUrl: string;
  try {
    baseUrl = await service.listen();
  } catch (error) {
    await service.stop();
    throw error;
  }
  const url = `${baseUrl}/graphql`;
  logger.info({ url, supergraph: env.SUPERGRAPH_PATH }, 'router listening');
  if (options.handleSignals) exitOnShutdownSignals(() => service.stop(), logger);
  return {
    url,
    baseUrl,
    port: Number(new URL(baseUrl).port),
    logger,
    supergraphEvents: supergraph.events,
    stop: () => service.stop(),
  };
}
