import { getEnvironment } from '@/environment';

/**
 * The browser's address for the router. The web app is one of the router's trusted proxies
 * (`TRUSTED_PROXIES`): its server-side calls (sign-in, sign-up, refresh, server components) send an
 * `X-Forwarded-For` the router believes, and the router signs that address into the identity
 * subgraphs throttle by. So the web must never pass on what the browser wrote: Next.js fills
 * `X-Forwarded-For` from the socket only when the browser sent none, and otherwise hands over the
 * browser's own header unchanged.
 *
 * `TRUSTED_PROXY_HOPS` (environment.ts) says how many trusted proxies — load balancers that append
 * the address they saw to `X-Forwarded-For` — stand in front of the web:
 * - 0 (the default): nothing is forwarded; the router sees the web server's own address (per-account
 *   limits still apply, per-address ones count the whole web app as one client);
 * - N ≥ 1: only the address N entries from the right of the header, the one the outermost trusted
 *   proxy saw (entries further left were written by the browser), and only if it is an IP address.
 */

/** Long enough for a few hops; a longer header is not a real proxy chain. */
const MAX_LENGTH = 512;

type HeaderSource =
  { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined;

/**
 * The `x-forwarded-for` value to send to the router: the single address the outermost of
 * `trustedProxyHops` trusted proxies saw, or undefined (no trusted proxies, no such entry, or not
 * an IP address).
 */
export function forwardedForOf(
  source: HeaderSource,
  trustedProxyHops: number = getEnvironment().trustedProxyHops,
): string | undefined {
  if (!source || !Number.isInteger(trustedProxyHops) || trustedProxyHops < 1) return undefined;
  const raw =
    typeof source.get === 'function'
      ? (source as { get(name: string): string | null }).get('x-forwarded-for')
      : (source as Record<string, string | string[] | undefined>)['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!value || value.length > MAX_LENGTH) return undefined;
  const entries = value.split(',').map((entry) => entry.trim());
  // Fewer entries than trusted hops: the request did not come through every proxy.
  if (entries.length < trustedProxyHops) return undefined;
  const address = entries[entries.length - trustedProxyHops]!;
  return isIpAddress(address) ? address : undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A plain IPv4 or IPv6 address (no port, brackets or zone). Runtime-neutral: no node:net here. */
export function isIpAddress(address: string): boolean {
  if (IPV4.test(address)) return true;
  if (!address.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(address)) return false;
  // The WHATWG URL parser validates an IPv6 host strictly (groups, `::`, an IPv4 tail).
  return URL.canParse(`http://[${address}]/`);
}
