import proxyAddr from 'proxy-addr';
import { z } from 'zod';

/** Decides, hop by hop, whether an address is a proxy whose `x-forwarded-for` entry is believed. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * `TRUSTED_PROXIES`: comma-separated IPs, CIDRs or proxy-addr's names (`loopback`, `linklocal`,
 * `uniquelocal`); `none` trusts nobody. The client address is then the first hop, walking
 * `x-forwarded-for` from the peer backwards, that is not a trusted proxy (express's `trust proxy`
 * semantics, through proxy-addr), so a client cannot pick its own address by sending the header.
 */
export const trustedProxiesVariable = z
  .string()
  .trim()
  .default('loopback')
  .transform((value) =>
    value.toLowerCase() === 'none'
      ? []
      : value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
  )
  .refine(
    (entries) => {
      try {
        proxyAddr.compile(entries);
        return true;
      } catch {
        return false;
      }
    },
    {
      message:
        'expected comma-separated IPs or CIDRs (10.0.0.5, 10.0.0.0/8, ::1), loopback, linklocal, uniquelocal, or none',
    },
  );

/** The trust function for a parsed `TRUSTED_PROXIES` list (an empty list trusts nobody). */
export function compileTrustedProxies(entries: readonly string[]): ProxyTrust {
  return proxyAddr.compile([...entries]);
}
