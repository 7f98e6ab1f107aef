import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BadUserInputError } from '../../errors/domain-errors';
import { contentTypeForKey } from '../mime-types';
import type { ObjectFinalizedEvent, SignedUpload, Storage } from '../storage';

/** One adapter under test, built fresh for each `describe` block of the contract. */
export interface StorageContractHarness {
  storage: Storage;
  /** Files the adapter keeps while writing (local): a failed upload must leave none. */
  listTemporaryFiles?: () => Promise<string[]>;
  /** Moves the adapter's clock forward; without it URL expiry is tested in real time. */
  advanceClock?: (seconds: number) => void;
  close(): Promise<void>;
}

export interface StorageContractOptions {
  /** The server refuses what the signed URL does not allow (size, content type, signature, expiry). */
  enforcesUploadPolicy: boolean;
  /** The server answers CORS preflights for uploads and reads. */
  cors: boolean;
  /** Finalised objects are recorded by `finalizedRecorder` (local adapter). */
  finalizedEvents: boolean;
  /** Statuses that mean "body too large" (default 413; Cloud Storage answers 400 EntityTooLarge). */
  tooLargeStatuses?: number[];
  /** The status of a PUT to a signed URL whose object is there already (default 409; Cloud Storage: 412). */
  alreadyUploadedStatus?: number;
  /** When set, every test is skipped and the reason is in the suite's title. */
  skipReason?: string;
}

export type MakeStorageHarness = (options: {
  /** The durable recorder of finalised objects (local adapter; ignored where Pub/Sub reports them). */
  finalizedRecorder?: (event: ObjectFinalizedEvent) => Promise<void>;
}) => Promise<StorageContractHarness>;

function headersOf(
  signed: SignedUpload,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, value } of signed.headers) headers[name.toLowerCase()] = value;
  return { ...headers, ...overrides };
}

function uploadTo(
  signed: SignedUpload,
  body: Buffer | ReadableStream<Uint8Array>,
  overrides: Record<string, string> = {},
) {
  return fetch(signed.url, {
    method: signed.method,
    headers: headersOf(signed, overrides),
    body,
    // A stream body goes out chunked (no Content-Length).
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

function chunkedStream(total: number, chunkSize = 16 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunkSize, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(randomBytes(size)));
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function tamperSignature(url: string): string {
  const parsed = new URL(url);
  const name = [...parsed.searchParams.keys()].find((key) => /signature$/i.test(key));
  if (!name) throw new Error(`no signature parameter in ${url}`);
  const value = parsed.searchParams.get(name) as string;
  const last = value.at(-1) === '0' ? '1' : '0';
  parsed.searchParams.set(name, value.slice(0, -1) + last);
  return parsed.toString();
}

/** The signed URL with the query parameter whose name matches `pattern` set to `value`. */
function withQueryParameter(url: string, pattern: RegExp, value: string): string {
  const parsed = new URL(url);
  const name = [...parsed.searchParams.keys()].find((key) => pattern.test(key));
  if (!name) throw new Error(`no parameter matching ${pattern} in ${url}`);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

/** Keys every adapter must refuse before touching storage. */
export const UNSAFE_KEYS = [
  '../escape.mp3',
  'uploads/../../escape.mp3',
  'uploads/./x.mp3',
  '/etc/passwd',
  'C:/Windows/win.ini',
  'uploads\\..\\escape.mp3',
  'uploads/a\u0000b.mp3',
  'uploads/line\nbreak.mp3',
  'uploads//double.mp3',
  '',
  `uploads/${'x'.repeat(1100)}.mp3`,
];

/**
 * The behaviour every Storage adapter must have. `makeStorage` builds a fresh adapter (and its
 * server) for each block; `options` says which server-side guarantees this adapter can show.
 */
export function describeStorageContract(
  name: string,
  makeStorage: MakeStorageHarness,
  options: StorageContractOptions,
): void {
  const describeOrSkip = options.skipReason ? describe.skip : describe;
  const title = options.skipReason
    ? `${name} storage contract (skipped: ${options.skipReason})`
    : `${name} storage contract`;
  const policyIt = options.enforcesUploadPolicy ? it : it.skip;
  const corsIt = options.cors ? it : it.skip;
  const eventsIt = options.finalizedEvents ? it : it.skip;
  const tooLarge = options.tooLargeStatuses ?? [413];
  const alreadyUploaded = options.alreadyUploadedStatus ?? 409;

  describeOrSkip(title, () => {
    let harness: StorageContractHarness;
    let storage: Storage;
    /** Every key this run writes starts with it, so runs against a shared bucket do not collide. */
    const run = `contract-${randomUUID()}`;
    /** What the durable recorder got; it takes a moment, as a database write does. */
    const recorded: ObjectFinalizedEvent[] = [];
    const recorder = async (event: ObjectFinalizedEvent) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      recorded.push(event);
    };

    beforeAll(async () => {
      harness = await makeStorage({ finalizedRecorder: recorder });
      storage = harness.storage;
    });

    afterAll(async () => {
      await storage?.deletePrefix(`${run}/`).catch(() => undefined);
      await harness?.close();
    });

    const eventsFor = (key: string) => recorded.filter((event) => event.key === key);

    async function expectNothingKept(key: string): Promise<void> {
      expect(await storage.stat(key)).toBeNull();
      if (harness.listTemporaryFiles) expect(await harness.listTemporaryFiles()).toEqual([]);
      expect(eventsFor(key)).toEqual([]);
    }

    describe('signed uploads', () => {
      it('round trip: PUT the bytes to the signed URL with its method and headers, then stat and get them', async () => {
        const key = `${run}/uploads/song-1/original.mp3`;
        const body = randomBytes(64 * 1024 + 7);
        const before = Date.now();
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 1024 * 1024,
          expiresInSeconds: 900,
        });
        expect(signed.method).toBe('PUT');
        expect(signed.headers).toEqual(
          expect.arrayContaining([{ name: 'content-type', value: 'audio/mpeg' }]),
        );
        expect(signed.expiresAt.getTime()).toBeGreaterThan(before + 890_000);
        expect(signed.expiresAt.getTime()).toBeLessThan(before + 910_000);

        const response = await uploadTo(signed, body);
        expect(response.status).toBe(200);

        const stat = await storage.stat(key);
        expect(stat).toMatchObject({ key, size: body.length, contentType: 'audio/mpeg' });
        expect(stat?.updatedAt).toBeInstanceOf(Date);
        expect((await readAll(await storage.get(key))).equals(body)).toBe(true);

        const read = await fetch(await storage.readUrl(key));
        expect(read.status).toBe(200);
        expect(Buffer.from(await read.arrayBuffer()).equals(body)).toBe(true);
      });

      policyIt(
        'refuses a body whose declared Content-Length is over maxBytes (413), keeps nothing',
        async () => {
          const key = `${run}/uploads/too-big-declared/original.mp3`;
          const signed = await storage.createSignedUpload(key, {
            contentType: 'audio/mpeg',
            maxBytes: 1000,
            expiresInSeconds: 60,
          });
          const response = await uploadTo(signed, randomBytes(4000));
          expect(tooLarge).toContain(response.status);
          await expectNothingKept(key);
        },
      );

      policyIt(
        'refuses a chunked body (no Content-Length) once it passes maxBytes (413), keeps nothing',
        async () => {
          const key = `${run}/uploads/too-big-chunked/original.mp3`;
          const signed = await storage.createSignedUpload(key, {
            contentType: 'audio/mpeg',
            maxBytes: 100_000,
            expiresInSeconds: 60,
          });
          const response = await uploadTo(signed, chunkedStream(400_000));
          expect(tooLarge).toContain(response.status);
          await expectNothingKept(key);
        },
      );

      it('accepts a chunked body within maxBytes', async () => {
        const key = `${run}/uploads/chunked-ok/original.mp3`;
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 100_000,
          expiresInSeconds: 60,
        });
        const response = await uploadTo(signed, chunkedStream(100_000, 10_000));
        expect(response.status).toBe(200);
        expect((await storage.stat(key))?.size).toBe(100_000);
      });

      policyIt('refuses another content type than the one signed, keeps nothing', async () => {
        const key = `${run}/uploads/wrong-type/original.mp3`;
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 10_000,
          expiresInSeconds: 60,
        });
        const response = await uploadTo(signed, randomBytes(100), { 'content-type': 'text/html' });
        expect([403, 415]).toContain(response.status);
        await expectNothingKept(key);
      });

      policyIt('refuses a tampered signature (403), keeps nothing', async () => {
        const key = `${run}/uploads/tampered/original.mp3`;
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 10_000,
          expiresInSeconds: 60,
        });
        const response = await uploadTo(
          { ...signed, url: tamperSignature(signed.url) },
          randomBytes(100),
        );
        expect(response.status).toBe(403);
        await expectNothingKept(key);
      });

      policyIt('refuses a URL whose signed limits were edited (403), keeps nothing', async () => {
        const key = `${run}/uploads/edited/original.mp3`;
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 10,
          expiresInSeconds: 60,
        });
        const edited = withQueryParameter(signed.url, /expires$/i, '999999');
        const response = await uploadTo({ ...signed, url: edited }, randomBytes(5));
        expect(response.status).toBe(403);
        await expectNothingKept(key);
      });

      policyIt('refuses an expired URL (403), keeps nothing', async () => {
        const key = `${run}/uploads/expired/original.mp3`;
        const signed = await storage.createSignedUpload(key, {
          contentType: 'audio/mpeg',
          maxBytes: 10_000,
          expiresInSeconds: 1,
        });
        if (harness.advanceClock) harness.advanceClock(2);
        // Nothing to await on a remote server's clock: wait past the expiry in real time.
        else
          await new Promise((resolve) =>
            setTimeout(resolve, signed.expiresAt.getTime() - Date.now() + 1500),
          );
        const response = await uploadTo(signed, randomBytes(100));
        expect(response.status).toBe(403);
        await expectNothingKept(key);
      });

      it('keeps concurrent uploads apart, and concurrent uploads to one key leave one whole body', async () => {
        const bodies = Array.from({ length: 8 }, (_, index) => randomBytes(20_000 + index * 1000));
        const keys = bodies.map((_, index) => `${run}/uploads/concurrent-${index}/original.mp3`);
        const signedUploads = await Promise.all(
          keys.map((key) =>
            storage.createSignedUpload(key, {
              contentType: 'audio/mpeg',
              maxBytes: 100_000,
              expiresInSeconds: 60,
            }),
          ),
        );
        const responses = await Promise.all(
          signedUploads.map((signed, index) => uploadTo(signed, bodies[index] as Buffer)),
        );
        expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 200));
        for (const [index, key] of keys.entries()) {
          expect((await readAll(await storage.get(key))).equals(bodies[index] as Buffer)).toBe(
            true,
          );
        }

        const sameKey = `${run}/uploads/same-key/original.mp3`;
        const signed = await storage.createSignedUpload(sameKey, {
          contentType: 'audio/mpeg',
          maxBytes: 100_000,
          expiresInSeconds: 60,
        });
        const racing = await Promise.all(bodies.slice(0, 4).map((body) => uploadTo(signed, body)));
        // One upload per signed URL: exactly one of the racing PUTs stores its body.
        if (options.enforcesUploadPolicy) {
          expect(racing.map((response) => response.status).sort()).toEqual([
            200,
            alreadyUploaded,
            alreadyUploaded,
            alreadyUploaded,
          ]);
        }
        const final = await readAll(await storage.get(sameKey));
        expect(bodies.slice(0, 4).some((body) => body.equals(final))).toBe(true);
        if (harness.listTemporaryFiles) expect(await harness.listTemporaryFiles()).toEqual([]);
      });
    });

    describe('one upload per signed URL', () => {
      policyIt(
        'refuses a second PUT to a signed URL (a replay) and keeps the first body',
        async () => {
          const key = `${run}/uploads/replayed/original.mp3`;
          const first = randomBytes(5_000);
          const signed = await storage.createSignedUpload(key, {
            contentType: 'audio/mpeg',
            maxBytes: 100_000,
            expiresInSeconds: 60,
          });
          expect((await uploadTo(signed, first)).status).toBe(200);
          const replay = await uploadTo(signed, randomBytes(6_000));
          expect(replay.status).toBe(alreadyUploaded);
          await replay.arrayBuffer();
          // A fresh grant for the same key is refused too: an object is uploaded once.
          const again = await storage.createSignedUpload(key, {
            contentType: 'audio/mpeg',
            maxBytes: 100_000,
            expiresInSeconds: 60,
          });
          expect((await uploadTo(again, randomBytes(7_000))).status).toBe(alreadyUploaded);
          expect((await readAll(await storage.get(key))).equals(first)).toBe(true);
          if (harness.listTemporaryFiles) expect(await harness.listTemporaryFiles()).toEqual([]);
          if (options.finalizedEvents) expect(eventsFor(key)).toHaveLength(1);
        },
      );
    });

    describe('keys', () => {
      it.each(UNSAFE_KEYS.map((key) => [JSON.stringify(key).slice(0, 40), key]))(
        'refuses the unsafe key %s in every operation with a clear error',
        async (_label, key) => {
          const operations: Array<() => Promise<unknown>> = [
            () =>
              storage.createSignedUpload(key, {
                contentType: 'audio/mpeg',
                maxBytes: 10,
                expiresInSeconds: 60,
              }),
            () => storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
            () => storage.get(key),
            () => storage.stat(key),
            () => storage.readUrl(key),
          ];
          for (const operation of operations) {
            const error = await operation().then(
              () => undefined,
              (caught: unknown) => caught,
            );
            expect(error).toBeInstanceOf(BadUserInputError);
            expect((error as Error).message).toMatch(/invalid object key/);
          }
        },
      );

      it('refuses unsafe prefixes in deletePrefix', async () => {
        for (const prefix of ['', '../', 'a/../../', '/abs/']) {
          await expect(storage.deletePrefix(prefix)).rejects.toThrow(/invalid key prefix/);
        }
      });
    });

    describe('reads', () => {
      const key = `${run}/hls/song-2/128k/segment-000.ts`;
      const body = randomBytes(10_000);

      beforeAll(async () => {
        await storage.put(key, body, { contentType: 'video/mp2t' });
      });

      it('serves the whole object with accept-ranges, a length, an ETag and Last-Modified', async () => {
        const response = await fetch(await storage.readUrl(key));
        expect(response.status).toBe(200);
        expect(response.headers.get('accept-ranges')).toBe('bytes');
        expect(response.headers.get('content-length')).toBe(String(body.length));
        expect(response.headers.get('etag')).toBeTruthy();
        expect(Number.isNaN(Date.parse(response.headers.get('last-modified') ?? ''))).toBe(false);
        expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
      });

      it('serves the first bytes of a Range (206)', async () => {
        const response = await fetch(await storage.readUrl(key), {
          headers: { range: 'bytes=0-99' },
        });
        expect(response.status).toBe(206);
        expect(response.headers.get('content-range')).toBe(`bytes 0-99/${body.length}`);
        expect(Buffer.from(await response.arrayBuffer()).equals(body.subarray(0, 100))).toBe(true);
      });

      it('serves a suffix Range (the last bytes)', async () => {
        const response = await fetch(await storage.readUrl(key), {
          headers: { range: 'bytes=-250' },
        });
        expect(response.status).toBe(206);
        expect(response.headers.get('content-range')).toBe(
          `bytes ${body.length - 250}-${body.length - 1}/${body.length}`,
        );
        expect(
          Buffer.from(await response.arrayBuffer()).equals(body.subarray(body.length - 250)),
        ).toBe(true);
      });

      it('answers 416 to an unsatisfiable Range', async () => {
        const response = await fetch(await storage.readUrl(key), {
          headers: { range: `bytes=${body.length + 10}-` },
        });
        expect(response.status).toBe(416);
        await response.arrayBuffer();
      });

      it('get() of a missing object fails with NotFound; stat() is null', async () => {
        await expect(storage.get(`${run}/missing/object.mp3`)).rejects.toThrow(/not found/);
        expect(await storage.stat(`${run}/missing/object.mp3`)).toBeNull();
      });

      it.each([
        ['master.m3u8', 'application/vnd.apple.mpegurl'],
        ['segment-001.ts', 'video/mp2t'],
        ['segment-001.m4s', 'video/iso.segment'],
        ['audio.aac', 'audio/aac'],
        ['audio.m4a', 'audio/mp4'],
        ['video.mp4', 'video/mp4'],
        ['peaks.json', 'application/json'],
        ['cover.jpg', 'image/jpeg'],
        ['cover.png', 'image/png'],
        ['original.flac', 'audio/flac'],
        ['original.wav', 'audio/wav'],
      ])('serves %s as %s', async (file, expected) => {
        const mimeKey = `${run}/mime/${file}`;
        expect(contentTypeForKey(mimeKey)).toBe(expected);
        await storage.put(mimeKey, Buffer.from('data'), {
          contentType: contentTypeForKey(mimeKey),
        });
        const response = await fetch(await storage.readUrl(mimeKey));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(expected);
        expect((await storage.stat(mimeKey))?.contentType).toBe(expected);
        await response.arrayBuffer();
      });

      it("keeps the content type it was given, whatever the key's extension", async () => {
        const putKey = `${run}/types/waveform.dat`;
        await storage.put(putKey, Buffer.from('[0.1,0.5]'), { contentType: 'application/json' });
        expect((await storage.stat(putKey))?.contentType).toBe('application/json');
        const response = await fetch(await storage.readUrl(putKey));
        expect(response.headers.get('content-type')).toBe('application/json');
        await response.arrayBuffer();

        const uploadKey = `${run}/types/original`;
        const signed = await storage.createSignedUpload(uploadKey, {
          contentType: 'audio/wav',
          maxBytes: 100,
          expiresInSeconds: 60,
        });
        expect((await uploadTo(signed, randomBytes(10))).status).toBe(200);
        expect((await storage.stat(uploadKey))?.contentType).toBe('audio/wav');
      });

      it('put() from a stream stores the whole object with its cache-control', async () => {
        const streamKey = `${run}/hls/song-2/128k/playlist.m3u8`;
        const text = '#EXTM3U\n#EXT-X-VERSION:3\n';
        const stored = await storage.put(streamKey, Readable.from([Buffer.from(text)]), {
          contentType: 'application/vnd.apple.mpegurl',
          cacheControl: 'public, max-age=31536000, immutable',
        });
        expect(stored).toMatchObject({
          key: streamKey,
          size: text.length,
          contentType: 'application/vnd.apple.mpegurl',
        });
        const response = await fetch(await storage.readUrl(streamKey));
        expect(await response.text()).toBe(text);
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      });
    });

    describe('CORS', () => {
      corsIt('answers a preflight for the signed PUT with the signed headers allowed', async () => {
        const signed = await storage.createSignedUpload(`${run}/uploads/cors/original.mp3`, {
          contentType: 'audio/mpeg',
          maxBytes: 10,
          expiresInSeconds: 60,
        });
        const requested = signed.headers.map((header) => header.name).join(', ');
        const response = await fetch(signed.url, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://app.groovy.test',
            'access-control-request-method': 'PUT',
            'access-control-request-headers': requested,
          },
        });
        expect([200, 204]).toContain(response.status);
        expect(['*', 'https://app.groovy.test']).toContain(
          response.headers.get('access-control-allow-origin'),
        );
        expect(response.headers.get('access-control-allow-methods')).toMatch(/PUT/);
        const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
        for (const header of signed.headers) expect(allowed).toContain(header.name.toLowerCase());
      });

      corsIt('lets a page on another origin read an object and its length and range', async () => {
        const key = `${run}/cors/segment.ts`;
        await storage.put(key, randomBytes(500), { contentType: 'video/mp2t' });
        const response = await fetch(await storage.readUrl(key), {
          headers: { origin: 'https://app.groovy.test', range: 'bytes=0-9' },
        });
        expect(response.status).toBe(206);
        expect(['*', 'https://app.groovy.test']).toContain(
          response.headers.get('access-control-allow-origin'),
        );
        const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
        expect(exposed).toContain('content-length');
        expect(exposed).toContain('content-range');
        await response.arrayBuffer();
      });
    });

    describe('deletePrefix', () => {
      it('deletes every object under the prefix, and only those', async () => {
        const base = `${run}/delete`;
        for (const key of [
          `${base}/song-3/original.mp3`,
          `${base}/song-3/hls/master.m3u8`,
          `${base}/song-3/hls/128k/seg-0.ts`,
          `${base}/song-30/original.mp3`,
        ]) {
          await storage.put(key, Buffer.from(key), { contentType: contentTypeForKey(key) });
        }
        expect(await storage.deletePrefix(`${base}/song-3/`)).toBe(3);
        expect(await storage.stat(`${base}/song-3/original.mp3`)).toBeNull();
        expect(await storage.stat(`${base}/song-3/hls/128k/seg-0.ts`)).toBeNull();
        expect(await storage.stat(`${base}/song-30/original.mp3`)).not.toBeNull();
        expect(await storage.deletePrefix(`${base}/song-3/`)).toBe(0);
        expect(await storage.deletePrefix(`${base}/song-3`)).toBe(1);
        expect(await storage.stat(`${base}/song-30/original.mp3`)).toBeNull();
      });
    });

    describe('object-finalised events', () => {
      eventsIt(
        'a completed signed upload is recorded exactly once before it is answered',
        async () => {
          const key = `${run}/uploads/events/original.mp3`;
          const body = randomBytes(3000);
          const signed = await storage.createSignedUpload(key, {
            contentType: 'audio/mpeg',
            maxBytes: 10_000,
            expiresInSeconds: 60,
          });
          expect((await uploadTo(signed, body)).status).toBe(200);

          // The recorder finished before the 200: a client told "stored" can rely on the record.
          const records = recorded.filter((event) => event.key === key);
          expect(records).toHaveLength(1);
          expect(records[0]).toMatchObject({ key, size: body.length, contentType: 'audio/mpeg' });
          expect(records[0]!.generation).toMatch(/^\d+$/);
        },
      );

      eventsIt(
        'put() is reported once, with a newer generation per write; refused uploads are not reported',
        async () => {
          const key = `${run}/hls/events/master.m3u8`;
          await storage.put(key, Buffer.from('#EXTM3U\n'), {
            contentType: 'application/vnd.apple.mpegurl',
          });
          expect(eventsFor(key)).toHaveLength(1);
          // Right after: the same millisecond must still give a newer generation.
          await storage.put(key, Buffer.from('#EXTM3U\n#\n'), {
            contentType: 'application/vnd.apple.mpegurl',
          });
          const [first, second] = recorded.filter((event) => event.key === key);
          expect(BigInt(second!.generation!)).toBeGreaterThan(BigInt(first!.generation!));

          const refused = `${run}/uploads/events-refused/original.mp3`;
          const signed = await storage.createSignedUpload(refused, {
            contentType: 'audio/mpeg',
            maxBytes: 10,
            expiresInSeconds: 60,
          });
          expect((await uploadTo(signed, randomBytes(50))).status).toBe(413);
          expect(eventsFor(refused)).toEqual([]);
          expect(recorded.map((event) => event.key)).not.toContain(refused);
        },
      );
    });
  });
}
