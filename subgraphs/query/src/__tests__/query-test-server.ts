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
import { queryEnvironmentSchema, type QueryEnvironment } from '../environment';
import type { AlbumEventData, SongEventData } from '../read-model/read-model';
import { querySubgraph, type RunningQuerySubgraph } from '../query-subgraph';

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

  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<TestGraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
    });
  }

  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.execute<T>(query, variables);
    if (result.errors?.length || !result.data)
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /**
   * Publishes the events, then a marker event, and waits (bounded) until the marker is applied:
   * the embedded bus delivers in log order, so every event before it has been handled too.
   */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    const markerId = `marker-${randomUUID()}`;
    await this.bus.publish([...events, artistUpdated(markerId, 'Marker', 1)]);
    const deadline = Date.now() + 10_000;
    while (!(await this.subgraph.module.readModel.artists.findOne({ _id: markerId }))) {
      if (Date.now() > deadline) throw new Error('events were not applied within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
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
    data,
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
