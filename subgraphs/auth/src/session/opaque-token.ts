import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function newOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** High-entropy secrets need no slow hash: SHA-256 is enough to make the stored value useless. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A token derived from `secret` and a stored random `salt` (HMAC-SHA256, URL-safe): whoever presents
 * `secret` again gets the same token back, while the database alone (salt, and only hashes of
 * tokens) does not reveal it.
 */
export function deriveOpaqueToken(prefix: string, secret: string, salt: string): string {
  return `${prefix}${createHmac('sha256', secret).update(salt).digest('base64url')}`;
}

/** A fresh random salt for `deriveOpaqueToken`. */
export function newSalt(): string {
  return randomBytes(32).toString('base64url');
}
