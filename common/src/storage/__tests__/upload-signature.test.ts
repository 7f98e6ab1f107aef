import { signUploadGrant, verifyUploadGrant, type UploadGrant } from '../local/upload-signature';

const secret = 'a-test-secret-that-is-at-least-32-characters';
const grant: UploadGrant = {
  method: 'PUT',
  key: 'uploads/s/original.mp3',
  contentType: 'audio/mpeg',
  maxBytes: 1000,
  expiresAt: 2_000_000_000,
};
const before = new Date(1_999_999_000 * 1000);

describe('upload signatures', () => {
  it('accepts the signature it made until the expiry', () => {
    const signature = signUploadGrant(grant, secret);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyUploadGrant(grant, signature, secret, before)).toEqual({ ok: true });
    expect(verifyUploadGrant(grant, signature, secret, new Date(2_000_000_000 * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['method', { method: 'POST' as unknown as 'PUT' }],
    ['key', { key: 'uploads/s/other.mp3' }],
    ['content type', { contentType: 'audio/wav' }],
    ['max bytes', { maxBytes: 1001 }],
    ['expiry', { expiresAt: 2_000_000_001 }],
  ])('covers the %s', (_label, change) => {
    const signature = signUploadGrant(grant, secret);
    expect(verifyUploadGrant({ ...grant, ...change }, signature, secret, before)).toEqual({
      ok: false,
      reason: 'invalid-signature',
    });
  });

  it('refuses another secret, a truncated or non-hex signature', () => {
    const signature = signUploadGrant(grant, secret);
    expect(verifyUploadGrant(grant, signature, `${secret}x`, before).ok).toBe(false);
    expect(verifyUploadGrant(grant, signature.slice(0, 10), secret, before).ok).toBe(false);
    expect(verifyUploadGrant(grant, 'zz'.repeat(32), secret, before).ok).toBe(false);
  });
});
