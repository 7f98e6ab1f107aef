import type { VerifiedIdentity } from '@groovy/common/identity';
import type { Logger } from '@groovy/common/logging';
import { InvalidAccessTokenError, type AccessTokenVerifier } from './access-token-verifier';
import type { ApiKeyVerifier } from './api-key-verifier';

/** The credentials a caller presented: an `Authorization` value and/or an `x-api-key` value. */
export interface Credentials {
  authorization?: string | undefined;
  apiKey?: string | undefined;
}

/** Why a caller is refused: 401 (bad credential), 429 (too many invalid keys), 503 (auth down). */
export interface CallerRefusal {
  status: 401 | 429 | 503;
  code: 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';
  message: string;
  retryAfterSeconds?: number;
}

export type CallerVerdict =
  | {
      identity: VerifiedIdentity | null;
      /** The access token's sign-in session (`sid`), for long-lived connections to re-check. */
      sessionId?: string;
      refusal?: undefined;
    }
  | { refusal: CallerRefusal };

/** Failed API-key attempts per client address, on a token bucket (see rate-limit.middleware.ts). */
export interface FailedAttemptLimiter {
  /** Seconds to wait when this address has no attempts left; undefined when it may try. */
  blocked(ip: string): Promise<number | undefined>;
  /** Counts one failed attempt. */
  record(ip: string): Promise<void>;
}

export interface CallerResolverOptions {
  verifyAccessToken: AccessTokenVerifier;
  apiKeys: ApiKeyVerifier;
  logger: Logger;
  /** Bounds failed API-key attempts per client address (guessing keys would otherwise flood auth). */
  failures?: FailedAttemptLimiter;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export type CallerResolver = (credentials: Credentials, ip: string) => Promise<CallerVerdict>;

/**
 * The one place credentials are checked, for HTTP requests and WebSocket connections alike:
 * `Bearer <JWT>` → user, an API key → the key (and its owner), neither → anonymous. Present but
 * invalid credentials are refused (never silently anonymous); when both are sent the Bearer token
 * wins. With `failures`, each invalid API key costs the client address a token, and an address out
 * of tokens is refused before the key is even looked up.
 */
export function createCallerResolver(options: CallerResolverOptions): CallerResolver {
  const { logger, failures } = options;
  return async ({ authorization, apiKey }, ip) => {
    const triesApiKey = !authorization?.trim() && Boolean(apiKey?.trim());
    if (triesApiKey && failures) {
      const retryAfterSeconds = await failures.blocked(ip).catch(() => undefined);
      if (retryAfterSeconds !== undefined) {
        return {
          refusal: {
            status: 429,
            code: 'RATE_LIMITED',
            message: `Too many invalid API keys from this address; try again in ${retryAfterSeconds} s.`,
            retryAfterSeconds,
          },
        };
      }
    }
    const unauthenticated = (message: string): CallerVerdict => ({
      refusal: { status: 401, code: 'UNAUTHENTICATED', message },
    });
    try {
      if (authorization !== undefined && authorization.trim() !== '') {
        const bearer = BEARER.exec(authorization);
        if (!bearer)
          return unauthenticated('The Authorization header must be "Bearer <access token>".');
        const { userId, roles, sessionId } = await options.verifyAccessToken(bearer[1]!);
        return { identity: { kind: 'user', userId, roles }, ...(sessionId ? { sessionId } : {}) };
      }
      if (apiKey !== undefined && apiKey.trim() !== '') {
        const verdict = await options.apiKeys.verify(apiKey.trim());
        if (!verdict.valid) {
          await failures?.record(ip).catch(() => undefined);
          return unauthenticated('The API key is invalid or has been revoked.');
        }
        // Third-party apps act for their owner without the owner's roles (they do not moderate).
        return {
          identity: {
            kind: 'apiKey',
            userId: verdict.userId,
            apiKeyId: verdict.apiKeyId,
            roles: [],
          },
        };
      }
      return { identity: null };
    } catch (error) {
      if (error instanceof InvalidAccessTokenError)
        return unauthenticated('The access token is invalid or has expired.');
      logger.error({ err: error }, 'could not verify the caller’s credentials');
      return {
        refusal: {
          status: 503,
          code: 'INTERNAL_SERVER_ERROR',
          message: 'Credentials cannot be verified right now; try again shortly.',
          retryAfterSeconds: 5,
        },
      };
    }
  };
}
