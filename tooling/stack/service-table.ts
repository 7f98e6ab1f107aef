import fs from 'node:fs';
import path from 'node:path';
import type { ServiceRole, WorkspacePackage } from './workspace-packages';

/** What a service's wiring may ask about the stack it joins. */
export interface WiringContext {
  /** `dev`: `npm run dev` of each package on its fixed port; `isolated`: built code on free ports, fresh databases. */
  mode: 'dev' | 'isolated';
  /** Every service of this stack (started or not), in start order. */
  members: readonly WorkspacePackage[];
  /** The URL of a member: the one it announced once up, or (dev, web) the one it was given up front. */
  url(name: string): string | undefined;
  /** This stack's scratch folder (isolated mode). */
  workDir: string;
  /** The stack's MongoDB (absent when it runs none). */
  mongoUrl?: string | undefined;
  /** The repository root. */
  rootDir: string;
}

/** How to run a built service in isolated mode when it is not `node dist/index.js` logging its URL. */
export interface BuiltCommand {
  command: string;
  args: string[];
  /** Told its port up front (then polled) instead of `PORT=0` and its logged URL. */
  fixedPort: true;
}

/** What the launcher needs to know of one service beyond its package.json `groovy` metadata. */
export interface ServiceWiring {
  /** Members (by name) this one starts after, because it needs their URLs. */
  after?: (context: WiringContext) => string[];
  /** Its environment beyond the shared one (Mongo, database, identity secret, bus, storage). */
  env?: (context: WiringContext) => Record<string, string | undefined>;
  /** Isolated mode: how to run the built service, given its port. */
  built?: (service: WorkspacePackage, port: number) => BuiltCommand;
  /** Needs no MongoDB (no Mongo URL or database is handed to it). */
  withoutMongo?: true;
}

const subgraphs = (context: WiringContext) =>
  context.members.filter((member) => member.role === 'subgraph');

/**
 * The wiring of every service by role or name. A new subgraph needs no entry: `"groovy": { "role":
 * "subgraph" }` in its package.json gets it a database, the shared environment, and a place in the
 * router's `SUBGRAPH_<NAME>_URL` list. A service that needs another's URL gets an entry here.
 */
export const ROLE_WIRING: Partial<Record<ServiceRole, ServiceWiring>> = {
  router: {
    after: (context) => subgraphs(context).map((member) => member.name),
    withoutMongo: true,
    env: (context) => {
      const env: Record<string, string | undefined> = {};
      for (const subgraph of subgraphs(context)) {
        env[`SUBGRAPH_${subgraph.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = context.url(
          subgraph.name,
        );
      }
      const auth = context.url('auth');
      if (auth) {
        env.AUTH_JWKS_URL = `${new URL(auth).origin}/.well-known/jwks.json`;
        env.AUTH_INTERNAL_URL = new URL(auth).origin;
      }
      // The web's origin may call the router from the browser (in dev, by localhost too, as by default).
      const web = context.url('web');
      if (web) {
        const { origin, port } = new URL(web);
        env.CORS_ORIGINS = context.mode === 'dev' ? `http://localhost:${port},${origin}` : origin;
      }
      // Where router replicas share rate-limit buckets, if RATE_LIMIT_STORE=mongo (default memory:
      // one router, as `npm run dev` runs, needs no shared store).
      if (context.mongoUrl) {
        // The embedded event bus lives there too: the response cache drops answers on catalogue events.
        env.EVENT_BUS_MONGO_URL = context.mongoUrl;
        env.RATE_LIMIT_MONGO_URL = context.mongoUrl;
        if (context.mode === 'isolated') {
          env.RATE_LIMIT_MONGO_DATABASE = `router_${path.basename(context.workDir).replace(/[^A-Za-z0-9]/g, '_')}`;
        }
      }
      if (context.mode === 'isolated') {
        // Tests read their own writes back anonymously through the router at once (a new release on
        // the home page, a renamed song in search), so the public response cache is off here (the
        // events drop cached answers, but only once the bus has carried them, and likes/plays
        // publish nothing it listens to); its own tests turn it on (routerEnv RESPONSE_CACHE_ENABLED).
        env.RESPONSE_CACHE_ENABLED = 'false';
        // A private copy: the router watches its supergraph file, and a test may rewrite its own.
        const supergraph = path.join(context.workDir, 'supergraph.graphql');
        fs.copyFileSync(path.join(context.rootDir, 'schemas', 'supergraph.graphql'), supergraph);
        env.SUPERGRAPH_PATH = supergraph;
      }
      return env;
    },
  },
  web: {
    after: (context) =>
      context.members.some((member) => member.role === 'router') ? ['router'] : [],
    withoutMongo: true,
    env: (context) => {
      const router = context.url('router');
      const web = context.url('web');
      return {
        ...(router ? { GRAPHQL_URL: router } : {}),
        ...(web ? { NEXTAUTH_URL: web } : {}),
        ...(context.mode === 'isolated'
          ? {
              NODE_ENV: 'production',
              NEXTAUTH_SECRET: 'stack-only-nextauth-secret-0123456789abcdef',
              NEXT_TELEMETRY_DISABLED: '1',
            }
          : {}),
      };
    },
    built: (service, port) => ({
      command: process.execPath,
      args: [
        require.resolve('next/dist/bin/next', { paths: [service.dir] }),
        'start',
        '-H',
        '127.0.0.1',
        '-p',
        String(port),
      ],
      fixedPort: true,
    }),
  },
};

/** Wiring by service name, for what a role does not say. */
export const SERVICE_WIRING: Record<string, ServiceWiring> = {
  // The worker reports READY / FAILED to songs' webhook.
  'hls-worker': {
    after: (context) =>
      context.members.some((member) => member.name === 'songs') ? ['songs'] : [],
    env: (context) => {
      const songs = context.url('songs');
      return songs ? { SONGS_WEBHOOK_URL: `${new URL(songs).origin}/webhooks/hls-worker` } : {};
    },
  },
};

/** A service's wiring: its name's entry over its role's. */
export function wiringOf(service: WorkspacePackage): ServiceWiring {
  return {
    ...(service.role ? ROLE_WIRING[service.role] : undefined),
    ...SERVICE_WIRING[service.name],
  };
}
