import {
  envOptionalUrl,
  envPositiveInt,
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { z } from 'zod';

export const authEnvironmentSchema = z.object({
  ...serviceEnvironmentShape(4001),
  ...subgraphEnvironmentShape(),
  ...eventBusEnvironmentShape(),
  /** `iss` and `aud` of access tokens; the router checks both. */
  JWT_ISSUER: z.string().min(1).default('groovy-auth'),
  JWT_AUDIENCE: z.string().min(1).default('groovy-api'),
  ACCESS_TOKEN_TTL_SECONDS: envPositiveInt(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: envPositiveInt(30),
  /**
   * How long a just-rotated refresh token still answers with the same successor (two tabs, a retry,
   * two web replicas refreshing at once); presented after that, it revokes its family.
   */
  REFRESH_TOKEN_REUSE_GRACE_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int('expected a whole number of seconds')
    .min(0, 'expected 0 (no grace) or more seconds')
    .default(30),
  /**
   * The ES256 private key (a JWK as JSON) that signs access tokens. Unset: one is generated once
   * and kept in the auth database, so every replica and restart signs with the same key.
   */
  AUTH_SIGNING_KEY: z.string().trim().optional(),
  /** Google sign-in: the OAuth client id tokens must be issued for; unset disables it. */
  GOOGLE_CLIENT_ID: z.string().trim().optional(),
  GOOGLE_JWKS_URL: envOptionalUrl(['https', 'http']).default(
    'https://www.googleapis.com/oauth2/v3/certs',
  ),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: envPositiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: envPositiveInt(50),
  LOGIN_FAILURE_WINDOW_SECONDS: envPositiveInt(15 * 60),
  LOGIN_LOCKOUT_SECONDS: envPositiveInt(60),
  /** Accounts one client address may create per REGISTRATION_WINDOW_SECONDS. */
  REGISTRATION_MAX_PER_ADDRESS: envPositiveInt(5),
  REGISTRATION_WINDOW_SECONDS: envPositiveInt(60 * 60),
  MAX_API_KEYS_PER_USER: envPositiveInt(20),
});

export type AuthEnvironment = z.infer<typeof authEnvironmentSchema>;

/** The only place the auth subgraph reads process.env; exits with one clear line when it is wrong. */
export function readAuthEnvironment(): AuthEnvironment {
  return loadEnvironment('auth', authEnvironmentSchema, process.env);
}
