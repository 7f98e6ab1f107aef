import { createEvent, EmbeddedEventBus, type EventEnvelope } from '@groovy/common/events';
import {
  createTestLogger,
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestGraphQLResult,
  type TestMongo,
} from '@groovy/common/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { ACTIVITY_CONSUMER } from '../events/read-model-consumer';
import { queryEnvironmentSchema, type QueryEnvironment } from '../environment';
import type { AlbumEventData, SongEventData } from '../read-model/read-model';
import { querySubgraph, type RunningQuerySubgraph } from '../query-subgraph';

/** Where the test server's covers and streams are served from (`<base>/objects/<key>`). */
export const MEDIA_BASE_URL = 'http://media.test';

/** A query subgraph on a free port with a fresh database, and an embedded bus to publish songs events. */
export class QueryTestServer {
  private constructor(
    readonly mongo: TestMongo,
    readonly client: MongoClient,
    readonly bus: EmbeddedEventBus,
    public subgraph: RunningQuerySubgraph,
    readonly env: QueryEnvironment,
  ) {}

  static async start(): Promise<QueryTestServer> {
    const env = queryEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      EVENT_BUS_DATABASE: `events_${randomUUID().slice(0, 8)}`,
      EVENT_BUS_POLL_INTERVAL_MS: '10',
      // Lists follow every count at once here; the throttle is pinned in trending-board.test.ts.
      TRENDING_RERANK_INTERVAL_MS: '0',
      // Covers and stream URLs are made from storage keys as songs makes them.
      STORAGE_PUBLIC_URL: MEDIA_BASE_URL,
    });
    const mongo = await startTestMongo();
    const client = await MongoClient.connect(mongo.url);
    const bus = new EmbeddedEventBus({
      db: client.db(env.EVENT_BUS_DATABASE),
      logger: createTestLogger('test-bus'),
    });
    const subgraph = await startTestSubgraph(mongo, querySubgraph(env));
    return new QueryTestServer(mongo, client, bus, subgraph, env);
  }

  /** Stops the subgraph and starts it again on the same database (the index is rebuilt from it). */
  async restart(beforeStart?: (databaseName: string) => Promise<void>): Promise<void> {
    const databaseName = this.subgraph.connection.name;
    const { mongo, env } = this;
    const copy = await this.snapshot(databaseName);
    await this.subgraph.stop();
    await this.restore(databaseName, copy);
    await beforeStart?.(databaseName);
    this.subgraph = await startTestSubgraph(mongo, querySubgraph(env), { databaseName });
  }

  private async snapshot(databaseName: string): Promise<Map<string, unknown[]>> {
    const db = this.client.db(databaseName);
    const copy = new Map<string, unknown[]>();
    for (const { name } of await db.listCollections().toArray()) {
      copy.set(name, await db.collection(name).find().toArray());
    }
    return copy;
  }

  private async restore(databaseName: string, copy: Map<string, unknown[]>): Promise<void> {
    const db = this.client.db(databaseName);
    for (const [name, documents] of copy) {
      if (documents.length) await db.collection(name).insertMany(documents as never[]);
    }
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.bus.close();
    await this.client.close();
    await this.mongo.stop();
  }

  /** Sends an operation as the router would: anonymous, or signed in as `as` (a user id). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<TestGraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
      as,
    });
  }

  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<T> {
    const result = await this.execute<T>(query, variables, as);
    if (result.errors?.length || !result.data)
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /**
   * Publishes the events, then a marker event, and waits (bounded) until the marker is applied:
   * the embedded bus delivers in log order, so every event before it has been handled too.
   */
  async publish(
    events: readonly EventEnvelope[],
    options: { waitForActivity?: boolean } = {},
  ): Promise<void> {
    const markerId = `marker-${randomUUID()}`;
    const marker = artistUpdated(markerId, 'Marker', 1);
    await this.bus.publish([...events, marker]);
    // Bounded, and generous: the shared test machine can be very busy.
    const deadline = Date.now() + 30_000;
    const waitUntil = async (done: () => Promise<boolean>) => {
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error('events were not applied within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitUntil(async () =>
      Boolean(await this.subgraph.module.readModel.artists.findOne({ _id: markerId })),
    );
    if (options.waitForActivity === false) return;
    // Consumer `query-activity` has its own checkpoint: it has handled every event up to the
    // marker's place in the log once its checkpoint reaches it.
    const eventsDb = this.client.db(this.env.EVENT_BUS_DATABASE);
    const logged = await eventsDb
      .collection<{ seq: number; envelope: { id: string } }>('events')
      .findOne({ 'envelope.id': marker.id });
    if (!logged) throw new Error('the marker is not in the log');
    await waitUntil(async () => {
      const checkpoint = await eventsDb
        .collection<{ _id: string; seq: number }>('consumer_checkpoints')
        .findOne({ _id: ACTIVITY_CONSUMER });
      return (checkpoint?.seq ?? -1) >= logged.seq;
    });
  }
}

let counter = 0;
export function newId(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomUUID().slice(0, 6)}`;
}

export const ARTIST = { id: 'artist-queen', name: 'Queen' };

export function songData(overrides: Partial<SongEventData> & { songId: string }): SongEventData {
  return {
    title: 'Untitled',
    artist: ARTIST,
    album: null,
    genre: 'rock',
    tags: [],
    durationMs: 200_000,
    status: 'READY',
    coverKey: null,
    masterKey: `hls/${overrides.songId}/master.m3u8`,
    loudnessLufs: null,
    uploaderId: 'user-1',
    createdAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

export function songEvent(
  type: 'SONG_CREATED' | 'SONG_UPDATED',
  version: number,
  data: SongEventData,
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: 'songs',
    aggregateId: data.songId,
    aggregateVersion: version,
    data: { ...data, failureReason: null },
  });
}

export function songDeleted(songId: string, version: number): EventEnvelope {
  return createEvent({
    type: 'SONG_DELETED',
    version: 1,
    producer: 'songs',
    aggregateId: songId,
    aggregateVersion: version,
    data: { songId },
  });
}

export function albumEvent(
  type: 'ALBUM_CREATED' | 'ALBUM_UPDATED',
  version: number,
  data: AlbumEventData,
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: 'songs',
    aggregateId: data.albumId,
    aggregateVersion: version,
    data: { coverUrl: null, ...data },
  });
}

export function artistUpdated(artistId: string, name: string, version: number): EventEnvelope {
  return createEvent({
    type: 'ARTIST_UPDATED',
    version: 1,
    producer: 'songs',
    aggregateId: artistId,
    aggregateVersion: version,
    data: { artistId, name },
  });
}

/** A preferences or comments event as its producer would publish it. */
function producedEvent(
  producer: 'preferences' | 'comments',
  type: string,
  aggregateId: string,
  aggregateVersion: number,
  data: unknown,
): EventEnvelope {
  return createEvent({ type, version: 1, producer, aggregateId, aggregateVersion, data });
}

const HOUR_MS = 3_600_000;

/** An ISO time `hours` ago. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR_MS).toISOString();
}

/** SONG_PLAYED: `playCount` is the song's count after this play, `countVersion` its version. */
export function songPlayed(options: {
  songId: string;
  userId?: string;
  playCount: number;
  countVersion?: number;
  at?: string;
}): EventEnvelope {
  const playId = newId('play');
  return producedEvent('preferences', 'SONG_PLAYED', playId, 1, {
    playId,
    songId: options.songId,
    userId: options.userId ?? 'user-listener',
    msPlayed: 60_000,
    at: options.at ?? new Date().toISOString(),
    playCount: options.playCount,
    countVersion: options.countVersion ?? options.playCount,
  });
}

/** SONG_LIKED / SONG_UNLIKED; `version` is the (user, song) pair's, `countVersion` the song's count's. */
export function songLikeEvent(
  type: 'SONG_LIKED' | 'SONG_UNLIKED',
  options: {
    songId: string;
    userId: string;
    likeCount: number;
    countVersion: number;
    version?: number;
    at?: string;
  },
): EventEnvelope {
  return producedEvent(
    'preferences',
    type,
    `${options.userId}:${options.songId}`,
    options.version ?? 1,
    {
      songId: options.songId,
      userId: options.userId,
      at: options.at ?? new Date().toISOString(),
      likeCount: options.likeCount,
      countVersion: options.countVersion,
    },
  );
}

export function commentEvent(
  type: 'COMMENT_CREATED' | 'COMMENT_DELETED' | 'COMMENT_HIDDEN' | 'COMMENT_UNHIDDEN',
  options: {
    songId: string;
    commentCount: number;
    countVersion: number;
    commentId?: string;
    at?: string;
    targetType?: 'SONG' | 'ALBUM' | 'PLAYLIST';
  },
): EventEnvelope {
  const commentId = options.commentId ?? newId('comment');
  const counted = {
    commentId,
    target: { type: options.targetType ?? 'SONG', id: options.songId },
    commentCount: options.commentCount,
    countVersion: options.countVersion,
  };
  const data =
    type === 'COMMENT_CREATED'
      ? {
          ...counted,
          authorId: 'user-commenter',
          parentId: null,
          inReplyTo: null,
          atMs: null,
          createdAt: options.at ?? new Date().toISOString(),
        }
      : counted;
  return producedEvent('comments', type, commentId, type === 'COMMENT_CREATED' ? 1 : 2, data);
}

export function artistFollowEvent(
  type: 'ARTIST_FOLLOWED' | 'ARTIST_UNFOLLOWED',
  options: { artistId: string; userId: string; version: number; followerCount?: number },
): EventEnvelope {
  return producedEvent(
    'preferences',
    type,
    `${options.userId}:${options.artistId}`,
    options.version,
    {
      artistId: options.artistId,
      userId: options.userId,
      at: new Date().toISOString(),
      followerCount: options.followerCount ?? 1,
      countVersion: options.version,
    },
  );
}

export function interestMarked(options: {
  songId: string;
  userId: string;
  notInterested: boolean;
  version: number;
}): EventEnvelope {
  return producedEvent(
    'preferences',
    'SONG_INTEREST_MARKED',
    `${options.userId}:${options.songId}`,
    options.version,
    {
      songId: options.songId,
      userId: options.userId,
      at: new Date().toISOString(),
      notInterested: options.notInterested,
    },
  );
}

export interface PlaylistSnapshot {
  playlistId: string;
  name: string;
  visibility?: 'PUBLIC' | 'PRIVATE';
  ownerId?: string;
}

export function playlistEvent(
  type: 'PLAYLIST_CREATED' | 'PLAYLIST_UPDATED',
  version: number,
  playlist: PlaylistSnapshot,
): EventEnvelope {
  const now = new Date().toISOString();
  return producedEvent('preferences', type, playlist.playlistId, version, {
    playlistId: playlist.playlistId,
    name: playlist.name,
    description: null,
    ownerId: playlist.ownerId ?? 'user-owner',
    visibility: playlist.visibility ?? 'PUBLIC',
    collaborative: false,
    collaboratorIds: [],
    itemCount: 3,
    coverSongIds: [],
    createdAt: now,
    updatedAt: now,
  });
}

export function playlistDeleted(playlistId: string, version: number): EventEnvelope {
  return producedEvent('preferences', 'PLAYLIST_DELETED', playlistId, version, {
    playlistId,
    ownerId: 'user-owner',
  });
}

export const SEARCH = `query Search($query: String!, $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    songs {
      edges { cursor score node { id } highlights { field snippet } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
    albums { id }
    artists { id }
    facets { name values { value label count } }
  }
}`;

export interface SearchData {
  search: {
    songs: {
      edges: {
        cursor: string;
        score: number;
        node: { id: string };
        highlights: { field: string; snippet: string }[];
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
    };
    albums: { id: string }[];
    artists: { id: string }[];
    facets: { name: string; values: { value: string; label: string; count: number }[] }[];
  };
}
