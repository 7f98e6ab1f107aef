import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEventBus, ObjectFinalized, type EventEnvelope } from '@groovy/common/events';
import { IDENTITY_HEADER, signIdentityToken } from '@groovy/common/identity';
import {
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '@groovy/common/media';
import {
  createTestLogger,
  spawnService,
  startTestMongo,
  type SpawnedService,
  type TestMongo,
} from '@groovy/common/testing';
import { mongo as driver, Types } from 'mongoose';
import { readyCall } from './songs-test-server';

// The built service as it runs in production: a real process, configured only by its environment.
const ENTRY = path.join(__dirname, '..', '..', 'dist', 'index.js');
const IDENTITY_SECRET = 'process-test-identity-secret-at-least-32-chars';
const WEBHOOK_SECRET = 'process-test-webhook-secret-at-least-32-chars';

describe('songs as a process', () => {
  let mongo: TestMongo;
  let storageDir: string;
  beforeAll(async () => {
    mongo = await startTestMongo();
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'songs-storage-'));
  });
  afterAll(async () => {
    await mongo?.stop();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  it('serves GraphQL and, with local storage, the storage server: a real upload lands on disk, is announced on the event bus, the webhook makes it READY', async () => {
    // A consumer of the embedded bus, as the HLS worker is: OBJECT_FINALIZED comes through songs' outbox.
    const eventsDatabase = mongo.freshDatabaseName('events');
    const client = await driver.MongoClient.connect(mongo.url);
    const bus = new EmbeddedEventBus({
      db: client.db(eventsDatabase),
      logger: createTestLogger('bus'),
    });
    const announced: EventEnvelope[] = [];
    let onAnnounced: (() => void) | undefined;
    await bus.subscribe({
      consumer: 'hls-worker',
      types: [ObjectFinalized.type],
      handler: async (event) => {
        announced.push(event);
        onAnnounced?.();
      },
    });
    const service: SpawnedService = await spawnService({
      name: 'songs',
      entry: ENTRY,
      env: {
        MONGO_URL: mongo.url,
        MONGO_DATABASE: mongo.freshDatabaseName('songs'),
        IDENTITY_TOKEN_SECRET: IDENTITY_SECRET,
        WORKER_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STORAGE_DRIVER: 'local',
        STORAGE_LOCAL_DIR: storageDir,
        STORAGE_PUBLIC_URL: 'http://127.0.0.1:0',
        EVENT_BUS_DATABASE: eventsDatabase,
      },
    });
    try {
      expect(await (await fetch(`${service.baseUrl}/healthz`)).json()).toEqual({
        status: 'ok',
        service: 'songs',
      });
      const userId = new Types.ObjectId().toHexString();
      const identity = await signIdentityToken({ kind: 'user', userId }, IDENTITY_SECRET);
      const body = Buffer.from('ID3 not really an mp3, but bytes');
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity },
        body: JSON.stringify({
          query: `mutation($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { uploadUrl method headers { name value } song { id } } }`,
          variables: {
            input: {
              title: 'On disk',
              artistName: 'Local',
              fileName: 'a.mp3',
              contentType: 'audio/mpeg',
              sizeBytes: body.length,
            },
          },
        }),
      });
      const { data } = (await response.json()) as {
        data: {
          requestSongUpload: {
            uploadUrl: string;
            method: string;
            headers: Array<{ name: string; value: string }>;
            song: { id: string };
          };
        };
      };
      const upload = data.requestSongUpload;
      const songId = upload.song.id;
      expect(new URL(upload.uploadUrl).origin).not.toBe(service.baseUrl);

      const put = await fetch(upload.uploadUrl, {
        method: upload.method,
        headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])),
        body,
      });
      expect(put.status).toBe(200);
      expect(
        fs.readFileSync(path.join(storageDir, 'objects', 'uploads', songId, 'original.mp3')),
      ).toEqual(body);
      const uploadKey = `uploads/${songId}/original.mp3`;
      const isUpload = () => announced.some((event) => event.aggregateId === uploadKey);
      if (!isUpload())
        await new Promise<void>((resolve) => (onAnnounced = () => isUpload() && resolve()));
      expect(announced).toHaveLength(1);
      expect(announced[0]).toMatchObject({
        type: 'OBJECT_FINALIZED',
        producer: 'storage',
        aggregateId: uploadKey,
        data: { key: uploadKey, size: body.length, contentType: 'audio/mpeg', bucket: 'local' },
      });

      const rawBody = JSON.stringify(readyCall(songId, `uploads/${songId}/original.mp3`));
      const timestamp = Math.floor(Date.now() / 1000);
      const hook = await fetch(`${service.baseUrl}/webhooks/hls-worker`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(WEBHOOK_SECRET, timestamp, rawBody),
        },
        body: rawBody,
      });
      expect(await hook.json()).toEqual({ applied: true, status: 'READY' });
      const song = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ song(id: "${songId}") { status stream { masterUrl } } }`,
        }),
      });
      const { data: read } = (await song.json()) as {
        data: { song: { status: string; stream: { masterUrl: string } } };
      };
      expect(read.song.status).toBe('READY');
      expect(read.song.stream.masterUrl).toBe(
        `${new URL(upload.uploadUrl).origin}/objects/hls/${songId}/master.m3u8`,
      );
    } finally {
      expect(await service.stop()).toBe(0);
      await bus.close();
      await client.close();
    }
    const lines = service
      .output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'local storage server listening (in this process)',
        'shutdown signal received',
        'stopped',
      ]),
    );
  });

  it('refuses to start with a bad variable, naming it in one line', async () => {
    const failed = await spawnService({
      name: 'songs',
      entry: ENTRY,
      env: {
        MONGO_URL: mongo.url,
        MAX_UPLOAD_BYTES: '0',
        STORAGE_DRIVER: 'ftp',
        NODE_ENV: 'production',
      },
    }).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toMatch(/exited \(code 78\)/);
    const lines = message.split('\n').filter((line) => line.startsWith('{'));
    expect(lines).toHaveLength(1);
    const fatal = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(fatal.level).toBe('fatal');
    expect(fatal.msg).toMatch(/MAX_UPLOAD_BYTES: .*got "0"/);
    expect(fatal.msg).toMatch(/STORAGE_DRIVER: .*got "ftp"/);
  });

  it('refuses the public dev webhook secret in production', async () => {
    const failed = await spawnService({
      name: 'songs',
      entry: ENTRY,
      env: {
        MONGO_URL: mongo.url,
        NODE_ENV: 'production',
        IDENTITY_TOKEN_SECRET: IDENTITY_SECRET,
        STORAGE_SIGNING_SECRET: 'x'.repeat(40),
      },
    }).catch((error: Error) => error);
    expect((failed as Error).message).toMatch(/WORKER_WEBHOOK_SECRET: must be set in production/);
  });
});
