import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { BadUserInputError } from '../../errors/domain-errors';
import {
  CONTENT_LENGTH_RANGE_HEADER,
  IF_GENERATION_MATCH_HEADER,
  GcsStorage,
  type ServiceAccountCredentials,
} from '../gcs/gcs-storage';
import { describeStorageContract } from './storage-contract';

/** A throwaway service-account key: URLs are signed offline with it, nothing calls Google. */
function fakeServiceAccount(): { credentials: ServiceAccountCredentials; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    credentials: {
      client_email: 'uploader@groovy-test.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** RFC 3986 encoding as the V4 canonical query uses it. */
function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Rebuilds the V4 canonical request and string-to-sign from a signed URL and the headers the
 * client will send, and checks X-Goog-Signature with the service account's public key.
 */
function verifyV4Signature(
  signedUrl: string,
  method: string,
  headers: Record<string, string>,
  publicKey: KeyObject,
): boolean {
  const url = new URL(signedUrl);
  const params = [...url.searchParams.entries()];
  const signature = url.searchParams.get('X-Goog-Signature') ?? '';
  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Goog-Signature')
    .map(([name, value]) => [strictEncode(name), strictEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const allHeaders: Record<string, string> = { host: url.host, ...headers };
  const names = Object.keys(allHeaders)
    .map((name) => name.toLowerCase())
    .sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${(allHeaders[name] ?? '').trim()}\n`)
    .join('');
  const signedHeaders = names.join(';');
  // Headers the URL signed and the client does not send (or the other way round) do not match.
  if (url.searchParams.get('X-Goog-SignedHeaders') !== signedHeaders) return false;
  const canonicalRequest = [
    method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const credential = url.searchParams.get('X-Goog-Credential') ?? '';
  const scope = credential.slice(credential.indexOf('/') + 1);
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    url.searchParams.get('X-Goog-Date'),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  return verify('RSA-SHA256', Buffer.from(stringToSign), publicKey, Buffer.from(signature, 'hex'));
}

describe('GcsStorage URL signing (offline, generated service-account key)', () => {
  const { credentials, publicKey } = fakeServiceAccount();
  // A fixed instant (noon UTC tomorrow): the library refuses expiry times in the real past.
  const clock = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 12 * 3_600_000);
  const day = clock.toISOString().slice(0, 10).replace(/-/g, '');
  const storage = new GcsStorage({
    bucket: 'groovy-test-bucket',
    projectId: 'groovy-test',
    credentials,
    now: () => clock,
  });
  const spies: jest.SpyInstance[] = [];

  beforeEach(() => {
    // Signing must happen locally: any network call (to Google or anywhere) fails the test.
    spies.push(
      jest.spyOn(https, 'request'),
      jest.spyOn(http, 'request'),
      jest.spyOn(globalThis, 'fetch'),
    );
  });

  afterEach(() => {
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it('signs a V4 PUT bound to the content type and a content-length range, verifiable with the public key', async () => {
    const upload = await storage.createSignedUpload('uploads/song 1/original.mp3', {
      contentType: 'audio/mpeg',
      maxBytes: 50 * 1024 * 1024,
      expiresInSeconds: 900,
    });
    const url = new URL(upload.url);
    expect(url.origin).toBe('https://storage.googleapis.com');
    expect(url.pathname).toBe('/groovy-test-bucket/uploads/song%201/original.mp3');
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-Credential')).toBe(
      `uploader@groovy-test.iam.gserviceaccount.com/${day}/auto/storage/goog4_request`,
    );
    expect(url.searchParams.get('X-Goog-Date')).toBe(`${day}T120000Z`);
    expect(url.searchParams.get('X-Goog-Expires')).toBe('900');
    expect(url.searchParams.get('X-Goog-SignedHeaders')).toBe(
      `content-type;host;${CONTENT_LENGTH_RANGE_HEADER};${IF_GENERATION_MATCH_HEADER}`,
    );
    expect(url.searchParams.get('X-Goog-Signature')).toMatch(/^[0-9a-f]{512}$/);
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual([
      { name: 'content-type', value: 'audio/mpeg' },
      { name: CONTENT_LENGTH_RANGE_HEADER, value: `0,${50 * 1024 * 1024}` },
      // One upload per URL: Cloud Storage refuses (412) a PUT once the object exists.
      { name: IF_GENERATION_MATCH_HEADER, value: '0' },
    ]);
    expect(upload.expiresAt.getTime() - clock.getTime()).toBe(900_000);

    const sent = Object.fromEntries(upload.headers.map(({ name, value }) => [name, value]));
    expect(verifyV4Signature(upload.url, 'PUT', sent, publicKey)).toBe(true);
    // The same URL with another content type or size limit is not what was signed.
    expect(
      verifyV4Signature(upload.url, 'PUT', { ...sent, 'content-type': 'text/html' }, publicKey),
    ).toBe(false);
    expect(
      verifyV4Signature(
        upload.url,
        'PUT',
        { ...sent, [CONTENT_LENGTH_RANGE_HEADER]: '0,999999999999' },
        publicKey,
      ),
    ).toBe(false);
    expect(verifyV4Signature(upload.url, 'GET', sent, publicKey)).toBe(false);
    // The precondition is signed: a replay that drops it (to overwrite the object) is not what was signed.
    const { [IF_GENERATION_MATCH_HEADER]: _precondition, ...withoutPrecondition } = sent;
    expect(verifyV4Signature(upload.url, 'PUT', withoutPrecondition, publicKey)).toBe(false);
  });

  it('reads are public object URLs by default, or under a configured public base URL', async () => {
    expect(await storage.readUrl('hls/song 1/master.m3u8')).toBe(
      'https://storage.googleapis.com/groovy-test-bucket/hls/song%201/master.m3u8',
    );
    const cdn = new GcsStorage({
      bucket: 'b',
      credentials,
      publicBaseUrl: 'https://cdn.groovy.test/media/',
    });
    expect(await cdn.readUrl('hls/x/master.m3u8')).toBe(
      'https://cdn.groovy.test/media/hls/x/master.m3u8',
    );
    const emulator = new GcsStorage({
      bucket: 'b',
      credentials,
      apiEndpoint: 'http://127.0.0.1:4443',
    });
    expect(await emulator.readUrl('hls/x/master.m3u8')).toBe(
      'http://127.0.0.1:4443/b/hls/x/master.m3u8',
    );
  });

  it('signed reads are V4 GET URLs that live readUrlTtlSeconds', async () => {
    const signedReads = new GcsStorage({
      bucket: 'groovy-test-bucket',
      credentials,
      readUrls: 'signed',
      readUrlTtlSeconds: 600,
      now: () => clock,
    });
    const url = new URL(await signedReads.readUrl('hls/x/master.m3u8'));
    expect(url.searchParams.get('X-Goog-Expires')).toBe('600');
    expect(url.searchParams.get('X-Goog-SignedHeaders')).toBe('host');
    expect(verifyV4Signature(url.toString(), 'GET', {}, publicKey)).toBe(true);
  });

  it('signs for the emulator host when an apiEndpoint is configured', async () => {
    const emulator = new GcsStorage({
      bucket: 'b',
      credentials,
      apiEndpoint: 'http://127.0.0.1:4443',
      now: () => clock,
    });
    const upload = await emulator.createSignedUpload('uploads/x/original.mp3', {
      contentType: 'audio/mpeg',
      maxBytes: 10,
      expiresInSeconds: 60,
    });
    expect(upload.url.startsWith('http://127.0.0.1:4443/b/uploads/x/original.mp3?')).toBe(true);
    // The library signs the host without its port (an emulator does not check signatures anyway).
    const sent = {
      host: '127.0.0.1',
      ...Object.fromEntries(upload.headers.map((h) => [h.name, h.value])),
    };
    expect(verifyV4Signature(upload.url, 'PUT', sent, publicKey)).toBe(true);
  });

  it('refuses unsafe keys and unusable upload options before signing', async () => {
    await expect(
      storage.createSignedUpload('../x.mp3', {
        contentType: 'audio/mpeg',
        maxBytes: 1,
        expiresInSeconds: 60,
      }),
    ).rejects.toBeInstanceOf(BadUserInputError);
    await expect(
      storage.createSignedUpload('a.mp3', {
        contentType: 'audio/mpeg',
        maxBytes: 0,
        expiresInSeconds: 60,
      }),
    ).rejects.toThrow(/maxBytes/);
    await expect(
      storage.createSignedUpload('a.mp3', {
        contentType: 'audio/mpeg',
        maxBytes: 1,
        expiresInSeconds: 8 * 86400,
      }),
    ).rejects.toThrow(/expiresInSeconds/);
    await expect(
      storage.createSignedUpload('a.mp3', {
        contentType: 'audio/mpeg\r\nx: y',
        maxBytes: 1,
        expiresInSeconds: 60,
      }),
    ).rejects.toThrow(/contentType/);
  });
});

// Against a real bucket or an emulator, only when one is configured.
const bucket = process.env.GCS_TEST_BUCKET;
const apiEndpoint = process.env.GCS_TEST_API_ENDPOINT ?? process.env.GCS_API_ENDPOINT;
const credentialsFile =
  process.env.GCS_TEST_CREDENTIALS_FILE ?? process.env.GOOGLE_APPLICATION_CREDENTIALS;
const skipReason = !bucket
  ? 'GCS_TEST_BUCKET is not set (set it with GCS_TEST_API_ENDPOINT for an emulator, or with GCS_TEST_CREDENTIALS_FILE for Cloud Storage)'
  : !apiEndpoint && !credentialsFile
    ? 'GCS_TEST_BUCKET is set but neither GCS_TEST_API_ENDPOINT (emulator) nor GCS_TEST_CREDENTIALS_FILE (a service-account key) is'
    : undefined;
if (skipReason) {
  console.info(`GcsStorage contract skipped: ${skipReason}`);
}

describeStorageContract(
  'GcsStorage',
  async () => {
    const credentials = credentialsFile
      ? (JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as ServiceAccountCredentials)
      : // An emulator does not check signatures, but URLs still need a key to be signed with.
        fakeServiceAccount().credentials;
    const storage = new GcsStorage({
      bucket: bucket as string,
      credentials,
      ...(apiEndpoint ? { apiEndpoint } : {}),
      ...(process.env.GCS_TEST_PROJECT_ID ? { projectId: process.env.GCS_TEST_PROJECT_ID } : {}),
      // Real buckets are private: read through signed URLs. The emulator serves public URLs.
      readUrls: apiEndpoint ? 'public' : 'signed',
    });
    return { storage, close: async () => undefined };
  },
  {
    // The emulator (fake-gcs-server) accepts any signed PUT; Cloud Storage enforces every signed limit.
    enforcesUploadPolicy: !apiEndpoint,
    tooLargeStatuses: [400, 413],
    alreadyUploadedStatus: 412,
    // CORS on a bucket is bucket configuration (gsutil cors set), not this adapter's.
    cors: false,
    // OBJECT_FINALIZE arrives through Pub/Sub, tested with parseObjectFinalizedPush.
    finalizedEvents: false,
    ...(skipReason ? { skipReason } : {}),
  },
);
