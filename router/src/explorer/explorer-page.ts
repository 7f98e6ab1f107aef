import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

/** Where `scripts/build-explorer.mjs` puts the bundle: `<package>/dist/explorer-assets`, from src/ and dist/ alike. */
export const DEFAULT_EXPLORER_DIR = path.resolve(__dirname, '..', '..', 'dist', 'explorer-assets');

/** The URL prefix of the explorer's static files. */
export const EXPLORER_ASSETS_PATH = '/explorer';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

function page(version: string, endpoint: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Groovy Streaming API explorer</title>
    <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/explorer.css?v=${version}" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${endpoint}">Loading the GraphiQL explorer…</div>
    <script src="${EXPLORER_ASSETS_PATH}/explorer.js?v=${version}"></script>
  </body>
</html>
`;
}

const MISSING = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Explorer not built</title></head>
<body><p>The GraphiQL explorer is not built. Run <code>npm run build</code> (or <code>node scripts/build-explorer.mjs</code>) in <code>router/</code>.</p></body></html>
`;

function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/html');
}

/**
 * GraphiQL for people: `GET /graphql` from a browser (accept: text/html, no `query` parameter)
 * gets the explorer page; its script and styles are served from `/explorer/*`, bundled from npm at
 * build time — nothing comes from a CDN. Every other request goes on to the GraphQL server.
 */
export function mountExplorer(
  app: Express,
  explorerDir: string = DEFAULT_EXPLORER_DIR,
): RequestHandler {
  app.use(
    EXPLORER_ASSETS_PATH,
    express.static(explorerDir, { index: false, maxAge: '1d' }),
    (_req, res) => {
      res.status(404).type('text/plain').send('Not found');
    },
  );
  let html: string | undefined;
  return (req, res, next) => {
    if (req.method !== 'GET' || req.query.query !== undefined || !wantsHtml(req.header('accept'))) {
      next();
      return;
    }
    const bundle = path.join(explorerDir, 'explorer.js');
    if (html === undefined && fs.existsSync(bundle)) {
      const version = createHash('sha256')
        .update(fs.readFileSync(bundle))
        .digest('hex')
        .slice(0, 12);
      html = page(version, req.baseUrl || '/graphql');
    }
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'no-cache');
    res
      .status(html ? 200 : 503)
      .type('html')
      .send(html ?? MISSING);
  };
}
