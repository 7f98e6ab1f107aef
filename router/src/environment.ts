// The router's configuration: parsed from process.env with zod once (the only place that reads it).
import path from 'node:path';
import {
  DEV_IDENTITY_TOKEN_SECRET,
  envBoolean,
  envOptionalUrl,
  envPositiveInt,
  loadEnvironment,
  parseEnvironment,
  serviceEnvironmentShape,
} from '@groovy/common/config';
import { z } from 'zod';
import { trustedProxiesVariable } from './identity/trusted-proxies';
import { eventBusEnvironmentShape } from '@groovy/common/events';

/** `<repo>/schemas/supergraph.graphql`, from src/ (tsx) and from dist/ (node) alike. */
export const DEFAULT_SUPERGRAPH_PATH = path.resolve(
  __dirname,
  '..',
  '..',
  'schemas',
  'supergraph.graphql',
);

const url = (defaultValue: string) =>
  z
    .string()
    .trim()
    .default(defaultValue)
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: 'expected an http(s) URL',
    });

/** `true`/`false`, a hop count, or an express "trust proxy" list such as `loopback` or `10.0.0.0/8`. */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value): boolean | number | string => {
    if (value === undefined || value === '' || value.toLowerCase() === 'false') return false;
    if (value.toLowerCase() === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value;
  });

export const routerEnvironmentSchema = z.object({
  ...serviceEnvironmentShape(4000),

  /**
   * `/metrics` and `/readyz` on their own port, off the public one (`/healthz` stays on both).
   * Unset: the public port in development and test, DEFAULT_PRODUCTION_INTERNAL_PORT in production.
   */
  INTERNAL_PORT: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a port number' })
        .int('expected a whole port number')
        .min(0, 'expected a port from 0 to 65535')
        .max(65535, 'expected a port from 0 to 65535')
        .optional(),
    ),
  /** The interface of INTERNAL_PORT (default HOST). */
  INTERNAL_HOST: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),

  // Supergraph
  SUPERGRAPH_PATH: z.string().trim().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  SUPERGRAPH_WATCH: envBoolean(true),
  SUBGRAPH_TIMEOUT_MS: envPositiveInt(15_000),

  // Callers
  AUTH_JWKS_URL: url('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().trim().min(1).default('groovy-auth'),
  JWT_AUDIENCE: z.string().trim().min(1).default('groovy-api'),
  AUTH_INTERNAL_URL: url('http://127.0.0.1:4001'),
  API_KEY_CACHE_TTL_MS: envPositiveInt(30_000),
  /** Proxies whose `x-forwarded-for` is believed (the web app, a load balancer); default loopback. */
  TRUSTED_PROXIES: trustedProxiesVariable,
  /** Older form (express `trust proxy`: true or a hop count); when set, it replaces TRUSTED_PROXIES. */
  TRUST_PROXY: trustProxy,
  /** Browser origins allowed to call the router (comma-separated; `*` for any). */
  CORS_ORIGINS: z
    .string()
    .trim()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) =>
        origins.every(
          (origin) => origin === '*' || (URL.canParse(origin) && new URL(origin).origin === origin),
        ),
      {
        message:
          'expected comma-separated origins such as https://groovy.example (scheme://host[:port]) or *',
      },
    ),

  // Protection
  LIMIT_MAX_DEPTH: envPositiveInt(15),
  LIMIT_MAX_ALIASES: envPositiveInt(30),
  LIMIT_MAX_ROOT_FIELDS: envPositiveInt(20),
  LIMIT_MAX_TOKENS: envPositiveInt(5_000),
  LIMIT_MAX_FIELDS: envPositiveInt(1_000),
  LIMIT_MAX_REPEATED_FIELD: envPositiveInt(20),
  LIMIT_MAX_COST: envPositiveInt(5_000),
  LIMIT_DEFAULT_LIST_SIZE: envPositiveInt(10),
  LIMIT_MAX_BODY_BYTES: envPositiveInt(100_000),
  LIMIT_MAX_BATCH: envPositiveInt(10),
  INTROSPECTION: envBoolean(true),
  GRAPHIQL: envBoolean(true),

  // Rate limits (token buckets: BURST = bucket size, PER_MINUTE = refill rate)
  RATE_LIMIT_ENABLED: envBoolean(true),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: envPositiveInt(300),
  RATE_LIMIT_ANONYMOUS_BURST: envPositiveInt(60),
  RATE_LIMIT_USER_PER_MINUTE: envPositiveInt(600),
  RATE_LIMIT_USER_BURST: envPositiveInt(120),
  RATE_LIMIT_API_KEY_PER_MINUTE: envPositiveInt(600),
  RATE_LIMIT_API_KEY_BURST: envPositiveInt(120),
  /** A document costs one token per this many fields (at least one per operation). */
  RATE_LIMIT_FIELDS_PER_TOKEN: envPositiveInt(100),
  /**
   * Where buckets live: `memory` (this process: one router, or N routers allowing N times the
   * rate) or `mongo` (shared by every router replica; needs RATE_LIMIT_MONGO_URL).
   */
  RATE_LIMIT_STORE: z.enum(['memory', 'mongo']).default('memory'),
  RATE_LIMIT_MONGO_URL: envOptionalUrl(['mongodb', 'mongodb+srv']),
  RATE_LIMIT_MONGO_DATABASE: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'expected a database name (letters, digits, _ or -)')
    .default('groovy_router'),
  /** Tokens a router takes from a shared bucket at once, then spends without a round trip. */
  RATE_LIMIT_MONGO_BATCH: envPositiveInt(5),
  /** How long a router keeps tokens it took and has not spent (then they are given back). */
  RATE_LIMIT_MONGO_LEASE_MS: envPositiveInt(1_000),

  // Subscriptions (graphql-ws on the same /graphql path)
  SUBSCRIPTIONS_ENABLED: envBoolean(true),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: envPositiveInt(25),
  /** Per user, API key or (anonymous) client address, on one router instance. */
  SUBSCRIPTIONS_MAX_PER_CALLER: envPositiveInt(100),
  WS_MAX_CONNECTIONS_PER_ADDRESS: envPositiveInt(50),
  WS_CONNECTION_INIT_TIMEOUT_MS: envPositiveInt(5_000),
  WS_MAX_MESSAGE_BYTES: envPositiveInt(100_000),
  WS_KEEP_ALIVE_MS: envPositiveInt(12_000),
  /** API-key connections re-check their key this often; with API_KEY_CACHE_TTL_MS, the revocation bound. */
  WS_REVALIDATE_INTERVAL_MS: envPositiveInt(30_000),
  /** Resolved events a slow client may leave unread before its subscription is ended. */
  SUBSCRIPTIONS_MAX_QUEUED_EVENTS: envPositiveInt(256),
  /**
   * The same, summed over one connection's subscriptions: the subscription whose event would pass
   * it is ended (without it, 25 subscriptions × 256 events of any size could pile up per socket).
   */
  SUBSCRIPTIONS_MAX_QUEUED_EVENTS_PER_CONNECTION: envPositiveInt(1_024),

  // Persisted queries
  APQ_ENABLED: envBoolean(true),
  PERSISTED_QUERIES_ALLOWLIST_PATH: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  PERSISTED_QUERIES_ONLY: envBoolean(false),

  // Response cache (anonymous answers, by the subgraphs' @cacheControl hints; see src/response-cache)
  RESPONSE_CACHE_ENABLED: envBoolean(true),
  /** Bytes of answers kept in memory (least recently used first out). */
  RESPONSE_CACHE_MAX_BYTES: envPositiveInt(32 * 1024 * 1024),
  /**
   * The catalogue events drop cached answers (the router listens as a live subscriber of the bus):
   * EVENT_BUS=pubsub, or the embedded bus in the services' Mongo server at EVENT_BUS_MONGO_URL.
   * Without either, a cached answer lives until its max-age (required in production).
   */
  ...eventBusEnvironmentShape(),
  EVENT_BUS_MONGO_URL: envOptionalUrl(['mongodb', 'mongodb+srv']),
  /** After an event, the cache is dropped again this much later (replicas that apply it late). */
  RESPONSE_CACHE_INVALIDATION_SETTLE_MS: envPositiveInt(2_000),
});

/** Where `/metrics` and `/readyz` go in production when INTERNAL_PORT is unset. */
export const DEFAULT_PRODUCTION_INTERNAL_PORT = 9400;

type ParsedEnvironment = z.infer<typeof routerEnvironmentSchema>;

export interface RouterEnvironment extends ParsedEnvironment {
  /** `SUBGRAPH_<NAME>_URL` overrides, by upper-cased subgraph name (e.g. `AUTH`). */
  SUBGRAPH_URLS: Record<string, string>;
}

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;

function subgraphUrlOverrides(env: Record<string, string | undefined>) {
  const shape: Record<string, ReturnType<typeof envOptionalUrl>> = {};
  for (const name of Object.keys(env))
    if (SUBGRAPH_URL_VARIABLE.test(name)) shape[name] = envOptionalUrl(['http', 'https']);
  return shape;
}

function fullSchema(env: Record<string, string | undefined>) {
  return routerEnvironmentSchema.extend(subgraphUrlOverrides(env)).superRefine((value, ctx) => {
    if (value.RATE_LIMIT_STORE === 'mongo' && !value.RATE_LIMIT_MONGO_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['RATE_LIMIT_MONGO_URL'],
        message:
          'needs a mongodb:// URL when RATE_LIMIT_STORE=mongo (the store every router shares)',
      });
    }
    if (
      value.NODE_ENV === 'production' &&
      value.RESPONSE_CACHE_ENABLED &&
      value.EVENT_BUS === 'embedded' &&
      !value.EVENT_BUS_MONGO_URL
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['EVENT_BUS_MONGO_URL'],
        message:
          'needs the mongodb:// URL of the embedded event bus when RESPONSE_CACHE_ENABLED (catalogue events invalidate the cache); or set RESPONSE_CACHE_ENABLED=false',
      });
    }
    if (value.PERSISTED_QUERIES_ONLY && !value.PERSISTED_QUERIES_ALLOWLIST_PATH) {
      ctx.addIssue({
        code: 'custom',
        path: ['PERSISTED_QUERIES_ONLY'],
        message: 'needs PERSISTED_QUERIES_ALLOWLIST_PATH (the allow-list manifest)',
      });
    }
    if (
      value.NODE_ENV === 'production' &&
      value.IDENTITY_TOKEN_SECRET === DEV_IDENTITY_TOKEN_SECRET
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_TOKEN_SECRET'],
        message: 'must be set in production (the dev default is public)',
      });
    }
    // The subgraph URL overrides' index signature hides the parsed type (TRUST_PROXY: boolean | …).
    const trustProxy: unknown = value.TRUST_PROXY;
    if (value.NODE_ENV === 'production' && trustProxy === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message:
          'must not be true in production: it trusts every x-forwarded-for hop, so any client picks its own address (list the proxies in TRUSTED_PROXIES, or give TRUST_PROXY a hop count)',
      });
    }
  });
}

function withSubgraphUrls(parsed: Record<string, unknown>): RouterEnvironment {
  const SUBGRAPH_URLS: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const match = SUBGRAPH_URL_VARIABLE.exec(name);
    if (match && typeof value === 'string') SUBGRAPH_URLS[match[1]!] = value;
  }
  const environment = parsed as ParsedEnvironment;
  const INTERNAL_PORT =
    environment.INTERNAL_PORT ??
    (environment.NODE_ENV === 'production' ? DEFAULT_PRODUCTION_INTERNAL_PORT : undefined);
  return { ...environment, INTERNAL_PORT, SUBGRAPH_URLS };
}

/** Parses an environment record; throws EnvironmentError naming every bad variable (tests use this). */
export function parseRouterEnvironment(env: Record<string, string | undefined>): RouterEnvironment {
  return withSubgraphUrls(parseEnvironment(fullSchema(env), env) as Record<string, unknown>);
}

/** The router's configuration from process.env; on a bad variable, one log line and exit 78. */
export function loadRouterEnvironment(): RouterEnvironment {
  return withSubgraphUrls(
    loadEnvironment('router', fullSchema(process.env), process.env) as Record<string, unknown>,
  );
}
