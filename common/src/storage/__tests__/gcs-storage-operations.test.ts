import https from 'node:https';
import { Readable } from 'node:stream';
import { NotFoundError } from '../../errors/domain-errors';
import { GcsStorage } from '../gcs/gcs-storage';
import { startFakeGcsJsonApi } from './fake-gcs-json-api';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('GcsStorage operations (against an in-memory fake of the JSON API)', () => {
  let fake: Awaited<ReturnType<typeof startFakeGcsJsonApi>>;
  let storage: GcsStorage;

  // The fake is plain HTTP on loopback: any HTTPS request would be the client calling Google.
  const httpsRequest = jest.spyOn(https, 'request');

  beforeAll(async () => {
    fake = await startFakeGcsJsonApi('groovy-media');
    storage = new GcsStorage({
      bucket: 'groovy-media',
      projectId: 'groovy-test',
      apiEndpoint: fake.url,
    });
  });

  afterAll(async () => {
    await fake.close();
    expect(httpsRequest).not.toHaveBeenCalled();
    httpsRequest.mockRestore();
  });

  it('put() a Buffer and a stream with content type and cache-control, then stat() and get() them', async () => {
    const stored = await storage.put('hls/s1/128k/seg-0.ts', Buffer.from('segment bytes'), {
      contentType: 'video/mp2t',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(stored).toMatchObject({
      key: 'hls/s1/128k/seg-0.ts',
      size: 13,
      contentType: 'video/mp2t',
    });
    expect(stored.updatedAt).toBeInstanceOf(Date);
    expect(fake.objects.get('hls/s1/128k/seg-0.ts')?.cacheControl).toBe(
      'public, max-age=31536000, immutable',
    );

    await storage.put(
      'hls/s1/master.m3u8',
      Readable.from([Buffer.from('#EXTM3U\n'), Buffer.from('#EXT-X-VERSION:3\n')]),
      {
        contentType: 'application/vnd.apple.mpegurl',
      },
    );
    expect(await storage.stat('hls/s1/master.m3u8')).toMatchObject({
      size: 25,
      contentType: 'application/vnd.apple.mpegurl',
    });
    expect((await readAll(await storage.get('hls/s1/master.m3u8'))).toString()).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n',
    );
  });

  it('stat() of a missing object is null and get() throws NotFoundError', async () => {
    expect(await storage.stat('hls/none/master.m3u8')).toBeNull();
    await expect(storage.get('hls/none/master.m3u8')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletePrefix() deletes and counts every object under the prefix, and only those', async () => {
    for (const key of [
      'songs/a/original.mp3',
      'songs/a/hls/master.m3u8',
      'songs/ab/original.mp3',
    ]) {
      await storage.put(key, Buffer.from(key), { contentType: 'application/octet-stream' });
    }
    expect(await storage.deletePrefix('songs/a/')).toBe(2);
    expect([...fake.objects.keys()].filter((key) => key.startsWith('songs/'))).toEqual([
      'songs/ab/original.mp3',
    ]);
    expect(await storage.deletePrefix('songs/a/')).toBe(0);
  });
});
