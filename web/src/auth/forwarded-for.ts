/**
 * The browser's address for the router. The web app is one of the router's trusted proxies
 * (`TRUSTED_PROXIES`): its server-side calls (sign-in, sign-up, refresh, server components) send
 * the `X-Forwarded-For` chain of the browser's request, so the router signs the browser's address —
 * not the web server's — into the identity subgraphs throttle by. Next.js fills the header with the
 * socket address when the browser sent none.
 */

/** Long enough for a few hops; a longer header is not a real proxy chain. */
const MAX_LENGTH = 512;
const ADDRESS_LIST = /^[0-9A-Fa-f.:%[\], ]+$/;

type HeaderSource =
  { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined;

/** The `x-forwarded-for` value to send on, or undefined when there is none (or it is not a list of addresses). */
export function forwardedForOf(source: HeaderSource): string | undefined {
  if (!source) return undefined;
  const raw =
    typeof source.get === 'function'
      ? (source as { get(name: string): string | null }).get('x-forwarded-for')
      : (source as Record<string, string | string[] | undefined>)['x-forwarded-for'];
  const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
  if (!value || value.length > MAX_LENGTH || !ADDRESS_LIST.test(value)) return undefined;
  return value;
}
