import { signIdentityToken, type VerifiedIdentity } from '@groovy/common/identity';
import { ExpiringCache } from './expiring-cache';

/** Lifetime of a forwarded identity token, and how long one is reused (so it always has ≥ 30 s left). */
const TOKEN_TTL_SECONDS = 60;
const REUSE_MS = 30_000;

/**
 * Everything a forwarded identity token carries (kind, user, API key, sorted roles, client
 * address), as one string: two callers with the same key get the same token. Roles are part of it
 * so a token signed for a MODERATOR is never reused for the same user once the role is gone.
 */
export function signedIdentityKey(
  identity: VerifiedIdentity | null,
  clientAddress: string,
): string {
  return JSON.stringify([
    identity?.kind ?? 'anonymous',
    identity?.userId ?? null,
    identity?.kind === 'apiKey' ? identity.apiKeyId : null,
    identity ? [...identity.roles].sort() : [],
    clientAddress,
  ]);
}

/**
 * Signs the `x-groovy-identity` token for a caller (null = anonymous) and the client's address
 * (common's `signIdentityToken`, 60 s) and reuses it for 30 s, so a busy caller costs one HMAC every
 * 30 s instead of one per request.
 */
export function createIdentitySigner(secret: string) {
  const cache = new ExpiringCache<Promise<string>>(10_000);
  return (identity: VerifiedIdentity | null, clientAddress: string): Promise<string> => {
    const key = signedIdentityKey(identity, clientAddress);
    const cached = cache.get(key);
    if (cached) return cached;
    const token = signIdentityToken(identity, secret, TOKEN_TTL_SECONDS, clientAddress);
    cache.set(key, token, REUSE_MS);
    token.catch(() => undefined);
    return token;
  };
}
