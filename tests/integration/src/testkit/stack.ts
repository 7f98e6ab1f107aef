import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestMongo, spawnService, type SpawnedService, type TestMongo } from '@groovy/common/testing';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { freePort } from './web';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const AUTH_ENTRY = path.join(REPO, 'subgraphs', 'auth', 'dist', 'index.js');
const ROUTER_ENTRY = path.join(REPO, 'router', 'dist', 'index.js');
const SONGS_ENTRY = path.join(REPO, 'subgraphs', 'songs', 'dist', 'index.js');
const WORKER_ENTRY = path.join(REPO, 'workers', 'hls-worker', 'dist', 'index.js');
const QUERY_ENTRY = path.join(REPO, 'subgraphs', 'query', 'dist', 'index.js');
const SUPERGRAPH = path.join(REPO, 'schemas', 'supergraph.graphql');

export const IDENTITY_TOKEN_SECRET = 'integration-identity-secret-0123456789abcdef';
const WORKER_WEBHOOK_SECRET = 'integration-worker-webhook-secret-0123456789';
const STORAGE_SIGNING_SECRET = 'integration-storage-signing-secret-0123456789';

export interface StackOptions {
  /** Extra environment for the router (limits, rate limits, cache TTLs). */
  routerEnv?: Record<string, string>;
  authEnv?: Record<string, string>;
  /** Also run songs (with the local storage server) and the HLS worker: the upload flow. */
  media?: boolean;
}

/** The media half of a stack: songs serving local storage, and the worker fed by its OBJECT_FINALIZED events. */
export interface MediaServices {
  songs: SpawnedService;
  worker: SpawnedService;
  /** The query subgraph (search), fed by the songs events on the embedded bus. */
  query: SpawnedService;
  storageUrl: string;
}

export interface ExecuteOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface ExecuteResult<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
}

/**
 * The platform as it runs: a fresh Mongo, the auth subgraph and the router as real processes on free
 * ports, the router on the committed supergraph with the subgraph URLs pointed at these processes.
 * Auth signs with a key this stack generated, so tests can also mint expired or forged tokens.
 */
export class Stack {
  private constructor(
    readonly mongo: TestMongo,
    public auth: SpawnedService,
    readonly router: SpawnedService,
    readonly signingKey: JWK,
    private readonly authEnv: Record<string, string>,
    private readonly workDir: string,
    readonly media: MediaServices | undefined,
  ) {}

  static async start(options: StackOptions = {}): Promise<Stack> {
    const mongo = await startTestMongo();
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'integration' };
    const authEnv = {
      MONGO_URL: mongo.url,
      MONGO_DATABASE: mongo.freshDatabaseName('auth'),
      AUTH_SIGNING_KEY: JSON.stringify(signingKey),
      IDENTITY_TOKEN_SECRET,
      // Every test client is 127.0.0.1: many accounts per file (a test may lower it again).
      REGISTRATION_MAX_PER_ADDRESS: '1000',
      ...options.authEnv,
    };
    const auth = await spawnService({ name: 'auth', entry: AUTH_ENTRY, env: authEnv });
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-stack-'));
    const supergraphPath = path.join(workDir, 'supergraph.graphql');
    fs.copyFileSync(SUPERGRAPH, supergraphPath);
    const media = options.media ? await startMedia(mongo, workDir) : undefined;
    const router = await spawnService({
      name: 'router',
      entry: ROUTER_ENTRY,
      env: {
        SUPERGRAPH_PATH: supergraphPath,
        SUBGRAPH_AUTH_URL: auth.url,
        ...(media ? { SUBGRAPH_SONGS_URL: media.songs.url, SUBGRAPH_QUERY_URL: media.query.url } : {}),
        AUTH_JWKS_URL: `${auth.baseUrl}/.well-known/jwks.json`,
        AUTH_INTERNAL_URL: auth.baseUrl,
        IDENTITY_TOKEN_SECRET,
        ...options.routerEnv,
      },
    });
    return new Stack(mongo, auth, router, signingKey, authEnv, workDir, media);
  }

  /** Restarts auth on the port it had (after `auth.kill()`), as an orchestrator would. */
  async restartAuth(): Promise<void> {
    const port = new URL(this.auth.baseUrl).port;
    this.auth = await spawnService({ name: 'auth', entry: AUTH_ENTRY, env: { ...this.authEnv, PORT: port } });
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.router.stop(),
      this.auth.stop(),
      this.media?.songs.stop(),
      this.media?.worker.stop(),
      this.media?.query.stop(),
    ]);
    await this.mongo.stop();
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  /** One GraphQL operation through the router, as a client sends it. */
  async execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: ExecuteOptions = {},
  ): Promise<ExecuteResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const response = await fetch(this.router.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: Omit<ExecuteResult<T>, 'status' | 'headers'>;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`router answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
    }
    return { status: response.status, headers: response.headers, ...body };
  }
}

/** Songs (serving local storage on its own port) and the worker, wired through the embedded event bus. */
async function startMedia(mongo: TestMongo, workDir: string): Promise<MediaServices> {
  const [workerPort, storagePort] = [await freePort(), await freePort()];
  const storageUrl = `http://127.0.0.1:${storagePort}`;
  const storageEnv = {
    STORAGE_DRIVER: 'local',
    STORAGE_LOCAL_DIR: path.join(workDir, 'storage'),
    STORAGE_PUBLIC_URL: storageUrl,
    STORAGE_SIGNING_SECRET,
  };
  // Every producer and consumer of one stack shares one event log (the embedded bus).
  const EVENT_BUS_DATABASE = mongo.freshDatabaseName('events');
  const songs = await spawnService({
    name: 'songs',
    entry: SONGS_ENTRY,
    env: {
      MONGO_URL: mongo.url,
      MONGO_DATABASE: mongo.freshDatabaseName('songs'),
      EVENT_BUS_DATABASE,
      IDENTITY_TOKEN_SECRET,
      WORKER_WEBHOOK_SECRET,
      ...storageEnv,
    },
  });
  // Songs' local storage announces uploads on the bus (OBJECT_FINALIZED); the worker consumes them.
  const worker = await spawnService({
    name: 'hls-worker',
    entry: WORKER_ENTRY,
    env: {
      PORT: String(workerPort),
      MONGO_URL: mongo.url,
      MONGO_DATABASE: mongo.freshDatabaseName('hls_worker'),
      EVENT_BUS_DATABASE,
      SONGS_WEBHOOK_URL: `${songs.baseUrl}/webhooks/hls-worker`,
      WORKER_WEBHOOK_SECRET,
      ...storageEnv,
    },
  });
  const query = await spawnService({
    name: 'query',
    entry: QUERY_ENTRY,
    env: { MONGO_URL: mongo.url, MONGO_DATABASE: mongo.freshDatabaseName('query'), EVENT_BUS_DATABASE, IDENTITY_TOKEN_SECRET },
  });
  return { songs, worker, query, storageUrl };
}
