/**
 * Seeds the bench stack with a generated catalogue (bench/catalogue.ts) of READY songs, the fastest
 * honest way: the songs subgraph's own documents (songs, albums, artists, as its models store them
 * after the upload flow — stream keys, a ~1,000-peak waveform, loudness) inserted into its
 * database, and the events songs would have published for them (ARTIST_UPDATED v1, ALBUM_CREATED,
 * SONG_CREATED with status READY) on the embedded bus, which the query subgraph consumes as in
 * production (or, with BENCH_SEED=read-model, the read model those events lead to). Done when the
 * query subgraph's search finds a marker song published last (the bus delivers in log order).
 *
 * Both sides matter: the query subgraph answers search with what its read model holds, and the
 * router fetches songs-only fields of the web app's selection (cover, stream, …) from songs, so a
 * song missing there would come back null.
 */
import { MongoClient, ObjectId, type Db } from 'mongodb';
import {
  AlbumCreated,
  ArtistUpdated,
  createEvent,
  EmbeddedEventBus,
  SongCreated,
  type EventEnvelope,
} from '@groovy/common/events';
import { createLogger } from '@groovy/common/logging';
import {
  songYear,
  type AlbumDocument,
  type ArtistDocument,
  type SongDocument,
} from '../src/read-model/documents';
import { prng, type Catalogue, type CatalogueSong } from './catalogue';
import { graphql, type BenchDatabases, type BenchStack } from './bench-stack';
import { sleep } from './bench-stats';

export interface SeededCatalogue {
  /** Catalogue id (`artist-3`) → the ObjectId hex the seeded artist got (filters use these). */
  artistIds: Map<string, string>;
  /** Every seeded song's id (ObjectId hex), in catalogue order (song pages use these). */
  songIds: string[];
  songs: number;
  albums: number;
  artists: number;
  events: number;
}

/** The bench's catalogue uploader (every seeded song and album is theirs). */
const UPLOADER = new ObjectId();
/** Peaks stored per song, as the worker stores them (~1,000); BENCH_SEED_WAVEFORM_PEAKS=0 to store none. */
const WAVEFORM_PEAKS = Number(process.env.BENCH_SEED_WAVEFORM_PEAKS ?? 1_000);

function waveform(random: () => number): number[] {
  return Array.from({ length: WAVEFORM_PEAKS }, () => Math.round(random() * 1000) / 1000);
}

function event<TType extends string, TData>(
  definition: { type: TType; version: number },
  aggregateId: string,
  data: TData,
): EventEnvelope {
  return createEvent({
    type: definition.type,
    version: definition.version,
    producer: 'songs',
    aggregateId,
    aggregateVersion: 1,
    data,
  }) as EventEnvelope;
}

/** Song document and SONG_CREATED of one catalogue song (READY, as after the worker's webhook). */
function songRecord(
  song: SongDocument,
  ids: { song: ObjectId; artist: ObjectId; album: ObjectId | null },
  artistName: string,
  random: () => number,
): { doc: Record<string, unknown>; event: EventEnvelope } {
  const hex = ids.song.toHexString();
  const doc = {
    _id: ids.song,
    title: song.title,
    artistId: ids.artist,
    albumId: ids.album,
    genre: song.genre,
    tags: song.tags,
    uploaderId: UPLOADER,
    status: 'READY',
    failureReason: null,
    failureCode: null,
    uploadKey: `uploads/${hex}/original.mp3`,
    uploadContentType: 'audio/mpeg',
    uploadSizeBytes: 4_000_000 + Math.floor(random() * 6_000_000),
    uploadExpiresAt: new Date(song.createdAt.getTime() + 15 * 60_000),
    durationMs: song.durationMs,
    loudnessLufs: -8 - Math.round(random() * 100) / 10,
    truePeakDbtp: -Math.round(random() * 30) / 10,
    waveform: WAVEFORM_PEAKS > 0 ? waveform(random) : null,
    stream: {
      masterKey: `hls/${hex}/master.m3u8`,
      renditions: [64, 128, 256].map((kbps) => ({
        bitrateKbps: kbps,
        codec: 'mp4a.40.2',
        playlistKey: `hls/${hex}/${kbps}k/playlist.m3u8`,
      })),
    },
    coverKey: null,
    processing: {
      jobId: `seed-${hex}`,
      lastEventAt: song.createdAt,
      lastOutcome: 'READY',
      attempts: 1,
      startedAt: song.createdAt,
    },
    revision: 0,
    deletedAt: null,
    _outbox: [],
    createdAt: song.createdAt,
    updatedAt: song.createdAt,
    __v: 0,
  };
  const created = event(SongCreated, hex, {
    songId: hex,
    title: song.title,
    artist: { id: ids.artist.toHexString(), name: artistName },
    album:
      ids.album && song.album ? { id: ids.album.toHexString(), title: song.album.title } : null,
    genre: song.genre,
    tags: song.tags,
    durationMs: song.durationMs,
    status: 'READY',
    failureReason: null,
    coverKey: null,
    masterKey: doc.stream.masterKey,
    loudnessLufs: doc.loudnessLufs,
    uploaderId: UPLOADER.toHexString(),
    createdAt: song.createdAt.toISOString(),
  });
  return { doc, event: created };
}

async function insertInBatches(
  db: Db,
  collection: string,
  docs: Record<string, unknown>[],
): Promise<void> {
  for (let offset = 0; offset < docs.length; offset += 500) {
    await db
      .collection(collection)
      .insertMany(docs.slice(offset, offset + 500), { ordered: false });
  }
}

/** What the bench writes: songs' documents, the events songs would have published, and the read model they lead to. */
export interface CatalogueSeed {
  seeded: SeededCatalogue;
  songsDb: {
    artists: Record<string, unknown>[];
    albums: Record<string, unknown>[];
    songs: Record<string, unknown>[];
  };
  events: EventEnvelope[];
  readModel: { artists: ArtistDocument[]; albums: AlbumDocument[]; songs: SongDocument[] };
  /** A word only the last song has (published last): once it is searchable, the rest is too. */
  marker: string;
}

/**
 * How the query subgraph gets the catalogue (BENCH_SEED): `events` (default) publishes the events on
 * the bus before the services start and waits for the query subgraph to consume them, as in
 * production; `read-model` writes the read-model documents those events lead to into its database
 * before it starts (it rebuilds its index from them at start-up, as after a restart): seconds instead
 * of the consumer's catch-up.
 */
export type SeedMode = 'events' | 'read-model';
export const SEED_MODE: SeedMode = ((): SeedMode => {
  const mode = process.env.BENCH_SEED ?? 'events';
  if (mode !== 'events' && mode !== 'read-model')
    throw new Error(`BENCH_SEED: expected events or read-model, not ${mode}`);
  return mode;
})();

/** Builds everything to write for a catalogue. Artist names are made unique (songs keys artists by name). */
export function prepareSeed(catalogue: Catalogue): CatalogueSeed {
  const random = prng(1234);
  const artistIds = new Map<string, string>();
  const artistObjectIds = new Map<string, ObjectId>();
  const artistNames = new Map<string, string>();
  const taken = new Set<string>();
  const artistDocs: Record<string, unknown>[] = [];
  const events: EventEnvelope[] = [];
  const readModel: CatalogueSeed['readModel'] = { artists: [], albums: [], songs: [] };
  const now = new Date();
  for (const artist of catalogue.artists) {
    let name = artist.name;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${artist.name} ${n}`;
    taken.add(name.toLowerCase());
    const id = new ObjectId();
    artistIds.set(artist.id, id.toHexString());
    artistObjectIds.set(artist.id, id);
    artistNames.set(artist.id, name);
    artistDocs.push({
      _id: id,
      name,
      nameKey: name.toLowerCase().replace(/\s+/g, ' '),
      version: 1,
      _outbox: [],
      createdAt: now,
      __v: 0,
    });
    events.push(event(ArtistUpdated, id.toHexString(), { artistId: id.toHexString(), name }));
    readModel.artists.push({ _id: id.toHexString(), version: 1, name });
  }
  const albumObjectIds = new Map<string, ObjectId>();
  const albumDocs: Record<string, unknown>[] = [];
  for (const album of catalogue.albums) {
    const id = new ObjectId();
    const artistId = artistObjectIds.get(album.artist.id) as ObjectId;
    const artist = { id: artistId.toHexString(), name: artistNames.get(album.artist.id) as string };
    albumObjectIds.set(album.id, id);
    const releaseDate = album.releaseDate ? new Date(`${album.releaseDate}T00:00:00.000Z`) : null;
    albumDocs.push({
      _id: id,
      title: album.title,
      artistId,
      ownerId: UPLOADER,
      releaseDate,
      coverUrl: null,
      version: 1,
      deletedAt: null,
      _outbox: [],
      createdAt: now,
      updatedAt: now,
      __v: 0,
    });
    events.push(
      event(AlbumCreated, id.toHexString(), {
        albumId: id.toHexString(),
        title: album.title,
        artist,
        releaseDate: album.releaseDate,
        coverUrl: null,
        ownerId: UPLOADER.toHexString(),
      }),
    );
    readModel.albums.push({
      _id: id.toHexString(),
      version: 1,
      deleted: false,
      title: album.title,
      artist,
      releaseDate: album.releaseDate,
      coverUrl: null,
      ownerId: UPLOADER.toHexString(),
    });
  }
  const songDocs: Record<string, unknown>[] = [];
  const addSong = (song: SongDocument, album: ObjectId | null) => {
    const ids = {
      song: new ObjectId(),
      artist: artistObjectIds.get(song.artist.id) as ObjectId,
      album,
    };
    const artistName = artistNames.get(song.artist.id) as string;
    const record = songRecord(song, ids, artistName, random);
    songDocs.push(record.doc);
    events.push(record.event);
    // What ReadModel.apply makes of that SONG_CREATED (no activity: counts live in song_activity).
    const releaseDate = album && song.album ? song.album.releaseDate : null;
    const {
      plays: _plays,
      likes: _likes,
      comments: _comments,
      ...document
    } = song as CatalogueSong;
    readModel.songs.push({
      ...document,
      _id: ids.song.toHexString(),
      version: 1,
      artist: { id: ids.artist.toHexString(), name: artistName },
      album:
        album && song.album
          ? { id: album.toHexString(), title: song.album.title, releaseDate }
          : null,
      year: songYear(song.createdAt, releaseDate),
      status: 'READY',
      coverKey: null,
      masterKey: (record.doc.stream as { masterKey: string }).masterKey,
      loudnessLufs: record.doc.loudnessLufs as number,
      uploaderId: UPLOADER.toHexString(),
    });
  };
  for (const song of catalogue.songs)
    addSong(song, song.album ? (albumObjectIds.get(song.album.id) as ObjectId) : null);
  // The marker: published last, so once it is searchable every earlier event was applied.
  const marker = `seedmarker${Date.now().toString(36)}`;
  const first = catalogue.songs[0] as SongDocument;
  addSong({ ...first, title: `${marker} ${first.title}`, album: null }, null);
  return {
    seeded: {
      artistIds,
      songIds: songDocs.map((doc) => (doc._id as ObjectId).toHexString()),
      songs: songDocs.length,
      albums: albumDocs.length,
      artists: artistDocs.length,
      events: events.length,
    },
    songsDb: { artists: artistDocs, albums: albumDocs, songs: songDocs },
    events,
    readModel,
    marker,
  };
}

/** Writes the seed before the services start: songs' documents, then the events or the read model. */
export async function writeSeed(
  mongoUrl: string,
  databases: BenchDatabases,
  seed: CatalogueSeed,
  mode: SeedMode,
): Promise<void> {
  const client = await MongoClient.connect(mongoUrl);
  const bus = new EmbeddedEventBus({
    db: client.db(databases.events),
    logger: createLogger({ service: 'query-bench', level: 'warn' }),
  });
  try {
    // The uploader's account, as auth stores it: a song page asks `uploader { displayName }`, and
    // a song whose uploader auth does not know resolves to null (User.displayName is non-null).
    const now = new Date();
    await client.db(databases.auth).collection('users').insertOne({
      _id: UPLOADER,
      email: 'bench-uploader@example.test',
      emailNormalised: 'bench-uploader@example.test',
      displayName: 'Bench Uploader',
      avatarUrl: null,
      passwordHash: null,
      googleSubject: null,
      roles: [],
      version: 1,
      _outbox: [],
      createdAt: now,
      updatedAt: now,
    });
    const songsDb = client.db(databases.songs);
    await insertInBatches(songsDb, 'artists', seed.songsDb.artists);
    await insertInBatches(songsDb, 'albums', seed.songsDb.albums);
    await insertInBatches(songsDb, 'songs', seed.songsDb.songs);
    if (mode === 'events') {
      for (let offset = 0; offset < seed.events.length; offset += 500)
        await bus.publish(seed.events.slice(offset, offset + 500));
    } else {
      const queryDb = client.db(databases.query);
      await insertInBatches(
        queryDb,
        'artists',
        seed.readModel.artists as unknown as Record<string, unknown>[],
      );
      await insertInBatches(
        queryDb,
        'albums',
        seed.readModel.albums as unknown as Record<string, unknown>[],
      );
      await insertInBatches(
        queryDb,
        'songs',
        seed.readModel.songs as unknown as Record<string, unknown>[],
      );
    }
  } finally {
    await bus.close();
    await client.close();
  }
}

/** Waits until the query subgraph's search finds the marker (every seeded song applied and indexed). */
export async function waitForSeed(
  stack: BenchStack,
  seed: CatalogueSeed,
  timeoutMs = 15 * 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await graphql<{ search: { songs: { totalCount: number } } }>(
      stack.query.url,
      'query Marker($q: String!) { search(query: $q, first: 1) { songs { totalCount } } }',
      { q: seed.marker },
    );
    if (found.errors)
      throw new Error(`query subgraph search failed while seeding: ${found.text.slice(0, 500)}`);
    if ((found.data?.search.songs.totalCount ?? 0) > 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `the query subgraph did not apply the seeded catalogue within ${timeoutMs / 60_000} minutes`,
      );
    await sleep(100);
  }
}
