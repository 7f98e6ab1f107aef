import { IDENTITY_HEADER, type VerifiedIdentity } from '@groovy/common/identity';
import { type Logger } from '@groovy/common/logging';
import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { sendGraphQLError } from '../http/graphql-error-response';
import { InvalidAccessTokenError, type AccessTokenVerifier } from './access-token-verifier';
import type { ApiKeyVerifier } from './api-key-verifier';

/** What the router knows of the caller of the current request (`res.locals.caller`). */
export interface Caller {
  identity: VerifiedIdentity | null;
  /** The client's address (per-IP rate limit). */
  ip: string;
}

export interface AuthenticateOptions {
  verifyAccessToken: AccessTokenVerifier;
  apiKeys: ApiKeyVerifier;
  logger: Logger;
  /** Bounds failed API-key attempts per client address (guessing keys would otherwise flood auth). */
  failures?: FailedAttemptLimiter;
}

/** Failed API-key attempts per client address, on a token bucket (see rate-limit.middleware.ts). */
export interface FailedAttemptLimiter {
  /** Seconds to wait when this address has no attempts left; undefined when it may try. */
  blocked(ip: string): Promise<number | undefined>;
  /** Counts one failed attempt. */
  record(ip: string): Promise<void>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `req.ip` (the peer, or the x-forwarded-for hop trusted proxies vouch for: TRUSTED_PROXIES) when it
 * is an IP address; a proxy that forwards something else gets its own address used instead.
 */
function clientAddressOf(req: Request): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  return req.ip && isIP(req.ip) ? req.ip : peer;
}

/**
 * Resolves the caller: `Authorization: Bearer <JWT>` → user, `x-api-key` → API key (and its owner),
 * neither → anonymous. Present but invalid credentials → 401 UNAUTHENTICATED (never silently
 * anonymous). A client-sent `x-groovy-identity` is dropped: only the router signs that header.
 * With `failures`, each invalid API key costs the client address a token, and an address out of
 * tokens gets 429 for API-key requests before the key is even looked up (so guessing keys cannot
 * flood auth). Access tokens are verified locally and are not limited here.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const { logger } = options;
  return async (req, res, next) => {
    delete req.headers[IDENTITY_HEADER];
    const caller: Caller = { identity: null, ip: clientAddressOf(req) };
    res.locals.caller = caller;
    const authorization = req.header('authorization');
    const apiKey = req.header('x-api-key');
    const { failures } = options;
    const triesApiKey = !authorization?.trim() && Boolean(apiKey?.trim());
    if (triesApiKey && failures) {
      const retryAfterSeconds = await failures.blocked(caller.ip).catch(() => undefined);
      if (retryAfterSeconds !== undefined) {
        res.setHeader('retry-after', String(retryAfterSeconds));
        sendGraphQLError(
          res,
          429,
          'RATE_LIMITED',
          `Too many invalid API keys from this address; try again in ${retryAfterSeconds} s.`,
          {
            retryAfterSeconds,
          },
        );
        return;
      }
    }
    const refuse = (message: string) => sendGraphQLError(res, 401, 'UNAUTHENTICATED', message);
    try {
      if (authorization !== undefined && authorization.trim() !== '') {
        const bearer = BEARER.exec(authorization);
        if (!bearer) {
          refuse('The Authorization header must be "Bearer <access token>".');
          return;
        }
        const { userId, roles } = await options.verifyAccessToken(bearer[1]!);
        caller.identity = { kind: 'user', userId, roles };
      } else if (apiKey !== undefined && apiKey.trim() !== '') {
        const verdict = await options.apiKeys.verify(apiKey.trim());
        if (!verdict.valid) {
          await failures?.record(caller.ip).catch(() => undefined);
          refuse('The API key is invalid or has been revoked.');
          return;
        }
        // Third-party apps act for their owner without the owner's roles (they do not moderate).
        caller.identity = {
          kind: 'apiKey',
          userId: verdict.userId,
          apiKeyId: verdict.apiKeyId,
          roles: [],
        };
      }
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) {
        refuse('The access token is invalid or has expired.');
        return;
      }
      logger.error({ err: error }, 'could not verify the caller’s credentials');
      res.setHeader('retry-after', '5');
      sendGraphQLError(
        res,
        503,
        'INTERNAL_SERVER_ERROR',
        'Credentials cannot be verified right now; try again shortly.',
      );
      return;
    }
    next();
  };
}
