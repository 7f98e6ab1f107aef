import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ConflictError } from '../../errors/domain-errors';
import { createLogger } from '../../logging/logger';
import { FinalizationNotRecordedError, LocalDiskStorage } from '../local/local-disk-storage';
import { signUploadGrant, UPLOAD_QUERY } from '../local/upload-signature';
import type { ObjectFinalizedEvent, SignedUpload } from '../storage';
import { createTestLogger } from '../../testing/start-test-subgraph';
import { startLocalHarness, TEST_SIGNING_SECRET, type LocalHarness } from './local-harness';

/** Log lines the storage writes, so a test can await one instead of sleeping. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        for (const waiter of [...waiters]) {
          if (line.msg === waiter.msg) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      }
      callback();
    },
  });
  return {
    logger: createLogger({ service: 'storage-test', level: 'debug', destination }),
    lines,
    waitFor: (msg: string) =>
      lines.some((line) => line.msg === msg)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ msg, resolve })),
  };
}

/** Sends raw bytes over a socket and collects everything the server answers until it closes. */
function rawRequest(baseUrl: string, payload: Buffer | string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.write(payload);
  });
}

function requestLine(signed: SignedUpload): string {
  const url = new URL(signed.url);
  return `${url.pathname}${url.search}`;
}

describe('local storage HTTP server', () => {
  let harness: LocalHarness;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(async () => {
    logs = captureLogs();
    harness = await startLocalHarness({ logger: logs.logger });
    storage = harness.storage;
  });

  afterEach(async () => {
    await harness.close();
  });

  let storage: LocalHarness['storage'];

  async function signed(key: string, maxBytes = 1000): Promise<SignedUpload> {
    return harness.storage.createSignedUpload(key, {
      contentType: 'audio/mpeg',
      maxBytes,
      expiresInSeconds: 60,
    });
  }

  it('has /healthz, /readyz and /metrics from the shared HTTP service', async () => {
    const health = await fetch(`${harness.server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', service: 'storage' });
    const ready = await fetch(`${harness.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { 'storage-directory': 'ok' },
    });
    const metrics = await fetch(`${harness.server.url}/metrics`);
    expect(await metrics.text()).toContain('http_requests_total');
  });

  it('names the problem in a short JSON error', async () => {
    const upload = await signed('uploads/errors/original.mp3', 10);
    const cases: Array<[RequestInit & { url?: string }, number, string, RegExp]> = [
      [
        { headers: { 'content-type': 'audio/mpeg' }, body: randomBytes(50) },
        413,
        'TOO_LARGE',
        /larger than the 10 bytes/,
      ],
      [
        { headers: { 'content-type': 'image/png' }, body: randomBytes(5) },
        415,
        'CONTENT_TYPE_MISMATCH',
        /only accepts content-type audio\/mpeg \(got image\/png\)/,
      ],
      [
        {
          url: upload.url.replace(/X-Groovy-Max-Bytes=10/, 'X-Groovy-Max-Bytes=10000'),
          headers: { 'content-type': 'audio/mpeg' },
          body: randomBytes(5),
        },
        403,
        'SIGNATURE_INVALID',
        /signature does not match/,
      ],
      [
        {
          url: upload.url.split('?')[0],
          headers: { 'content-type': 'audio/mpeg' },
          body: randomBytes(5),
        },
        403,
        'MISSING_SIGNATURE',
        /not a signed upload URL/,
      ],
    ];
    for (const [init, status, code, message] of cases) {
      const response = await fetch(init.url ?? upload.url, {
        method: 'PUT',
        headers: init.headers,
        body: init.body,
      });
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
    }
    harness.advanceClock(61);
    const expired = await fetch(upload.url, {
      method: 'PUT',
      headers: { 'content-type': 'audio/mpeg' },
      body: randomBytes(5),
    });
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({
      error: { code: 'URL_EXPIRED', message: expect.stringMatching(/upload URL expired at/) },
    });
    expect(await storage.stat('uploads/errors/original.mp3')).toBeNull();
  });

  it('a Content-Length that lies (more bytes follow than declared) is refused by HTTP framing and keeps nothing', async () => {
    const upload = await signed('uploads/lying-small/original.mp3', 1000);
    const head = `PUT ${requestLine(upload)} HTTP/1.1\r\nHost: x\r\nContent-Type: audio/mpeg\r\nContent-Length: 10\r\n\r\n`;
    const answer = await rawRequest(
      harness.server.url,
      Buffer.concat([Buffer.from(head), randomBytes(5000)]),
    );
    // Only the 10 declared bytes are the body; the rest is not HTTP, so the connection is refused and cut.
    expect(answer).toMatch(/^HTTP\/1.1 400/);
    await logs.waitFor('upload aborted by the client before it was complete; nothing kept');
    expect(await storage.stat('uploads/lying-small/original.mp3')).toBeNull();
    expect(await storage.listTemporaryFiles()).toEqual([]);
  });

  it('a Content-Length larger than what arrives (client gives up) keeps nothing, not even a temporary file', async () => {
    const upload = await signed('uploads/lying-large/original.mp3', 1000);
    const { hostname, port } = new URL(harness.server.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `PUT ${requestLine(upload)} HTTP/1.1\r\nHost: x\r\nContent-Type: audio/mpeg\r\nContent-Length: 900\r\n\r\n`,
    );
    socket.write(randomBytes(300));
    // The body has started streaming into a temporary file; now the client disappears.
    await waitUntil(async () => (await storage.listTemporaryFiles()).length > 0);
    socket.destroy();
    await logs.waitFor('upload aborted by the client before it was complete; nothing kept');
    expect(await storage.listTemporaryFiles()).toEqual([]);
    expect(await storage.stat('uploads/lying-large/original.mp3')).toBeNull();
  });

  it('refuses path traversal over HTTP with 400, for reads and for (validly signed) uploads', async () => {
    const secret = path.join(harness.rootDir, 'secret.txt');
    await fs.writeFile(secret, 'top secret');
    for (const target of [
      '/objects/../secret.txt',
      '/objects/%2e%2e/secret.txt',
      '/objects/..%2Fsecret.txt',
      '/objects/a%5C..%5C..%5Csecret.txt',
      '/objects/%2Fetc%2Fpasswd',
    ]) {
      const answer = await rawRequest(
        harness.server.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1.1 400/);
      expect(answer).toContain('"code":"INVALID_KEY"');
      expect(answer).not.toContain('top secret');
    }
    const key = '../escape.mp3';
    const expiresAt = Math.floor(Date.now() / 1000) + 60;
    const signature = signUploadGrant(
      { method: 'PUT', key, contentType: 'audio/mpeg', maxBytes: 100, expiresAt },
      TEST_SIGNING_SECRET,
    );
    const query = new URLSearchParams({
      [UPLOAD_QUERY.contentType]: 'audio/mpeg',
      [UPLOAD_QUERY.maxBytes]: '100',
      [UPLOAD_QUERY.expires]: String(expiresAt),
      [UPLOAD_QUERY.signature]: signature,
    });
    const response = await fetch(`${harness.server.url}/objects/..%2Fescape.mp3?${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'audio/mpeg' },
      body: 'x',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /path traversal/,
    );
    await expect(fs.access(path.join(harness.rootDir, 'escape.mp3'))).rejects.toThrow();
  });

  it('answers HEAD and conditional GETs, and serves objects written without metadata by extension', async () => {
    await fs.mkdir(path.join(harness.rootDir, 'objects', 'hls', 'raw'), { recursive: true });
    await fs.writeFile(
      path.join(harness.rootDir, 'objects', 'hls', 'raw', 'master.m3u8'),
      '#EXTM3U\n',
    );
    const url = await storage.readUrl('hls/raw/master.m3u8');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(head.headers.get('content-length')).toBe('8');
    const etag = head.headers.get('etag') as string;
    // fetch adds `cache-control: no-cache` to conditional requests unless one is given.
    const again = await fetch(url, {
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
    const missing = await fetch(await storage.readUrl('hls/raw/nothing.ts'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Object hls/raw/nothing.ts not found' },
    });
  });

  it('never serves an uploaded original (GET and HEAD answer 404 with the right key), while published media is served', async () => {
    const key = 'uploads/hidden-song/original.mp3';
    const upload = await signed(key);
    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: { 'content-type': 'audio/mpeg' },
      body: randomBytes(100),
    });
    expect(put.status).toBe(200);
    expect(await storage.stat(key)).not.toBeNull(); // stored, for the worker (through the Storage interface)
    for (const method of ['GET', 'HEAD']) {
      const read = await fetch(await storage.readUrl(key), { method });
      expect(read.status).toBe(404);
      if (method === 'GET')
        expect(((await read.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      const ranged = await fetch(
        `${harness.server.url}/objects/uploads%2Fhidden-song%2Foriginal.mp3`,
        { method, headers: { range: 'bytes=0-9' } },
      );
      expect(ranged.status).toBe(404);
    }
    await storage.put('hls/hidden-song/master.m3u8', Buffer.from('#EXTM3U\n'), {
      contentType: 'application/vnd.apple.mpegurl',
    });
    const published = await fetch(await storage.readUrl('hls/hidden-song/master.m3u8'));
    expect(published.status).toBe(200);
    expect(await published.text()).toBe('#EXTM3U\n');
  });

  it('serves stored objects (and its errors) with X-Content-Type-Options: nosniff', async () => {
    await storage.put('hls/sniff/cover.jpg', Buffer.from('<html><script>alert(1)</script>'), {
      contentType: 'image/jpeg',
    });
    for (const method of ['GET', 'HEAD']) {
      const read = await fetch(await storage.readUrl('hls/sniff/cover.jpg'), { method });
      expect(read.status).toBe(200);
      expect(read.headers.get('content-type')).toBe('image/jpeg');
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      await read.arrayBuffer();
    }
    const missing = await fetch(await storage.readUrl('hls/sniff/none.ts'));
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a replayed upload URL with 409 ALREADY_UPLOADED and overwrites nothing', async () => {
    const key = 'uploads/replay/original.mp3';
    const upload = await signed(key);
    const send = (body: Buffer) =>
      fetch(upload.url, { method: 'PUT', headers: { 'content-type': 'audio/mpeg' }, body });
    const first = randomBytes(200);
    expect((await send(first)).status).toBe(200);
    const replay = await send(randomBytes(300));
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe(
      'ALREADY_UPLOADED',
    );
    const stored = await storage.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(first)).toBe(true);
    expect(await storage.listTemporaryFiles()).toEqual([]);
  });

  it('refuses other methods with 405', async () => {
    const response = await fetch(await storage.readUrl('a/b.mp3'), { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('PUT');
  });

  it('answers a PUT whose finalisation could not be recorded with 500', async () => {
    let failing = true;
    const recorded: string[] = [];
    const withRecorder = await startLocalHarness({
      finalizedRecorder: async (event) => {
        if (failing) throw new Error('outbox unavailable');
        recorded.push(event.key);
      },
    });
    try {
      const key = 'uploads/unrecorded/original.mp3';
      const signed = await withRecorder.storage.createSignedUpload(key, {
        contentType: 'audio/mpeg',
        maxBytes: 100,
        expiresInSeconds: 60,
      });
      const put = () =>
        fetch(signed.url, {
          method: 'PUT',
          headers: { 'content-type': 'audio/mpeg' },
          body: Buffer.from('abc'),
        });
      const refused = await put();
      expect(refused.status).toBe(500);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /send it again/,
      );
      // The client sends it again once the recorder works: recorded once.
      failing = false;
      expect((await put()).status).toBe(200);
      expect(recorded).toEqual([key]);
      await expect(
        withRecorder.storage.put('hls/x/master.m3u8', Buffer.from('#'), {
          contentType: 'text/plain',
        }),
      ).resolves.toMatchObject({ key: 'hls/x/master.m3u8' });
      failing = true;
      await expect(
        withRecorder.storage.put('hls/x/master.m3u8', Buffer.from('#'), {
          contentType: 'text/plain',
        }),
      ).rejects.toBeInstanceOf(FinalizationNotRecordedError);
    } finally {
      await withRecorder.close();
    }
  });

  it('reports a key clash as ConflictError', async () => {
    await storage.put('songs/a', Buffer.from('1'), { contentType: 'text/plain' });
    await expect(
      storage.put('songs/a/child', Buffer.from('3'), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await storage.listTemporaryFiles()).toEqual([]);
  });

  it('gives every write of a key a strictly greater generation, across clock steps back, concurrent writes and restarts', async () => {
    let clockMs = Date.parse('2026-01-01T00:00:00Z');
    const generations: Array<[string, bigint]> = [];
    const record = async (event: ObjectFinalizedEvent) => {
      generations.push([event.key, BigInt(event.generation!)]);
    };
    const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groovy-generations-'));
    const open = () => {
      const local = new LocalDiskStorage({
        rootDir,
        publicUrl: 'http://127.0.0.1:1',
        signingSecret: TEST_SIGNING_SECRET,
        logger: createTestLogger('storage'),
        now: () => new Date(clockMs),
      });
      local.recordFinalizedWith(record);
      return local;
    };
    try {
      const first = open();
      const put = (local: LocalDiskStorage, body: string) =>
        local.put('uploads/song/original.mp3', Buffer.from(body), { contentType: 'audio/mpeg' });
      await put(first, 'one');
      clockMs -= 60_000; // the clock steps back a minute
      await put(first, 'two');
      await Promise.all([put(first, 'three'), put(first, 'four')]); // same instant, at once
      await put(open(), 'five'); // another instance (a restart) on the same directory
      clockMs += 120_000;
      await put(open(), 'six');
      const values = generations.map(([, generation]) => generation);
      expect(values).toHaveLength(6);
      for (let index = 1; index < values.length; index += 1)
        expect(values[index]!).toBeGreaterThan(values[index - 1]!);
      expect(values[0]).toBe(BigInt(Date.parse('2026-01-01T00:00:00Z')) * 1000n);
      expect(values[5]).toBe(BigInt(clockMs) * 1000n);
    } finally {
      await fs.rm(rootDir, { recursive: true, force: true });
    }
  });
});

/** Re-checks a condition on the event loop until it holds (for state with no event to await). */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
