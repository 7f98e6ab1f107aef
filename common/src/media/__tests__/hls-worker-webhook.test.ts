import {
  hlsWorkerWebhookSchema,
  signWebhookBody,
  verifyWebhookSignature,
} from '../hls-worker-webhook';

const SECRET = 'webhook-test-secret';

describe('HLS worker webhook signatures', () => {
  const body = JSON.stringify({ songId: 's1', outcome: 'PROCESSING' });
  const now = 1_800_000_000_000;
  const timestamp = now / 1000;

  it('accepts its own signature within the replay window', () => {
    const signature = signWebhookBody(SECRET, timestamp, body);
    expect(
      verifyWebhookSignature({
        secret: SECRET,
        rawBody: body,
        signature,
        timestamp: String(timestamp),
        now,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, an old timestamp and missing headers', () => {
    const signature = signWebhookBody(SECRET, timestamp, body);
    const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({
        secret: SECRET,
        rawBody: body,
        signature,
        timestamp: String(timestamp),
        now,
        ...overrides,
      });
    expect(check({ rawBody: body.replace('s1', 's2') })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(check({ secret: 'other' })).toEqual({ ok: false, reason: 'signature does not match' });
    expect(check({ now: now + 301_000 })).toEqual({
      ok: false,
      reason: 'timestamp outside the replay window',
    });
    expect(check({ signature: undefined })).toEqual({
      ok: false,
      reason: 'missing signature or timestamp',
    });
    expect(check({ timestamp: 'yesterday' })).toEqual({
      ok: false,
      reason: 'missing signature or timestamp',
    });
  });

  it('validates payloads by outcome', () => {
    const base = {
      songId: 's1',
      uploadKey: 'uploads/s1/original.mp3',
      jobId: 'j1',
      occurredAt: new Date(now).toISOString(),
    };
    expect(
      hlsWorkerWebhookSchema.safeParse({
        ...base,
        outcome: 'FAILED',
        reason: 'This file is not audio',
        code: 'NOT_AUDIO',
      }).success,
    ).toBe(true);
    expect(hlsWorkerWebhookSchema.safeParse({ ...base, outcome: 'READY' }).success).toBe(false);
    expect(hlsWorkerWebhookSchema.safeParse({ ...base, outcome: 'DONE' }).success).toBe(false);
  });
});
