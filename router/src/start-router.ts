import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
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
import { authenticate, clientAddressOf, type Caller } from './identity/authenticate.middleware';
import { createCallerResolver } from './identity/resolve-caller';
import { createIdentitySigner } from './identity/forwarded-identity';
import { createSessionLivenessChecker } from './identity/session-liveness';
import { compileTrustedProxies } from './identity/trusted-proxies';
import { persistedQueries } from './persisted-queries/persisted-queries.middleware';
import {
  loadPersistedDocumentsManifest,
  persistedQueryLookup,
} from './persisted-queries/persisted-query-manifest';
import { analyseDocuments, refuseDocuments } from './protection/document-limits';
import { LIST_SIZES } from './protection/list-sizes';
import { subscriptionsOverHttpPlugin } from './subscriptions/subscriptions-over-http.plugin';
import { operationLimitsPlugin } from './protection/operation-limits.plugin';
import { batchLimit, bodyErrors, jsonBody } from './protection/request-limits';
import {
  failedAttemptLimiter,
  rateLimit,
  type RateLimitPolicies,
} from './rate-limit/rate-limit.middleware';
import { createRateLimitStore } from './rate-limit/create-rate-limit-store';
import type { RateLimitStore } from './rate-limit/rate-limit-store';
import { publicResponseCachePlugins } from './response-cache/public-response-cache.plugin';
import { varyByCaller } from './response-cache/vary-by-caller';
import {
  CacheGeneration,
  invalidateOnCatalogueEvents,
  type CatalogueInvalidation,
} from './response-cache/catalogue-invalidation';
import { openInvalidationBus, type InvalidationBus } from './response-cache/invalidation-bus';
import type { RouterContext } from './router-context';
import { IdentityForwardingDataSource } from './supergraph/identity-forwarding-data-source';
import { createKeepAliveFetcher } from './supergraph/keep-alive-fetcher';
import { subgraphHealthUrl, subgraphsOf, subgraphUrlVariable } from './supergraph/subgraph-list';
import { supergraphFile, type SupergraphFileEvents } from './supergraph/supergraph-file';
import { createSubscribeGate } from './subscriptions/subscribe-gate';
import { createSubscriptionMetrics } from './subscriptions/subscription-metrics';
import { SubscriptionPlanner } from './subscriptions/subscription-planner';
import {
  startSubscriptionServer,
  type SubscriptionServer,
} from './subscriptions/subscription-server';
import { UpstreamPool } from './subscriptions/upstream-pool';
import proxyAddr from 'proxy-addr';
import type { IncomingMessage } from 'node:http';

export type { RouterContext } from './router-context';

export interface StartRouterOptions {
  environment: RouterEnvironment;
  logger?: Logger;
  /** Where rate-limit buckets live (default: what RATE_LIMIT_STORE says, see createRateLimitStore). */
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
  /** Where `/metrics` and `/readyz` are served: `baseUrl`, or the INTERNAL_PORT's base URL. */
  internalBaseUrl: string;
  port: number;
  logger: Logger;
  /** `updated` / `rejected` after each change of the supergraph file. */
  supergraphEvents: EventEmitter<SupergraphFileEvents>;
  /** graphql-ws on `url` (undefined with SUBSCRIPTIONS_ENABLED=false). */
  subscriptions: SubscriptionServer | undefined;
  /** Closes WebSockets with 1001, then stops HTTP gracefully. */
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;
/** Apollo Server's key prefix in the APQ cache (`apq:<sha256>`). */
const APQ_CACHE_PREFIX = 'apq:';

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
  const persistedDocuments = env.PERSISTED_QUERIES_ALLOWLIST_PATH
    ? loadPersistedDocumentsManifest(env.PERSISTED_QUERIES_ALLOWLIST_PATH)
    : undefined;
  const manifest = persistedDocuments ? persistedQueryLookup(persistedDocuments) : undefined;
  if (persistedDocuments && manifest) {
    logger.info(
      {
        path: env.PERSISTED_QUERIES_ALLOWLIST_PATH,
        operations: manifest.size,
        operationNames: persistedDocuments.map((document) => document.operationName),
        only: env.PERSISTED_QUERIES_ONLY,
      },
      'persisted query allow-list loaded',
    );
  }

  const metrics = createServiceMetrics('router', {
    operationNames: {
      maxNames: env.METRICS_MAX_OPERATION_NAMES,
      known: (persistedDocuments ?? []).flatMap((document) =>
        document.operationName ? [document.operationName] : [],
      ),
    },
  });
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
    ...(env.INTERNAL_PORT === undefined
      ? {}
      : { internalPort: env.INTERNAL_PORT, internalHost: env.INTERNAL_HOST ?? env.HOST }),
  });
  // req.ip: the client's address, from x-forwarded-for only as far as trusted proxies vouch for it.
  service.app.set(
    'trust proxy',
    env.TRUST_PROXY !== false ? env.TRUST_PROXY : compileTrustedProxies(env.TRUSTED_PROXIES),
  );

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
  const buildDataSource = (name: string, url: string | undefined) =>
    new IdentityForwardingDataSource(
      name,
      {
        url: env.SUBGRAPH_URLS[subgraphUrlVariable(name)] ?? url ?? '',
        fetcher: subgraphFetcher.fetcher,
      },
      routerMetrics.subgraphUnavailable,
    );
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) => buildDataSource(name, url),
  });
  // Subscriptions are planned on the same supergraph: each load or reload builds a new planner
  // generation; subscriptions already running keep the one they started on.
  const subscriptionPlanner = env.SUBSCRIPTIONS_ENABLED
    ? new SubscriptionPlanner({ subgraphUrlOverrides: env.SUBGRAPH_URLS, buildDataSource })
    : undefined;
  if (subscriptionPlanner) {
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      try {
        subscriptionPlanner.load(coreSupergraphSdl, apiSchema);
      } catch (error) {
        logger.error(
          { err: error },
          'could not build the subscription planner for this supergraph',
        );
      }
    });
  }

  const operationLimits = {
    maxDepth: env.LIMIT_MAX_DEPTH,
    maxAliases: env.LIMIT_MAX_ALIASES,
    maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
    maxCost: env.LIMIT_MAX_COST,
    defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
    listSizes: LIST_SIZES,
  };
  // Bumped by the catalogue events (below): part of every response-cache key.
  const cacheGeneration = new CacheGeneration();
  // Automatic persisted queries live here, so the document limits can measure a hash-only request.
  const apqCache = new InMemoryLRUCache<string>();
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: env.INTROSPECTION,
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    persistedQueries: env.APQ_ENABLED ? { cache: apqCache } : false,
    parseOptions: { maxTokens: env.LIMIT_MAX_TOKENS },
    formatError: createRouterErrorFormatter(logger, env.LIMIT_MAX_TOKENS),
    plugins: [
      metrics.apolloPlugin,
      operationLimitsPlugin(operationLimits),
      subscriptionsOverHttpPlugin(),
      ...(env.RESPONSE_CACHE_ENABLED
        ? publicResponseCachePlugins({
            generation: () => cacheGeneration.current(),
            cache: new InMemoryLRUCache<string>({
              maxSize: env.RESPONSE_CACHE_MAX_BYTES,
              sizeCalculation: (value) => value.length,
            }),
          })
        : []),
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

  let rateLimitStore: RateLimitStore;
  try {
    rateLimitStore = options.rateLimitStore ?? (await createRateLimitStore(env, logger));
  } catch (error) {
    subgraphFetcher.destroy();
    await apollo.stop();
    throw error;
  }
  // The response cache forgets what the catalogue events may have changed (per instance, live).
  let invalidationBus: InvalidationBus | undefined;
  let invalidation: CatalogueInvalidation | undefined;
  try {
    invalidationBus = env.RESPONSE_CACHE_ENABLED
      ? await openInvalidationBus(env, logger)
      : undefined;
    if (invalidationBus) {
      invalidation = await invalidateOnCatalogueEvents({
        bus: invalidationBus.bus,
        generation: cacheGeneration,
        settleMs: env.RESPONSE_CACHE_INVALIDATION_SETTLE_MS,
        logger,
        onInvalidate: routerMetrics.responseCacheInvalidated,
      });
    } else if (env.RESPONSE_CACHE_ENABLED) {
      logger.warn(
        'response cache without invalidation (no EVENT_BUS_MONGO_URL): answers live until their max-age',
      );
    }
  } catch (error) {
    await invalidationBus?.close().catch(() => undefined);
    await rateLimitStore.close?.();
    subgraphFetcher.destroy();
    await apollo.stop();
    throw error;
  }
  service.onStop(async () => {
    await invalidation?.stop().catch((error: unknown) => {
      logger.error({ err: error }, 'error while stopping the cache invalidation subscriber');
    });
    await invalidationBus?.close();
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
  const resolveCaller = createCallerResolver({
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
  });
  const documentLimits = {
    maxTokens: env.LIMIT_MAX_TOKENS,
    maxDepth: env.LIMIT_MAX_DEPTH,
    maxAliases: env.LIMIT_MAX_ALIASES,
    maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
    maxFields: env.LIMIT_MAX_FIELDS,
    maxRepeatedField: env.LIMIT_MAX_REPEATED_FIELD,
    fieldsPerToken: env.RATE_LIMIT_FIELDS_PER_TOKEN,
  };
  const app = service.app;
  const explorer = env.GRAPHIQL ? mountExplorer(app, options.explorerDir) : undefined;
  app.use(
    '/graphql',
    routerMetrics.rejectionMiddleware,
    cors(env.CORS_ORIGINS),
    ...(explorer ? [explorer] : []),
    authenticate({ resolveCaller }),
    jsonBody(env.LIMIT_MAX_BODY_BYTES),
    bodyErrors(env.LIMIT_MAX_BODY_BYTES),
    batchLimit(env.LIMIT_MAX_BATCH),
    ...(manifest ? [persistedQueries({ manifest, only: env.PERSISTED_QUERIES_ONLY })] : []),
    analyseDocuments({
      ...documentLimits,
      ...(env.APQ_ENABLED
        ? { persistedQueryText: (hash: string) => apqCache.get(`${APQ_CACHE_PREFIX}${hash}`) }
        : {}),
    }),
    // Charged by what the documents weigh, refused ones too; then refused before validation.
    ...(env.RATE_LIMIT_ENABLED ? [rateLimit(rateLimitStore, policies, logger)] : []),
    refuseDocuments(),
    ...(env.RESPONSE_CACHE_ENABLED ? [varyByCaller()] : []),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<RouterContext> => {
        const caller = res.locals.caller as Caller;
        return {
          requestId: requestScope.getStore()?.requestId ?? 'none',
          identity: caller.identity,
          // Every request carries one (anonymous callers too): subgraphs refuse direct calls in
          // production and take the client's address only from this token.
          identityToken: await signForwardedIdentity(caller.identity, caller.ip),
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
  const internalBaseUrl = service.internalBaseUrl() ?? baseUrl;

  let subscriptions: SubscriptionServer | undefined;
  if (subscriptionPlanner) {
    const subscriptionMetrics = createSubscriptionMetrics(metrics);
    const trust = app.get('trust proxy fn') as Parameters<typeof proxyAddr>[1];
    subscriptions = startSubscriptionServer({
      httpServer: service.httpServer,
      path: '/graphql',
      clientAddress: (request: IncomingMessage) =>
        clientAddressOf(Object.assign(request, { ip: proxyAddr(request, trust) })),
      resolveCaller,
      gate: createSubscribeGate({
        planner: subscriptionPlanner,
        documentLimits,
        operationLimits,
        ...(manifest ? { persisted: { manifest, only: env.PERSISTED_QUERIES_ONLY } } : {}),
        ...(env.APQ_ENABLED
          ? {
              apq: {
                get: (hash: string) => apqCache.get(`${APQ_CACHE_PREFIX}${hash}`),
                set: (hash: string, query: string) =>
                  apqCache.set(`${APQ_CACHE_PREFIX}${hash}`, query),
              },
            }
          : {}),
        ...(env.RATE_LIMIT_ENABLED ? { rateLimit: { store: rateLimitStore, policies } } : {}),
        logger,
      }),
      pool: new UpstreamPool({
        maxPayloadBytes: Math.max(env.WS_MAX_MESSAGE_BYTES, 10 * 1024 * 1024),
        connectionAckWaitTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
        keepAliveMs: env.WS_KEEP_ALIVE_MS,
        onSocketCount: subscriptionMetrics.upstreamSockets,
      }),
      signIdentity: signForwardedIdentity,
      liveSessions: createSessionLivenessChecker({
        authInternalUrl: env.AUTH_INTERNAL_URL,
        internalSecret: env.IDENTITY_TOKEN_SECRET,
      }),
      formatError: createRouterErrorFormatter(logger, env.LIMIT_MAX_TOKENS),
      metrics: subscriptionMetrics,
      logger,
      limits: {
        maxSubscriptionsPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION,
        maxSubscriptionsPerCaller: env.SUBSCRIPTIONS_MAX_PER_CALLER,
        maxConnectionsPerAddress: env.WS_MAX_CONNECTIONS_PER_ADDRESS,
        connectionInitTimeoutMs: env.WS_CONNECTION_INIT_TIMEOUT_MS,
        maxMessageBytes: env.WS_MAX_MESSAGE_BYTES,
        keepAliveMs: env.WS_KEEP_ALIVE_MS,
        revalidateIntervalMs: env.WS_REVALIDATE_INTERVAL_MS,
        maxQueuedEvents: env.SUBSCRIPTIONS_MAX_QUEUED_EVENTS,
        maxQueuedEventsPerConnection: env.SUBSCRIPTIONS_MAX_QUEUED_EVENTS_PER_CONNECTION,
      },
    });
  }
  let stopping: Promise<void> | undefined;
  // WebSockets first (1001): an upgraded socket would otherwise hold the HTTP server's close open.
  const stop = () =>
    (stopping ??= (async () => {
      await subscriptions?.close().catch((error: unknown) => {
        logger.error({ err: error }, 'error while closing WebSockets');
      });
      await service.stop();
    })());
  logger.info(
    { url, internal: internalBaseUrl, supergraph: env.SUPERGRAPH_PATH },
    'router listening',
  );
  if (options.handleSignals) exitOnShutdownSignals(stop, logger);
  return {
    url,
    baseUrl,
    internalBaseUrl,
    port: Number(new URL(baseUrl).port),
    logger,
    supergraphEvents: supergraph.events,
    subscriptions,
    stop,
  };
}
