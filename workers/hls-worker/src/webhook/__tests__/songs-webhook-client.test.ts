import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@groovy/common/logging';
import type { HlsWorkerWebhook } from '@groovy/common/media';
import { WebhookReceiver } from '../../__tests__/fixtures/webhook-receiver';
import { createSongsWebhookClient, retryDelayMs } from '../songs-webhook-client';

const SECRET = 'test-worker-webhook-secret-0123456789abcdef';
const logger = createLogger({ service: 'hls-worker-test', level: 'silent' });
const receiver = new WebhookReceiver(SECRET);
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const payload: HlsWorkerWebhook = {
  songId: 'song-1',
  uploadKey: 'uploads/song-1/original.mp3',
  jobId: 'job-1',
  occurredAt: new Date().toISOString(),
  outcome: 'PROCESSING',
};

function client(url = receiver.url, maxAttempts = 4) {
  return createSongsWebhookClient({
    url,
    secret: SECRET,
    maxAttempts,
    baseDelayMs: 5,
    maxDelayMs: 20,
    timeoutMs: 2000,
    logger,
  });
}

describe('songs webhook client', () => {
  it('POSTs the payload signed with x-groovy-signature / x-groovy-timestamp', async () => {
    const delivery = await client().send(payload);
    expect(delivery).toEqual({ delivered: true, status: 200, attempts: 1 });
    expect(receiver.calls).toHaveLength(1);
    expect(receiver.calls[0]).toMatchObject({ signatureOk: true, schemaOk: true, payload });
  });

  it('retries 500 twice then delivers on the 200', async () => {
    receiver.respondWith(500, 503);
    const delivery = await client().send(payload);
    expect(delivery).toEqual({ delivered: true, status: 200, attempts: 3 });
    expect(receiver.calls.map((call) => call.status)).toEqual([500, 503, 200]);
    expect(receiver.calls.every((call) => call.signatureOk)).toBe(true);
  });

  it('does not retry a 400 (songs refused the call)', async () => {
    receiver.respondWith(400);
    const delivery = await client().send(payload);
    expect(delivery).toMatchObject({
      delivered: false,
      status: 400,
      attempts: 1,
      retryable: false,
    });
    expect(receiver.calls).toHaveLength(1);
  });

  it('gives up after maxAttempts on 5xx, saying it may be retried later', async () => {
    receiver.respondWith(500, 500, 500);
    const delivery = await client(receiver.url, 3).send(payload);
    expect(delivery).toMatchObject({ delivered: false, status: 500, attempts: 3, retryable: true });
    expect(receiver.calls).toHaveLength(3);
  });

  it('retries network errors (nothing listening)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const delivery = await client(`http://127.0.0.1:${port}/webhooks/hls-worker`, 3).send(payload);
    expect(delivery).toMatchObject({
      delivered: false,
      status: null,
      attempts: 3,
      retryable: true,
    });
    expect(delivery.delivered === false && delivery.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('refuses to send a payload that breaks the contract', async () => {
    await expect(client().send({ ...payload, songId: '' })).rejects.toThrow();
    expect(receiver.calls).toHaveLength(0);
  });
});

describe('retryDelayMs', () => {
  it('doubles per attempt with jitter in [step/2, step], capped', () => {
    expect(retryDelayMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(retryDelayMs(1, 500, 30_000, () => 0.999999)).toBe(500);
    expect(retryDelayMs(3, 500, 30_000, () => 0)).toBe(1000);
    expect(retryDelayMs(20, 500, 30_000, () => 1)).toBe(30_000);
  });
});
