import type { RunningSubgraph } from '@groovy/common/subgraph';
import type { IdentityToSign } from '@groovy/common/identity';
import {
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '@groovy/common/media';
import {
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestGraphQLResult,
  type TestMongo,
} from '@groovy/common/testing';
import { Types } from 'mongoose';
import { songsEnvironmentSchema, type SongsEnvironment } from '../environment';
import { songsSubgraph } from '../songs-subgraph';
import type { Storage } from '../storage/storage';
import type { UploadSweeper } from '../sweeper/upload-sweeper';

export interface RunningSongsSubgraph extends RunningSubgraph {
  storage: Storage;
  sweeper: UploadSweeper;
}
import { FakeStorage } from './fake-storage';

export type GraphQLResult<T = Record<string, unknown>> = TestGraphQLResult<T>;

export const WEBHOOK_SECRET = 'test-worker-webhook-secret-at-least-32-characters';

/** A songs subgraph on a free port with a fresh database and an in-memory storage, and a small client for it. */
export class SongsTestServer {
  private constructor(
    readonly mongo: TestMongo,
    readonly subgraph: RunningSongsSubgraph,
    readonly env: SongsEnvironment,
    readonly storage: FakeStorage,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<SongsTestServer> {
    const env = songsEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      WORKER_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // Tests call sweep() themselves; the timer never fires during a test.
      SWEEP_INTERVAL_SECONDS: '3600',
      ...overrides,
    });
    const mongo = await startTestMongo();
    const storage = new FakeStorage();
    const running = await startTestSubgraph(
      mongo,
      songsSubgraph(env, { openStorage: async () => ({ storage, close: async () => {} }) }),
    );
    const subgraph = { ...running, storage, sweeper: running.module.sweeper };
    return new SongsTestServer(mongo, subgraph, env, storage);
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.mongo.stop();
  }

  /** Runs an operation; `as` signs a router identity the way the router would (a user id or an identity). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { as?: string | IdentityToSign } = {},
  ): Promise<GraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      ...options,
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
    });
  }

  /** Like `execute`, but fails the test on any error and returns `data`. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<T> {
    const result = await this.execute<T>(query, variables, as ? { as } : {});
    if (result.errors?.length || !result.data)
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** POSTs a worker call, signed with the shared secret unless told otherwise. */
  async webhook(
    body: unknown,
    options: { secret?: string; timestamp?: number; signature?: string; rawBody?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const rawBody = options.rawBody ?? JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature =
      options.signature ?? signWebhookBody(options.secret ?? WEBHOOK_SECRET, timestamp, rawBody);
    const response = await fetch(`${this.subgraph.baseUrl}/webhooks/hls-worker`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_SIGNATURE_HEADER]: signature,
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      },
      body: rawBody,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Requests an upload as `userId` and returns the new song's id and upload key. */
  async upload(
    userId: string,
    input: Partial<UploadInput> = {},
  ): Promise<{ id: string; uploadKey: string }> {
    const data = await this.ok<{ requestSongUpload: { song: { id: string } } }>(
      REQUEST_UPLOAD,
      { input: { ...DEFAULT_UPLOAD, ...input } },
      userId,
    );
    const id = data.requestSongUpload.song.id;
    const song = await this.subgraph.connection
      .collection('songs')
      .findOne({ _id: new Types.ObjectId(id) });
    return { id, uploadKey: song!.uploadKey as string };
  }

  /** Uploads a song as `userId` and has the worker report it READY. */
  async readySong(
    userId: string,
    input: Partial<UploadInput> = {},
  ): Promise<{ id: string; uploadKey: string }> {
    const song = await this.upload(userId, input);
    const result = await this.webhook(readyCall(song.id, song.uploadKey));
    if (result.status !== 200) throw new Error(`READY call failed: ${JSON.stringify(result)}`);
    return song;
  }
}

export function newUserId(): string {
  return new Types.ObjectId().toHexString();
}

export interface UploadInput {
  title: string;
  artistName: string;
  albumId?: string | null;
  genre?: string | null;
  tags?: string[] | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export const DEFAULT_UPLOAD: UploadInput = {
  title: 'Harder, Better',
  artistName: 'Daft Punk',
  fileName: 'track.mp3',
  contentType: 'audio/mpeg',
  sizeBytes: 5_000_000,
};

export const SONG_FIELDS = `id title genre tags durationMs status failureReason waveform loudnessLufs coverUrl createdAt
  stream { masterUrl renditions { bitrateKbps codec url } }
  artist { id name } album { id title } uploader { id }`;

export const REQUEST_UPLOAD = `mutation Upload($input: RequestSongUploadInput!) {
  requestSongUpload(input: $input) { uploadUrl method headers { name value } expiresAt song { ${SONG_FIELDS} } }
}`;
export const SONG = `query Song($id: ID!) { song(id: $id) { ${SONG_FIELDS} } }`;
export const UPDATE_SONG = `mutation Update($id: ID!, $input: UpdateSongInput!) { updateSong(id: $id, input: $input) { ${SONG_FIELDS} } }`;
export const DELETE_SONG = 'mutation Delete($id: ID!) { deleteSong(id: $id) }';
export const CREATE_ALBUM = `mutation CreateAlbum($input: CreateAlbumInput!) {
  createAlbum(input: $input) { id title releaseDate coverUrl artist { id name } songs { id title status } }
}`;

let clock = Date.now();
/** Strictly increasing ISO times, so each worker call in a test is newer than the last. */
export function nextOccurredAt(): string {
  clock = Math.max(clock + 1000, Date.now());
  return new Date(clock).toISOString();
}

export function processingCall(
  songId: string,
  uploadKey: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    songId,
    uploadKey,
    jobId: 'job-1',
    occurredAt: nextOccurredAt(),
    outcome: 'PROCESSING',
    ...overrides,
  };
}

export function readyCall(
  songId: string,
  uploadKey: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    songId,
    uploadKey,
    jobId: 'job-1',
    occurredAt: nextOccurredAt(),
    outcome: 'READY',
    result: {
      durationMs: 215_000,
      loudnessLufs: -9.5,
      truePeakDbtp: -0.8,
      waveform: [0, 0.25, 0.5, 1],
      masterKey: `hls/${songId}/master.m3u8`,
      renditions: [
        { bitrateKbps: 64, codec: 'mp4a.40.2', playlistKey: `hls/${songId}/64k/playlist.m3u8` },
        { bitrateKbps: 128, codec: 'mp4a.40.2', playlistKey: `hls/${songId}/128k/playlist.m3u8` },
      ],
      coverKey: `hls/${songId}/cover.jpg`,
    },
    ...overrides,
  };
}

export function failedCall(
  songId: string,
  uploadKey: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    songId,
    uploadKey,
    jobId: 'job-1',
    occurredAt: nextOccurredAt(),
    outcome: 'FAILED',
    reason: 'This file is not audio',
    code: 'NOT_AUDIO',
    ...overrides,
  };
}
