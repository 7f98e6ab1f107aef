import type { RequestHandler } from 'express';

/** Request headers a browser client may send (auth, persisted queries, CSRF-safe markers). */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
].join(', ');

/**
 * CORS for browser clients on other origins (the web app on :3000 calls the router on :4000).
 * `origins` lists exact origins, or `*` for any. Credentials travel in headers, never cookies, so
 * no `Access-Control-Allow-Credentials`. Preflights are answered here (204); a disallowed origin
 * just gets no CORS headers (the browser then blocks it).
 */
export function cors(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.header('origin');
    if (origin && (anyOrigin || allowed.has(origin))) {
      res.setHeader('access-control-allow-origin', anyOrigin ? '*' : origin);
      res.setHeader(
        'access-control-expose-headers',
        'x-request-id, retry-after, x-ratelimit-remaining',
      );
      if (!anyOrigin) res.vary('origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
