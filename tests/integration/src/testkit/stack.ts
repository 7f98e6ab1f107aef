import type { SpawnedService, TestMongo } from '@groovy/common/testing';
import { freshDatabaseName, launchStack, type LaunchedStack } from '@groovy/tooling/stack';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { RunningWeb } from './web';

export const IDENTITY_TOKEN_SECRET = 'integration-identity-secret-0123456789abcdef';
const WORKER_WEBHOOK_SECRET = 'integration-worker-webhook-secret-0123456789';
const STORAGE_SIGNING_SECRET = 'integration-storage-signing-secret-0123456789';

export interface StackOptions {
  /** Extra environment for the router (limits, rate limits, cache TTLs). */
  routerEnv?: Record<string, string>;
  authEnv?: Record<string, string>;
  /** Also run songs (with the local storage server) and the HLS worker: the upload flow. */
  media?: boolean;
  /** Also run the built web app (`next start`) against this router, which allows its origin (CORS). */
  web?: boolean;
  /**
   * Also run the comments subgraph (fed by the songs events on the embedded bus). Defaults to on
   * when both `media` and `web` are: the web's song and album pages show their conversation.
   */
  comments?: boolean;
  /** Also run the preferences subgraph (likes, follows, notifications), fed by the bus. */
  preferences?: boolean;
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
  /** Another router of this stack (`startRouterReplica`); default: the stack's router. */
  routerUrl?: string;
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface ExecuteResult<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; field?: string; [key: string]: unknown };
  }>;
}

/**
 * The platform as it runs, started by the stack launcher (tooling/stack): a fresh Mongo, the auth
 * subgraph and the router as real processes on free ports with fresh databases, the router on the
 * committed supergraph with the subgraph URLs pointed at these processes (and, with `media`, songs,
 * the HLS worker and query; with `web`, the built web app). Auth signs with a key this stack
 * generated, so tests can also mint expired or forged tokens.
 */
export class Stack {
  private constructor(
    private readonly launched: LaunchedStack,
    readonly mongo: TestMongo,
    readonly signingKey: JWK,
    readonly media: MediaServices | undefined,
    readonly web: RunningWeb | undefined,
  ) {}

  static async start(options: StackOptions = {}): Promise<Stack> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'integration' };
    const comments = options.comments ?? Boolean(options.media && options.web);
    const services = [
      'auth',
      ...(options.media ? ['songs', 'hls-worker', 'query'] : []),
      ...(comments ? ['comments'] : []),
      // The web's common selections (a song's heart: likedByMe, likeCount) reach preferences on
      // every page, so a stack with the web runs it too.
      ...(options.preferences || options.web ? ['preferences'] : []),
      'router',
      ...(options.web ? ['web'] : []),
    ];
    const launched = await launchStack({
      mode: 'isolated',
      services,

      mongoUrl: process.env.MONGO_URL || undefined,
      secrets: { IDENTITY_TOKEN_SECRET, WORKER_WEBHOOK_SECRET, STORAGE_SIGNING_SECRET },
      serviceEnv: {
        auth: {
          AUTH_SIGNING_KEY: JSON.stringify(signingKey),
          // Every test client is 127.0.0.1: many accounts per file (a test may lower it again).
          REGISTRATION_MAX_PER_ADDRESS: '1000',
          ...options.authEnv,
        },
        ...(options.routerEnv ? { router: options.routerEnv } : {}),
      },
    });
    const mongo: TestMongo = {
      url: launched.mongoUrl!,
      freshDatabaseName: (prefix = 'test') => freshDatabaseName(prefix),
      stop: async () => undefined,
    };
    const { songs, query } = launched.services;
    const media = options.media
      ? {
          songs: songs!,
          worker: launched.services['hls-worker']!,
          query: query!,
          storageUrl: launched.storageUrl!,
        }
      : undefined;
    const web = launched.services.web;
    return new Stack(
      launched,
      mongo,
      signingKey,
      media,
      web && { url: web.url, stop: async () => void (await web.stop()) },
    );
  }

  get auth(): SpawnedService {
    return this.launched.services.auth!;
  }

  /** The comments subgraph (only with `comments`). */
  get comments(): SpawnedService | undefined {
    return this.launched.services.comments;
  }

  /** The preferences subgraph (with `preferences`). */
  get preferences(): SpawnedService | undefined {
    return this.launched.services.preferences;
  }

  get router(): SpawnedService {
    return this.launched.services.router!;
  }

  /**
   * One more process of a started service (same database, bus and storage, over `env`) on a free
   * port, stopped with the stack: a second replica, as a deployment runs it.
   */
  startReplica(name: string, env: Record<string, string> = {}): Promise<SpawnedService> {
    return this.launched.startReplica(name, env);
  }

  /**
   * A second router (the stack's environment: same supergraph, secrets and rate-limit store) whose
   * subgraph URLs point at `subgraphs` (by name, e.g. `{ auth: replica }`) instead of the stack's.
   */
  startRouterReplica(subgraphs: Record<string, SpawnedService> = {}): Promise<SpawnedService> {
    const env: Record<string, string> = {};
    for (const [name, service] of Object.entries(subgraphs)) {
      env[`SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = service.url;
      if (name === 'auth') {
        env.AUTH_JWKS_URL = `${service.baseUrl}/.well-known/jwks.json`;
        env.AUTH_INTERNAL_URL = service.baseUrl;
      }
    }
    return this.launched.startReplica('router', env);
  }

  /** Restarts auth on the port it had (after `auth.kill()`), as an orchestrator would. */
  async restartAuth(): Promise<void> {
    await this.launched.restart('auth');
  }

  /**
   * Stops a service (SIGTERM: its graceful shutdown, as a rolling deploy does) and starts it again
   * on the same port with the same database; resolves once it answers again.
   */
  async restart(service: string): Promise<SpawnedService> {
    return this.launched.restart(service);
  }

  /** Stops every process, the stack's Mongo last. */
  async stop(): Promise<void> {
    await this.launched.stop();
  }

  /** One GraphQL operation through the router, as a client sends it. */
  async execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: ExecuteOptions = {},
  ): Promise<ExecuteResult<T>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...options.headers,
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const response = await fetch(options.routerUrl ?? this.router.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
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
