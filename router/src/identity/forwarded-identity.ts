import { signIdentityToken, type VerifiedIdentity } from '@groovy/common/identity';
import { ExpiringCache } from './expiring-cache';

/** Lifetime of a forwarded identity token, and how long one is reused (so it always has ≥ 30 s left). */
const TOKEN_TTL_SECONDS = 60;
const REUSE_MS = 30_000;

/**
 * Signs the `x-groovy-identity` token for a caller (null = anonymous) and the client's address
 * (common's `signIdentityToken`, 60 s) and reuses it for 30 s, so a busy caller costs one HMAC every
 * 30 s instead of one per request.
 */
export function createIdentitySigner(secret: string) {
  const cache = new ExpiringCache<Promise<string>>(10_000);
  return (identity: VerifiedIdentity | null, clientAddress: string): Promise<string> => {
    const who =
      identity === null
        ? 'anonymous'
        : identity.kind === 'apiKey'
          ? `apiKey:${identity.userId}:${identity.apiKeyId}`
          : `user:${identity.userId}`;
    const key = `${who}@${clientAddress}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const token = signIdentityToken(identity, secret, TOKEN_TTL_SECONDS, clientAddress);
    cache.set(key, token, REUSE_MS);
    token.catch(() => undefined);
    return token;
  };
}
