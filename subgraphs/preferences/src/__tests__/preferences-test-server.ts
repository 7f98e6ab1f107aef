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
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import type { Clock } from '../clock';
import { preferencesEnvironmentSchema, type PreferencesEnvironment } from '../environment';
import { preferencesSubgraph, type RunningPreferencesSubgraph } from '../preferences-subgraph';

/** A clock tests move by hand (the play rules compare report times). */
export class TestClock implements Clock {
  private current = Date.now();
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Every event the subgraph published, as a consumer of its own sees them. */
export class PublishedEvents {
  readonly received: EventEnvelope[] = [];
  /** When each event (by id) arrived, in `performance.now()` ms (benchmarks measure lags with it). */
  readonly receivedAt = new Map<string, number>();
  readonly handler = async (event: EventEnvelope): Promise<void> => {
    this.receivedAt.set(event.id, performance.now());
    this.received.push(event);
  };
  of(type: string, filter: (event: EventEnvelope) => boolean = () => true): EventEnvelope[] {
    return this.received.filter((event) => event.type === type && filter(event));
  }
}

/**
 * The test factory: the production description on a shared test Mongo with a fresh database, on a
 * free port, with a test clock, and an embedded bus on its own events database to publish what
 * other subgraphs would (songs, auth, comments) and to read what this one publishes.
 */
export class PreferencesTestServer {
  private constructor(
    readonly mongo: TestMongo,
    readonly client: MongoClient,
    readonly bus: EmbeddedEventBus,
    readonly subgraph: RunningPreferencesSubgraph,
    readonly env: PreferencesEnvironment,
    readonly clock: TestClock,
    readonly published: PublishedEvents,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<PreferencesTestServer> {
    const env = preferencesEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      EVENT_BUS_DATABASE: `events_${randomUUID().slice(0, 8)}`,
      EVENT_BUS_POLL_INTERVAL_MS: '10',
      ...overrides,
    });
    const mongo = await startTestMongo();
    const client = await MongoClient.connect(mongo.url);
    const bus = new EmbeddedEventBus({
      db: client.db(env.EVENT_BUS_DATABASE),
      logger: createTestLogger('test-bus'),
      pollIntervalMs: 10,
    });
    const clock = new TestClock();
    const subgraph = await startTestSubgraph(mongo, preferencesSubgraph(env, { clock }));
    const published = new PublishedEvents();
    await bus.subscribe({
      consumer: 'test-published',
      types: [
        'SONG_LIKED',
        'SONG_UNLIKED',
        'SONG_PLAYED',
        'ARTIST_FOLLOWED',
        'ARTIST_UNFOLLOWED',
        'USER_FOLLOWED',
        'USER_UNFOLLOWED',
        'SONG_INTEREST_MARKED',
      ],
      handler: published.handler,
    });
    return new PreferencesTestServer(mongo, client, bus, subgraph, env, clock, published);
  }

  get module() {
    return this.subgraph.module;
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.bus.close();
    await this.client.close();
    await this.mongo.stop();
  }

  /** One operation as the router would send it, as `as` (a user id) or anonymously. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<TestGraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
      ...(as ? { as } : {}),
    });
  }

  /** Like `execute`, but throws unless the operation succeeded, and returns its data. */
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

  /** The first error's code (and field) of an operation expected to fail. */
  async errorOf(
    query: string,
    variables: Record<string, unknown>,
    as?: string,
  ): Promise<{ code: unknown; field?: unknown }> {
    const result = await this.execute(query, variables, as);
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return error.extensions?.field === undefined
      ? { code: error.extensions?.code }
      : { code: error.extensions.code, field: error.extensions.field };
  }

  /**
   * Publishes the events, then a marker, and waits (bounded) until the marker is applied: the
   * embedded bus delivers to the consumer in log order, so every event before it was handled too.
   */
  async publish(events: readonly EventEnvelope[], timeoutMs = 20_000): Promise<void> {
    const marker = `marker-${randomUUID()}`;
    await this.bus.publish([...events, userRegistered(marker)]);
    await eventually(
      async () => {
        const known = await this.client
          .db(this.subgraph.connection.name)
          .collection('known_users')
          .findOne({ _id: marker as never });
        return known !== null;
      },
      'events were not applied',
      timeoutMs,
    );
  }
}

/** Waits (bounded, polling) until `condition` holds: for work done in the background. */
export async function eventually(
  condition: () => Promise<boolean>,
  what = 'condition not met',
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let counter = 0;
/** A fresh id (users, songs, …: ids of other subgraphs are opaque strings here). */
export function newId(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomUUID().slice(0, 6)}`;
}

// What other subgraphs publish, as the catalogue defines it.

export interface SongFacts {
  songId: string;
  artistId?: string;
  artistName?: string;
  albumId?: string | null;
  durationMs?: number | null;
  status?: 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';
  uploaderId?: string;
}

export function songEvent(
  facts: SongFacts,
  version = 1,
  type: 'SONG_CREATED' | 'SONG_UPDATED' = version === 1 ? 'SONG_CREATED' : 'SONG_UPDATED',
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: 'songs',
    aggregateId: facts.songId,
    aggregateVersion: version,
    data: {
      songId: facts.songId,
      title: `Song ${facts.songId}`,
      artist: { id: facts.artistId ?? 'artist-default', name: facts.artistName ?? 'Default' },
      album: facts.albumId ? { id: facts.albumId, title: `Album ${facts.albumId}` } : null,
      genre: null,
      tags: [],
      durationMs: facts.durationMs === undefined ? 180_000 : facts.durationMs,
      status: facts.status ?? 'READY',
      failureReason: null,
      coverKey: null,
      uploaderId: facts.uploaderId ?? 'uploader-default',
      createdAt: new Date().toISOString(),
    },
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
  albumId: string,
  version = 1,
  type: 'ALBUM_CREATED' | 'ALBUM_UPDATED' = 'ALBUM_CREATED',
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: 'songs',
    aggregateId: albumId,
    aggregateVersion: version,
    data: {
      albumId,
      title: `Album ${albumId}`,
      artist: { id: 'artist-default', name: 'Default' },
      releaseDate: null,
      ownerId: 'uploader-default',
    },
  });
}

export function albumDeleted(albumId: string, version: number): EventEnvelope {
  return createEvent({
    type: 'ALBUM_DELETED',
    version: 1,
    producer: 'songs',
    aggregateId: albumId,
    aggregateVersion: version,
    data: { albumId },
  });
}

export function artistUpdated(artistId: string, name = `Artist ${artistId}`, version = 1) {
  return createEvent({
    type: 'ARTIST_UPDATED',
    version: 1,
    producer: 'songs',
    aggregateId: artistId,
    aggregateVersion: version,
    data: { artistId, name },
  });
}

export function userRegistered(userId: string): EventEnvelope {
  return createEvent({
    type: 'USER_REGISTERED',
    version: 1,
    producer: 'auth',
    aggregateId: userId,
    aggregateVersion: 1,
    data: {
      userId,
      displayName: `User ${userId.slice(0, 30)}`,
      avatarUrl: null,
      createdAt: new Date().toISOString(),
    },
  });
}

export function commentCreated(comment: {
  commentId: string;
  authorId: string;
  songId: string;
  inReplyTo: { commentId: string; authorId: string } | null;
}): EventEnvelope {
  return createEvent({
    type: 'COMMENT_CREATED',
    version: 1,
    producer: 'comments',
    aggregateId: comment.commentId,
    aggregateVersion: 1,
    data: {
      commentId: comment.commentId,
      authorId: comment.authorId,
      parentId: comment.inReplyTo?.commentId ?? null,
      inReplyTo: comment.inReplyTo,
      atMs: null,
      createdAt: new Date().toISOString(),
      target: { type: 'SONG', id: comment.songId },
      commentCount: 1,
      countVersion: 1,
    },
  });
}

/** A copy of an event as a redelivery would bring it (same id). */
export function redelivered(event: EventEnvelope): EventEnvelope {
  return { ...event };
}
