import { IDENTITY_HEADER, type VerifiedIdentity } from '@groovy/common/identity';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendGraphQLError } from '../http/graphql-error-response';
import {
  createCallerResolver,
  type CallerResolver,
  type CallerResolverOptions,
} from './resolve-caller';

export type { FailedAttemptLimiter } from './resolve-caller';

/** What the router knows of the caller of the current request (`res.locals.caller`). */
export interface Caller {
  identity: VerifiedIdentity | null;
  /** The client's address (per-IP rate limit). */
  ip: string;
}

export type AuthenticateOptions = CallerResolverOptions | { resolveCaller: CallerResolver };

/**
 * `req.ip` (the peer, or the x-forwarded-for hop trusted proxies vouch for: TRUSTED_PROXIES) when it
 * is an IP address; a proxy that forwards something else gets its own address used instead.
 */
export function clientAddressOf(req: IncomingMessage & { ip?: string | undefined }): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  return req.ip && isIP(req.ip) ? req.ip : peer;
}

/**
 * Resolves the caller (`createCallerResolver`: Bearer JWT → user, `x-api-key` → API key, neither →
 * anonymous) and answers a refusal itself: 401 UNAUTHENTICATED for present but invalid credentials,
 * 429 for an address out of API-key attempts, 503 when auth cannot be reached. A client-sent
 * `x-groovy-identity` is dropped: only the router signs that header.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const resolveCaller =
    'resolveCaller' in options ? options.resolveCaller : createCallerResolver(options);
  return async (req, res, next) => {
    delete req.headers[IDENTITY_HEADER];
    const caller: Caller = { identity: null, ip: clientAddressOf(req) };
    res.locals.caller = caller;
    const verdict = await resolveCaller(
      { authorization: req.header('authorization'), apiKey: req.header('x-api-key') },
      caller.ip,
    );
    if (verdict.refusal) {
      const { status, code, message, retryAfterSeconds } = verdict.refusal;
      if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
      sendGraphQLError(
        res,
        status,
        code,
        message,
        status === 429 && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {},
      );
      return;
    }
    caller.identity = verdict.identity;
    next();
  };
}
