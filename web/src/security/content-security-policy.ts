/**
 * The site's Content-Security-Policy, built per request (pure; the proxy adds it to every page).
 *
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic': Next.js
 * creates its chunk <script>s at run time). No 'unsafe-inline', and 'unsafe-eval' only in development
 * (React refresh). Everything else is an allow-list: the router (GraphQL over HTTP, and ws(s) for
 * subscriptions), the media origins (storage / CDN: HLS playlists and segments fetched by hls.js, the
 * upload PUT, covers and avatars), blob: for hls.js's worker and its MediaSource URL.
 */

export interface ContentSecurityPolicyInput {
  /** Fresh per response, base64. */
  nonce: string;
  development: boolean;
  /** The router's URL as the browser calls it (NEXT_PUBLIC_GRAPHQL_URL). */
  publicGraphqlUrl: string;
  /** Origins of storage / the media CDN (MEDIA_ORIGINS), CSP host sources such as `https://cdn.example` or `http://127.0.0.1:*`. */
  mediaOrigins: readonly string[];
  /** The site is served over https: ask the browser to upgrade stray http subresources. */
  secureSite: boolean;
}

/** `http://host:port/graphql` → its origin, and the matching WebSocket origin (graphql-ws). */
function routerSources(publicGraphqlUrl: string): string[] {
  const url = new URL(publicGraphqlUrl);
  const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return [url.origin, socket];
}

export function buildContentSecurityPolicy(input: ContentSecurityPolicyInput): string {
  const nonce = `'nonce-${input.nonce}'`;
  const media = input.mediaOrigins;
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    [
      'script-src',
      "'self'",
      nonce,
      "'strict-dynamic'",
      ...(input.development ? ["'unsafe-eval'"] : []),
    ],
    // Next.js's dev overlay injects un-nonced <style>s; production styles are same-origin files.
    ['style-src', "'self'", ...(input.development ? ["'unsafe-inline'"] : [nonce])],
    // style="…" attributes (progress widths, the seek position): CSS only, no script.
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...media],
    ['media-src', "'self'", 'blob:', ...media],
    ['connect-src', "'self'", ...routerSources(input.publicGraphqlUrl), ...media],
    ['worker-src', "'self'", 'blob:'],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(input.secureSite ? ([['upgrade-insecure-requests']] as Array<[string]>) : []),
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** The request header that hands the nonce to server components (the root layout). */
export const NONCE_HEADER = 'x-nonce';

/** 16 random bytes, base64: unguessable and unique per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Headers every response carries (static files and API routes too; next.config's `headers()`).
 * The CSP's frame-ancestors does the same as X-Frame-Options for current browsers; both are sent.
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];
