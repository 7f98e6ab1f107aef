import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { firstFreePort, freePort } from './free-port';
import { makePrefix } from './line-prefixer';
import { ServiceProcess } from './service-process';
import { wiringOf, type WiringContext } from './service-table';
import { listServices, type WorkspacePackage } from './workspace-packages';

/** The repository this module lives in (the default root). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface StackSecrets {
  IDENTITY_TOKEN_SECRET: string;
  WORKER_WEBHOOK_SECRET: string;
  STORAGE_SIGNING_SECRET: string;
}

export interface LaunchStackOptions {
  /**
   * `dev`: each package's `npm run dev` on the port of its `groovy.url`, logs prefixed on `out`, the
   * services' own default databases. `isolated` (tests, benches): each built service on a free port,
   * a fresh database per service, a private storage folder, output kept in memory.
   */
  mode: 'dev' | 'isolated';
  /** Service names (`groovy.name`) to start; dependencies are not added for you. Default: every service. */
  services?: string[];
  rootDir?: string;
  /** Use this MongoDB instead of starting the embedded engine; `false`: the stack needs none. */
  mongoUrl?: string | false | undefined;
  /** Preferred port of the embedded engine (dev: the next free one if taken; isolated: default a free one). */
  mongoPort?: number;
  /** Where the embedded engine keeps its data (default: in memory). */
  mongoDataDir?: string;
  /** Shared secrets (isolated mode); without them each service uses its development default. */
  secrets?: StackSecrets;
  /** Environment every service gets (dev: the caller's environment). */
  env?: NodeJS.ProcessEnv;
  /** Extra environment per service name, over the wiring. */
  serviceEnv?: Record<string, Record<string, string | undefined>>;
  /**
   * Dev mode: added to every fixed port (services, storage), so a second `npm run dev` can run
   * beside the first (`DEV_PORT_OFFSET=100`: the router on 4100, the web on 3100).
   */
  portOffset?: number;
  /** Isolated mode: ports to use instead of free ones, by service name (e.g. to restart on the same one). */
  ports?: Record<string, number>;
  /** Runs once Mongo is up and before any service starts (a bench seeds its databases here). */
  beforeServices?: (stack: {
    mongoUrl: string;
    databases: Record<string, string>;
  }) => Promise<void>;
  /** Copy every process's output here, prefixed with its name. */
  out?: Writable;
  colour?: boolean;
  /** Longest a service may take to be ready. */
  startTimeoutMs?: number;
  /** Told of each thing once it is up (Mongo first), and of a process that exits on its own. */
  onReady?: (name: string, url: string) => void;
  onNotReady?: (name: string, error: Error) => void;
  onExit?: (name: string, code: number | null) => void;
  /** Aborting stops everything, also while the stack is still starting. */
  signal?: AbortSignal;
  /**
   * The Node.js binary that runs the embedded engine and the built services (default: the one running
   * this code). The repo checks start the stack on the current LTS with it.
   */
  nodeBinary?: string;
}

/** One running service, as tests and benches use it. */
export interface LaunchedService {
  name: string;
  /** What it announced (`…/graphql` for a subgraph or the router). */
  url: string;
  /** Scheme, host and port of `url`. */
  baseUrl: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM to its process group; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, for tests of partial failure. */
  kill(): Promise<void>;
}

export interface LaunchedStack {
  /** `mongodb://…` (absent with `mongoUrl: false`). */
  mongoUrl: string | undefined;
  /** The database of each service and `events` (the shared bus), isolated mode. */
  databases: Record<string, string>;
  /** The services that are up, by name. */
  services: Record<string, LaunchedService>;
  /** Every thing that came up, Mongo first: `[name, url]`. */
  urls: Array<[string, string]>;
  /** Process ids by name (Mongo's when the stack started it). */
  pids: Record<string, number | undefined>;
  /** The folder shared by songs' storage and the worker. */
  storageDir: string;
  /** Where songs serves local object storage (isolated mode). */
  storageUrl: string | undefined;
  /** Stops a service (if running) and starts it again with the same environment and port. */
  restart(name: string): Promise<LaunchedService>;
  /**
   * Isolated mode: one more process of a started service (`<name>#2`, …), with its environment
   * (same database, bus and storage) over `env`, on a free port; stopped with the stack. What a
   * deployment's second replica is (e.g. a second router pointed at a second subgraph replica).
   */
  startReplica(name: string, env?: Record<string, string | undefined>): Promise<LaunchedService>;
  /**
   * Stops every service (newest first, together), then Mongo once they are gone, and removes the
   * scratch folder. Safe to call twice.
   */
  stop(): Promise<void>;
}

/** A database name no other stack uses. */
export function freshDatabaseName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
}

/**
 * Starts the platform: the embedded MongoDB engine (unless given a URL), then the named services,
 * each once the ones it needs are up, each with its environment wired (Mongo URL, its database, the
 * identity secret, the event bus, storage, the router's subgraph URLs). Resolves once every service
 * answered; rejects (having stopped what it started) when one did not.
 */
export async function launchStack(options: LaunchStackOptions): Promise<LaunchedStack> {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const isolated = options.mode === 'isolated';
  const nodeBinary = options.nodeBinary ?? process.execPath;
  const offset = isolated ? 0 : (options.portOffset ?? 0);
  const all = listServices(rootDir).map((service) => withPortOffset(service, offset));
  const members = options.services
    ? options.services.map((name) => {
        const found = all.find((service) => service.name === name);
        if (!found)
          throw new Error(
            `no service named "${name}" (known: ${all.map((s) => s.name).join(', ')})`,
          );
        return found;
      })
    : all;
  options.signal?.throwIfAborted();
  const width = Math.max(5, ...members.map((member) => member.name.length));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-stack-'));
  const processes: Array<{ name: string; process: ServiceProcess }> = [];
  const services: Record<string, LaunchedService> = {};
  const announced = new Map<string, string>();
  const urls: Array<[string, string]> = [];
  let stopping = false;

  const start = (
    name: string,
    command: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
  ) => {
    const prefix = makePrefix(name, processes.length, width, options.colour ?? false);
    const child = new ServiceProcess({
      name,
      command,
      args,
      cwd,
      env,
      ...(options.out ? { out: { stream: options.out, prefix } } : {}),
    });
    processes.push({ name, process: child });
    void child.exited.then((code) => {
      if (!stopping) options.onExit?.(name, code);
    });
    return child;
  };
  const ready = (name: string, url: string) => {
    announced.set(name, url);
    urls.push([name, url]);
    options.onReady?.(name, url);
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      // The services first (together), then the engine: a service's graceful shutdown may still
      // talk to Mongo (a bus consumer finishing its read), and with the engine gone it waited out
      // its driver's server selection until killed after the grace period (15 s per stack).
      const engine = processes.filter(({ name }) => name === ENGINE_NAME);
      const rest = processes.filter(({ name }) => name !== ENGINE_NAME);
      await Promise.all(rest.reverse().map(({ process }) => process.stop()));
      await Promise.all(engine.map(({ process }) => process.stop()));
      fs.rmSync(workDir, { recursive: true, force: true });
    })());

  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  try {
    const mongoUrl =
      options.mongoUrl === false ? undefined : (options.mongoUrl ?? (await startEngine()));
    if (mongoUrl) {
      if (options.mongoUrl) ready('mongo', `${mongoUrl} (MONGO_URL)`);
      else ready('mongo', mongoUrl);
    }
    const databases: Record<string, string> = {};
    if (isolated) {
      for (const member of members)
        if (!wiringOf(member).withoutMongo) databases[member.name] = freshDatabaseName(member.name);
      databases.events = freshDatabaseName('events');
    }
    if (mongoUrl) await options.beforeServices?.({ mongoUrl, databases });

    const storageDir = isolated
      ? path.join(workDir, 'storage')
      : (options.env?.STORAGE_LOCAL_DIR ?? path.join(rootDir, '.data', 'storage'));
    // Ports known before anything starts: dev ones, and the isolated ones a service is told up front.
    const plannedPorts = new Map<string, number>();
    for (const member of members) {
      const given = options.ports?.[member.name];
      if (given !== undefined) plannedPorts.set(member.name, given);
      else if (isolated && wiringOf(member).built) plannedPorts.set(member.name, await freePort());
    }
    const planned = (member: WorkspacePackage): string | undefined => {
      if (!isolated) return member.url;
      const port = plannedPorts.get(member.name);
      return port !== undefined && member.url ? withPort(member.url, port) : undefined;
    };
    const context: WiringContext = {
      mode: options.mode,
      members,
      url: (name) => {
        const member = members.find((candidate) => candidate.name === name);
        return announced.get(name) ?? (member && planned(member));
      },
      workDir,
      rootDir,
      mongoUrl,
    };
    const storagePublicUrl = isolated ? `http://127.0.0.1:${await freePort()}` : undefined;
    const shared: NodeJS.ProcessEnv = isolated
      ? {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'info',
          HOST: '127.0.0.1',
          ...options.env,
          ...options.secrets,
          EVENT_BUS: 'embedded',
          EVENT_BUS_DATABASE: databases.events,
          STORAGE_DRIVER: 'local',
          STORAGE_LOCAL_DIR: storageDir,
          STORAGE_PUBLIC_URL: storagePublicUrl,
        }
      : {
          ...options.env,
          ...options.secrets,
          ...(offset
            ? { STORAGE_PUBLIC_URL: `http://127.0.0.1:${DEV_STORAGE_PORT + offset}` }
            : {}),
          // One storage folder for every service (songs writes uploads, the worker reads them).
          STORAGE_LOCAL_DIR: storageDir,
          NODE_ENV: options.env?.NODE_ENV ?? 'development',
          LOG_FORMAT: options.env?.LOG_FORMAT ?? 'pretty',
          ...(options.colour ? { FORCE_COLOR: '1' } : {}),
        };

    // Dev on the default ports: each service's own defaults (and .env files) already point at the
    // others; the caller's environment always wins over the wiring.
    const wiredEnv = (wired: Record<string, string | undefined> | undefined) => {
      if (isolated) return wired;
      if (!offset || !wired) return {};
      return Object.fromEntries(
        Object.entries(wired).filter(([key]) => options.env?.[key] === undefined),
      );
    };
    const environments = new Map<string, NodeJS.ProcessEnv>();
    const replicaCounts = new Map<string, number>();
    const startService = async (
      member: WorkspacePackage,
      instance?: { name: string; env: Record<string, string | undefined> },
    ): Promise<LaunchedService> => {
      const wiring = wiringOf(member);
      const name = instance?.name ?? member.name;
      let env = environments.get(member.name);
      if (!env) {
        env = {
          ...shared,
          ...(mongoUrl && !wiring.withoutMongo ? { MONGO_URL: mongoUrl } : {}),
          ...(databases[member.name] ? { MONGO_DATABASE: databases[member.name] } : {}),
          ...wiredEnv(wiring.env?.(context)),
          ...options.serviceEnv?.[member.name],
        };
        environments.set(member.name, env);
      }
      if (instance) env = { ...env, ...instance.env };
      // `next dev` compiles a page on its first request: slow on a busy machine.
      const timeoutMs = options.startTimeoutMs ?? (isolated ? 120_000 : 300_000);
      let child: ServiceProcess;
      let url: Promise<string>;
      if (!isolated) {
        const port = offset && member.url ? { PORT: new URL(member.url).port } : {};
        child = start(name, 'npm', ['run', 'dev', '--silent'], member.dir, {
          ...env,
          ...port,
        });
        url = member.readyUrl
          ? child
              .waitForAnswer(member.readyUrl, timeoutMs)
              .then(() => member.url ?? member.readyUrl!)
          : Promise.resolve('(started; declares no URL)');
      } else if (wiring.built) {
        const port = instance ? await freePort() : plannedPorts.get(member.name)!;
        const built = wiring.built(member, port);
        child = start(name, built.command, built.args, member.dir, {
          ...env,
          PORT: String(port),
        });
        const target = withPort(member.readyUrl ?? 'http://127.0.0.1', port);
        url = child
          .waitForAnswer(target, timeoutMs)
          .then(() => (instance ? target : (planned(member) ?? target)));
      } else {
        const entry = path.join(member.dir, 'dist', 'index.js');
        if (!fs.existsSync(entry))
          throw new Error(`${member.name} is not built: ${entry} is missing (npm run build)`);
        const port = instance ? 0 : (plannedPorts.get(member.name) ?? 0);
        child = start(name, nodeBinary, ['--enable-source-maps', entry], member.dir, {
          ...env,
          PORT: String(port),
        });
        url = child.waitForLoggedUrl('http', timeoutMs);
      }
      const service = toLaunched(name, await url, child);
      services[name] = service;
      ready(name, service.url);
      return service;
    };

    // Each member starts once the members it needs are up (or failed: then it starts anyway, and says so).
    const starting = new Map<string, Promise<LaunchedService | undefined>>();
    const launch = (member: WorkspacePackage): Promise<LaunchedService | undefined> => {
      const existing = starting.get(member.name);
      if (existing) return existing;
      const promise = (async () => {
        const needs = (wiringOf(member).after?.(context) ?? []).filter(
          (name) => name !== member.name,
        );
        await Promise.all(members.filter((other) => needs.includes(other.name)).map(launch));
        if (stopping) return undefined;
        try {
          return await startService(member);
        } catch (error) {
          options.onNotReady?.(member.name, error as Error);
          throw error;
        }
      })();
      starting.set(member.name, promise);
      return promise;
    };
    const results = await Promise.allSettled(members.map(launch));
    const failed = results.find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failed && isolated) throw failed.reason;

    const pids: Record<string, number | undefined> = {};
    for (const { name, process: child } of processes) pids[name] = child.pid;

    return {
      mongoUrl,
      databases,
      services,
      urls,
      pids,
      storageDir,
      storageUrl: storagePublicUrl,
      restart: async (name) => {
        const member = members.find((candidate) => candidate.name === name);
        const previous = services[name];
        if (!member || !previous) throw new Error(`${name} is not part of this stack`);
        await previous.stop();
        plannedPorts.set(name, Number(new URL(previous.baseUrl).port));
        return startService(member);
      },
      startReplica: async (name, env = {}) => {
        const member = members.find((candidate) => candidate.name === name);
        if (!isolated) throw new Error('startReplica: only in isolated mode');
        if (!member || !services[name]) throw new Error(`${name} is not started in this stack`);
        const count = (replicaCounts.get(name) ?? 1) + 1;
        replicaCounts.set(name, count);
        return startService(member, { name: `${name}#${count}`, env });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }

  async function startEngine(): Promise<string> {
    const cli = path.join(rootDir, 'embedded-mongo', 'dist', 'cli.js');
    const engineCli = fs.existsSync(cli)
      ? cli
      : path.join(
          path.dirname(require.resolve('@groovy/embedded-mongo/package.json')),
          'dist',
          'cli.js',
        );
    if (!fs.existsSync(engineCli))
      throw new Error(`embedded engine not built: ${engineCli} is missing (npm run build)`);
    const port = isolated
      ? (options.mongoPort ?? 0)
      : await firstFreePort(options.mongoPort ?? 27017);
    const args = [engineCli, '--host', '127.0.0.1', '--port', String(port)];
    if (options.mongoDataDir) {
      fs.mkdirSync(options.mongoDataDir, { recursive: true });
      args.push('--data-dir', options.mongoDataDir);
    }
    const engine = start(ENGINE_NAME, nodeBinary, args, rootDir, {
      ...(isolated ? { PATH: process.env.PATH } : options.env),
    });
    return engine.waitForLoggedUrl('mongodb', 30_000);
  }
}

/** The embedded engine's name among the stack's processes. */
const ENGINE_NAME = 'mongo';

/** Where songs serves local storage in development (common's DEFAULT_STORAGE_PUBLIC_URL). */
const DEV_STORAGE_PORT = 4010;

/** The service with its dev URLs moved by `offset` ports. */
export function withPortOffset(service: WorkspacePackage, offset: number): WorkspacePackage {
  if (!offset) return service;
  const move = (url: string) => withPort(url, Number(new URL(url).port) + offset);
  return {
    ...service,
    ...(service.url ? { url: move(service.url) } : {}),
    ...(service.readyUrl ? { readyUrl: move(service.readyUrl) } : {}),
  };
}

/** `url` on another port (a bare origin stays bare: `http://127.0.0.1:3000` → `http://127.0.0.1:40123`). */
function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.pathname === '/' && !url.endsWith('/') ? parsed.origin : parsed.toString();
}

function toLaunched(name: string, url: string, child: ServiceProcess): LaunchedService {
  const baseUrl = url.startsWith('http') ? new URL(url).origin : url;
  return {
    name,
    url,
    baseUrl,
    process: child.child,
    output: () => child.output(),
    stop: () => child.stop(),
    kill: () => child.kill(),
  };
}
