import type { RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors/error-codes';
import { IDENTITY_HEADER, verifyRouterToken, type RouterClaims } from '../identity/identity-token';

export interface RouterIdentityOptions {
  /** The secret the router signs `x-groovy-identity` with. */
  secret: string;
  /** Refuse a request that carries no valid router-signed token (401 UNAUTHENTICATED). */
  required: boolean;
}

/**
 * Whether a subgraph refuses GraphQL requests that did not come through the router:
 * `REQUIRE_ROUTER_IDENTITY` when set, otherwise on in production. The router signs a token for
 * every request, anonymous callers included, so only direct calls are refused.
 */
export function requiresRouterIdentity(env: {
  NODE_ENV: string;
  REQUIRE_ROUTER_IDENTITY?: boolean | undefined;
}): boolean {
  return env.REQUIRE_ROUTER_IDENTITY ?? env.NODE_ENV === 'production';
}

/**
 * Verifies the router-signed `x-groovy-identity` once per request and keeps what it says in
 * `res.locals.routerClaims` (null when missing or invalid) for the GraphQL context; with
 * `required`, a request without a valid token is answered 401 before any GraphQL work.
 */
export function routerIdentity(options: RouterIdentityOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const claims = await verifyRouterToken(req.header(IDENTITY_HEADER), options.secret);
      res.locals.routerClaims = claims;
      if (claims || !options.required) {
        next();
        return;
      }
      res
        .status(401)
        .type('application/json')
        .send(
          JSON.stringify({
            errors: [
              {
                message: 'This service answers only requests that come through the router.',
                extensions: { code: ErrorCode.UNAUTHENTICATED },
              },
            ],
          }),
        );
    } catch (error) {
      next(error);
    }
  };
}

/** The claims `routerIdentity` verified for this response's request (null: not from the router). */
export function routerClaimsOf(res: Response): RouterClaims | null {
  return (res.locals.routerClaims as RouterClaims | null | undefined) ?? null;
}
