import { z } from 'zod';

/**
 * The only module that reads `process.env` (ESLint's `no-process-env` guards the rest).
 * Server-side only: client components receive what they need as props from server components,
 * so the browser bundle never depends on build-time env inlining.
 */

export const DEV_ONLY_NEXTAUTH_SECRET = 'groovy-dev-only-secret-do-not-use-in-production';

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? fallback : value))
    .pipe(z.url({ protocol: /^https?$/ }))
    .default(fallback);

/**
 * A CSP host source for media: an http(s) origin, no path; the port may be `*` (`http://127.0.0.1:*`).
 * Nothing else: a wildcard host or a scheme-only source would open the policy to any site.
 */
const MEDIA_ORIGIN = /^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;

/** Local storage listens on loopback in development and in the integration tests' stacks. */
export const DEFAULT_MEDIA_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'];

const mediaOrigins = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.split(/[\s,]+/).filter(Boolean) : DEFAULT_MEDIA_ORIGINS))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(MEDIA_ORIGIN, 'must list http(s) origins such as https://media.groovy.example'),
      )
      .min(1),
  );

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * How many trusted proxies (load balancers that append the address they saw to X-Forwarded-For)
 * stand in front of the web: a whole number, 0 (none, the default) or more. See auth/forwarded-for.ts.
 */
const trustedProxyHops = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : '0'))
  .pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of proxies, 0 or more')
      .transform(Number)
      .pipe(z.number().int().max(32, 'must be at most 32')),
  );

/** Exported for the repo check that every variable is documented in .env.example. */
export const webEnvironmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    NEXT_PHASE: z.string().optional(),
    GRAPHQL_URL: url('http://127.0.0.1:4000/graphql'),
    NEXT_PUBLIC_GRAPHQL_URL: z.string().trim().optional(),
    NEXTAUTH_URL: url('http://127.0.0.1:3000'),
    NEXTAUTH_SECRET: optionalString,
    MEDIA_ORIGINS: mediaOrigins,
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    TRUSTED_PROXY_HOPS: trustedProxyHops,
  })
  .superRefine((env, ctx) => {
    const building = env.NEXT_PHASE === 'phase-production-build';
    if (env.NODE_ENV === 'production' && !building && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message:
          'is required when NODE_ENV=production (generate one with `openssl rand -base64 32`)',
      });
    }
    if (env.NEXTAUTH_SECRET && env.NEXTAUTH_SECRET.length < 16) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'must be at least 16 characters',
      });
    }
    if (env.GOOGLE_CLIENT_ID && !env.GOOGLE_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['GOOGLE_CLIENT_SECRET'],
        message: 'is required when GOOGLE_CLIENT_ID is set',
      });
    }
    if (
      env.NEXT_PUBLIC_GRAPHQL_URL &&
      !z.url({ protocol: /^https?$/ }).safeParse(env.NEXT_PUBLIC_GRAPHQL_URL).success
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXT_PUBLIC_GRAPHQL_URL'],
        message: 'must be an http(s) URL',
      });
    }
  });

export interface Environment {
  nodeEnv: 'development' | 'production' | 'test';
  /** Router URL used by the Next.js server (server components, next-auth callbacks). */
  graphqlUrl: string;
  /** Router URL used by the browser. */
  publicGraphqlUrl: string;
  nextAuthUrl: string;
  /** Where the browser loads media, covers and avatars from and uploads to (the CSP allows them). */
  mediaOrigins: string[];
  nextAuthSecret: string;
  /** True when NEXTAUTH_SECRET was not set and the dev-only fallback is in use. */
  usingDevSecret: boolean;
  google: { clientId: string; clientSecret: string } | undefined;
  /**
   * Trusted proxies in front of the web (TRUSTED_PROXY_HOPS): 0 forwards no X-Forwarded-For to the
   * router; N forwards the address N entries from the right of the browser request's header.
   */
  trustedProxyHops: number;
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment for @groovy/web:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

/** Pure: parses a process.env-like record, reporting every bad variable at once. */
export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const result = webEnvironmentSchema.safeParse(source);
  if (!result.success) {
    throw new EnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const env = result.data;
  return {
    nodeEnv: env.NODE_ENV,
    graphqlUrl: env.GRAPHQL_URL,
    publicGraphqlUrl: env.NEXT_PUBLIC_GRAPHQL_URL || env.GRAPHQL_URL,
    nextAuthUrl: env.NEXTAUTH_URL,
    mediaOrigins: env.MEDIA_ORIGINS,
    nextAuthSecret: env.NEXTAUTH_SECRET ?? DEV_ONLY_NEXTAUTH_SECRET,
    usingDevSecret: !env.NEXTAUTH_SECRET,
    google:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
        : undefined,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  };
}

let cached: Environment | undefined;

/** Parsed lazily on first use so `next build` can load modules without production secrets. */
export function getEnvironment(): Environment {
  if (!cached) {
    cached = parseEnvironment(process.env);
    if (
      cached.usingDevSecret &&
      cached.nodeEnv !== 'test' &&
      process.env.NEXT_PHASE !== 'phase-production-build'
    ) {
      console.warn(
        '[web] NEXTAUTH_SECRET is not set: using a dev-only secret. Sessions are NOT secure; set NEXTAUTH_SECRET outside development.',
      );
    }
    // next-auth v4 reads NEXTAUTH_URL itself to build callback URLs; make the default visible to it.
    process.env.NEXTAUTH_URL ??= cached.nextAuthUrl;
  }
  return cached;
}
