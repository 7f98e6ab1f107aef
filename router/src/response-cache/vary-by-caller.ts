import type { RequestHandler } from 'express';

/**
 * `Vary: Authorization, X-Api-Key` on every GraphQL answer while the response cache is on: an
 * anonymous answer says `Cache-Control: public`, and a CDN or browser cache keyed by URL alone
 * (a persisted query over GET) would hand it to a signed-in or API-key caller of the same URL too
 * (their answer differs: `likedByMe`, private fields, their own rate limit). Set on the Express
 * response so that it adds to, and does not replace, what CORS varies by (`Origin`).
 */
export function varyByCaller(): RequestHandler {
  return (_req, res, next) => {
    res.vary('Authorization');
    res.vary('X-Api-Key');
    next();
  };
}
