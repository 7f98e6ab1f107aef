import { EmbeddedEventBus, type EventEnvelope } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { MongoClient } from 'mongodb';
import { Types } from 'mongoose';
import {
  CREATE_ALBUM,
  DELETE_SONG,
  failedCall,
  newUserId,
  processingCall,
  readyCall,
  SONG,
  SongsTestServer,
  UPDATE_SONG,
} from './songs-test-server';

const TYPES = [
  'SONG_CREATED',
  'SONG_UPDATED',
  'SONG_DELETED',
  'ALBUM_CREATED',
  'ALBUM_UPDATED',
  'ALBUM_DELETED',
  'ARTIST_UPDATED',
];

interface SongData {
  songId: string;
  title: string;
  artist: { id: string; name: string };
  album: { id: string; title: string } | null;
  status: string;
  failureReason: string | null;
  durationMs: number | null;
  coverKey: string | null;
  uploaderId: string;
  createdAt: string;
}

describe('songs publishes the catalogue events through its outboxes', () => {
  let server: SongsTestServer;
  let client: MongoClient;
  let bus: EmbeddedEventBus;
  const received: EventEnvelope[] = [];
  let notify: (() => void) | undefined;

  beforeAll(async () => {
    server = await SongsTestServer.start({ EVENT_BUS_DATABASE: `events_${Date.now()}` });
    client = await MongoClient.connect(server.mongo.url);
    bus = new EmbeddedEventBus({
      db: client.db(server.env.EVENT_BUS_DATABASE),
      logger: createTestLogger('bus'),
    });
    await bus.subscribe({
      consumer: 'test',
      types: TYPES,
      handler: async (event) => {
        received.push(event);
        notify?.();
      },
    });
  });
  afterAll(async () => {
    await bus?.close();
    await client?.close();
    await server?.stop();
  });

  const eventsFor = async (aggregateId: string, count: number) => {
    const deadline = Date.now() + 10_000;
    while (
      received.filter((e) => e.aggregateId === aggregateId).length < count &&
      Date.now() < deadline
    ) {
      await new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 200);
      });
    }
    return received.filter((e) => e.aggregateId === aggregateId);
  };
  /** Lets the relay run a few more passes, then lists what arrived for the aggregate. */
  const settledEventsFor = async (aggregateId: string) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return received.filter((e) => e.aggregateId === aggregateId);
  };
  const collection = (name: string) => server.subgraph.connection.collection(name);
  const summary = (events: EventEnvelope[]) =>
    events.map((e) => [e.type, e.aggregateVersion, (e.data as { status?: string }).status]);

  it('emits SONG_CREATED and ARTIST_UPDATED on upload, SONG_UPDATED on edits and processing, SONG_DELETED on delete', async () => {
    const uploader = newUserId();
    const artistName = `Events Artist ${Date.now()}`;
    const { id, uploadKey } = await server.upload(uploader, {
      artistName,
      genre: 'House',
      tags: ['club'],
    });
    const stored = await collection('songs').findOne({ _id: new Types.ObjectId(id) });
    const artistId = (stored!.artistId as Types.ObjectId).toHexString();

    const [created] = await eventsFor(id, 1);
    expect(created).toMatchObject({
      type: 'SONG_CREATED',
      producer: 'songs',
      aggregateVersion: 1,
      data: {
        songId: id,
        title: 'Harder, Better',
        artist: { id: artistId, name: artistName },
        album: null,
        genre: 'House',
        tags: ['club'],
        durationMs: null,
        status: 'PENDING_UPLOAD',
        failureReason: null,
        coverKey: null,
        masterKey: null,
        loudnessLufs: null,
        uploaderId: uploader,
        createdAt: (stored!.createdAt as Date).toISOString(),
      },
    });
    expect(await eventsFor(artistId, 1)).toEqual([
      expect.objectContaining({
        type: 'ARTIST_UPDATED',
        aggregateVersion: 1,
        data: { artistId, name: artistName },
      }),
    ]);

    await server.ok(UPDATE_SONG, { id, input: { title: 'Renamed' } }, uploader);
    expect((await server.webhook(processingCall(id, uploadKey))).status).toBe(200);
    const ready = readyCall(id, uploadKey);
    expect((await server.webhook(ready)).body).toMatchObject({ applied: true, status: 'READY' });
    // The same call again is a duplicate: no second event.
    expect((await server.webhook(ready)).body).toMatchObject({ applied: false, duplicate: true });

    const events = await eventsFor(id, 4);
    expect(summary(events)).toEqual([
      ['SONG_CREATED', 1, 'PENDING_UPLOAD'],
      ['SONG_UPDATED', 2, 'PENDING_UPLOAD'],
      ['SONG_UPDATED', 3, 'PROCESSING'],
      ['SONG_UPDATED', 4, 'READY'],
    ]);
    expect((events[1]!.data as SongData).title).toBe('Renamed');
    expect(events[3]!.data).toMatchObject({
      title: 'Renamed',
      durationMs: 215_000,
      coverKey: `hls/${id}/cover.jpg`,
    });
    expect(await settledEventsFor(id)).toHaveLength(4);
    const afterReady = await collection('songs').findOne({ _id: new Types.ObjectId(id) });
    expect(afterReady!._outbox).toEqual([]);
    // What a result list plays, for the query subgraph's read model: the stored stream's master
    // playlist key and the loudness (null in every event before READY).
    expect(events[3]!.data).toMatchObject({
      masterKey: (afterReady!.stream as { masterKey: string }).masterKey,
      loudnessLufs: afterReady!.loudnessLufs,
    });
    expect(events[2]!.data).toMatchObject({ masterKey: null });
    expect(afterReady!.revision).toBe(3);

    expect(await server.ok(DELETE_SONG, { id }, uploader)).toEqual({ deleteSong: true });
    const all = await eventsFor(id, 5);
    expect(all[4]).toMatchObject({
      type: 'SONG_DELETED',
      aggregateVersion: 5,
      data: { songId: id },
    });
    // Gone from every query at once (and from the database once the event is out and a sweep ran).
    expect((await server.ok<{ song: unknown }>(SONG, { id }, uploader)).song).toBeNull();
    await server.subgraph.sweeper.sweep();
    expect(await collection('songs').findOne({ _id: new Types.ObjectId(id) })).toBeNull();
  });

  it('emits SONG_UPDATED with status FAILED and the reason for a failed job, once', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    const failed = failedCall(id, uploadKey);
    expect((await server.webhook(failed)).body).toMatchObject({ applied: true, status: 'FAILED' });
    expect((await server.webhook(failed)).body).toMatchObject({ applied: false, duplicate: true });
    const events = await eventsFor(id, 2);
    expect(events[1]).toMatchObject({
      type: 'SONG_UPDATED',
      aggregateVersion: 2,
      data: { status: 'FAILED', failureReason: 'This file is not audio' },
    });
    expect(await settledEventsFor(id)).toHaveLength(2);
  });

  it('emits ALBUM_CREATED, ALBUM_UPDATED and ALBUM_DELETED, and SONG_UPDATED for the songs it leaves', async () => {
    const owner = newUserId();
    const created = await server.ok<{ createAlbum: { id: string } }>(
      CREATE_ALBUM,
      { input: { title: 'Discovery', artistName: 'Daft Punk', releaseDate: '2001-03-12' } },
      owner,
    );
    const albumId = created.createAlbum.id;
    const song = await server.upload(owner, { albumId });
    await server.ok(
      'mutation($id: ID!, $input: UpdateAlbumInput!) { updateAlbum(id: $id, input: $input) { id } }',
      { id: albumId, input: { title: 'Homework' } },
      owner,
    );
    await server.ok('mutation($id: ID!) { deleteAlbum(id: $id) }', { id: albumId }, owner);

    const events = await eventsFor(albumId, 3);
    expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['ALBUM_CREATED', 1],
      ['ALBUM_UPDATED', 2],
      ['ALBUM_DELETED', 3],
    ]);
    expect(events[0]!.data).toMatchObject({
      albumId,
      title: 'Discovery',
      artist: { name: 'Daft Punk' },
      releaseDate: '2001-03-12',
      coverUrl: null,
      ownerId: owner,
    });
    expect(events[1]!.data).toMatchObject({ title: 'Homework' });
    expect(events[2]!.data).toEqual({ albumId });

    const songEvents = await eventsFor(song.id, 2);
    expect(songEvents.map((e) => [e.type, e.aggregateVersion, (e.data as SongData).album])).toEqual(
      [
        ['SONG_CREATED', 1, { id: albumId, title: 'Discovery' }],
        ['SONG_UPDATED', 2, null],
      ],
    );
    const album = await server.execute<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Album { id } } }',
      { r: [{ __typename: 'Album', id: albumId }] },
    );
    expect(album.data?._entities).toEqual([null]);

    await server.subgraph.sweeper.sweep();
    expect(await collection('albums').findOne({ _id: new Types.ObjectId(albumId) })).toBeNull();
    for (const name of ['songs', 'albums', 'artists']) {
      expect(await collection(name).countDocuments({ '_outbox.0': { $exists: true } })).toBe(0);
    }
  });
});
