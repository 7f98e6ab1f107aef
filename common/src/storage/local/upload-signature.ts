import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a local signed upload URL allows: one PUT of one key, one content type, up to maxBytes, until expiresAt. */
export interface UploadGrant {
  method: 'PUT';
  key: string;
  contentType: string;
  maxBytes: number;
  /** Unix time in seconds. */
  expiresAt: number;
}

/** Query parameters of a local signed upload URL. */
export const UPLOAD_QUERY = {
  contentType: 'X-Groovy-Content-Type',
  maxBytes: 'X-Groovy-Max-Bytes',
  expires: 'X-Groovy-Expires',
  signature: 'X-Groovy-Signature',
} as const;

function canonicalGrant(grant: UploadGrant): string {
  // Newline-separated; a key cannot contain a newline (object-key.ts rejects control characters).
  return [
    'GROOVY-UPLOAD-V1',
    grant.method,
    grant.key,
    grant.contentType,
    String(grant.maxBytes),
    String(grant.expiresAt),
  ].join('\n');
}

/** HMAC-SHA256 over method, key, content type, max bytes and expiry; hex. */
export function signUploadGrant(grant: UploadGrant, secret: string): string {
  return createHmac('sha256', secret).update(canonicalGrant(grant)).digest('hex');
}

export type UploadGrantCheck =
  { ok: true } | { ok: false; reason: 'invalid-signature' | 'expired' };

/** Checks the signature in constant time, then the expiry. */
export function verifyUploadGrant(
  grant: UploadGrant,
  signature: string,
  secret: string,
  now = new Date(),
): UploadGrantCheck {
  const expected = Buffer.from(signUploadGrant(grant, secret), 'hex');
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid-signature' };
  if (Math.floor(now.getTime() / 1000) >= grant.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true };
}
