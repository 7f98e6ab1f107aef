import { z } from 'zod';

/** `true/false/1/0/yes/no/on/off` (lower-cased) → boolean; anything else adds an issue. */
function booleanWord(value: string, ctx: z.RefinementCtx): boolean {
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  ctx.addIssue({ code: 'custom', message: 'expected a boolean (true/false, 1/0, yes/no, on/off)' });
  return z.NEVER;
}

/** `true/false/1/0/yes/no/on/off` (any case) → boolean; anything else is rejected with a clear message. */
export function envBoolean(defaultValue: boolean) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) =>
      value === undefined || value === '' ? defaultValue : booleanWord(value, ctx),
    );
}

/** A TCP port number (0 = pick a free port). */
export function envPort(defaultValue: number) {
  return z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(defaultValue);
}

/** A positive whole number, e.g. a limit or a duration in milliseconds. */
export function envPositiveInt(defaultValue: number) {
  return z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .positive('expected a positive number')
    .default(defaultValue);
}

/** An optional URL; an empty string counts as unset. */
export function envOptionalUrl(protocols?: readonly string[]) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => {
        if (value === undefined) return true;
        try {
          const url = new URL(value);
          return !protocols || protocols.includes(url.protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: protocols ? `expected a URL (${protocols.join(', ')})` : 'expected a URL' },
    );
}

/** Used when IDENTITY_TOKEN_SECRET is unset, so `npm run dev` works; refused in production. */
export const DEV_IDENTITY_TOKEN_SECRET = 'dev-only-identity-token-secret-do-not-use-in-production';

/**
 * Variables every service shares. A service's environment.ts spreads this shape into its own
 * schema: `z.object({ ...serviceEnvironmentShape(4001), JWT_ISSUER: ... })`.
 */
export function serviceEnvironmentShape(defaultPort: number) {
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: envPort(defaultPort),
    MONGO_URL: envOptionalUrl(['mongodb', 'mongodb+srv']),
    /** The service's database inside the server (default `groovy_<service>`). */
    MONGO_DATABASE: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'expected a database name (letters, digits, _ or -)')
      .optional(),
    MONGO_ALLOW_DOWNLOAD: envBoolean(false),
    MONGOMS_SYSTEM_BINARY: z.string().trim().optional(),
    SHUTDOWN_TIMEOUT_MS: envPositiveInt(10_000),
    /** Distinct operation names that get their own metrics label; the rest count as `other`. */
    METRICS_MAX_OPERATION_NAMES: envPositiveInt(200),
    /** The OS search path: a system `mongod` is looked for there. */
    PATH: z.string().optional(),
    /** Shared by the router (signs) and subgraphs (verify) for the forwarded caller identity. */
    IDENTITY_TOKEN_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters')
      .default(DEV_IDENTITY_TOKEN_SECRET),
  };
}

/** Like `envBoolean`, but unset (or empty) stays undefined, so a default can depend on other variables. */
export function envOptionalBoolean() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx): boolean | undefined =>
      value === undefined || value === '' ? undefined : booleanWord(value, ctx),
    );
}

/**
 * Variables every subgraph shares besides `serviceEnvironmentShape`: whether it refuses GraphQL
 * requests that carry no router-signed identity (unset: on when NODE_ENV=production).
 */
export function subgraphEnvironmentShape() {
  return { REQUIRE_ROUTER_IDENTITY: envOptionalBoolean() };
}
