import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import path from 'node:path';
import { canListen, firstFreePort } from './free-port';
import { makePrefix, pipeWithPrefix } from './line-prefixer';
import { waitForUrl } from './wait-for-url';
import { listWorkspacePackages, type WorkspacePackage } from './workspace-packages';

export interface DevRunnerOptions {
  rootDir: string;
  /** `MONGO_URL` from the caller's environment: use it instead of starting the embedded engine. */
  mongoUrl?: string | undefined;
  /** Build the library packages (those without a `dev` script) first; default true. */
  build?: boolean;
  /** Preferred port of the embedded engine (the next free one is used when it is taken). */
  mongoPort?: number;
  /** Keeps the engine's data here across runs (default `<root>/.data/mongo`). */
  mongoDataDir?: string;
  /** How long a service may take to answer its URL. */
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
  colour?: boolean;
}

interface Started {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * `npm run dev`: starts the embedded MongoDB engine (unless MONGO_URL is set), then every workspace
 * package with a `dev` script, with prefixed, coloured logs. Prints `name  url` for each thing once it
 * answers, Mongo first. SIGINT/SIGTERM stops every child's whole process group, so nothing is orphaned.
 * Resolves with the exit code once everything has stopped.
 */
export async function runDev(options: DevRunnerOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const colour = options.colour ?? Boolean((out as NodeJS.WriteStream).isTTY);
  const baseEnv = options.env ?? process.env;
  const packages = listWorkspacePackages(options.rootDir);
  const services = packages.filter((pkg) => pkg.hasDevScript);
  const width = Math.max(5, ...services.map((pkg) => pkg.name.length));
  const started: Started[] = [];
  const urls: Array<[string, string]> = [];
  const stopping = new AbortController();
  let exitCode = 0;

  const say = (line: string) => out.write(`${line}\n`);
  const announce = (name: string, url: string) => {
    urls.push([name, url]);
    say(`${name.padEnd(width)}  ${url}`);
  };

  const spawnGroup = (name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = makePrefix(name, started.length, width, colour);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const entry = { name, child, exited };
    started.push(entry);
    exited.then((code) => {
      if (!stopping.signal.aborted) {
        say(`${name} exited unexpectedly (code ${code}); stopping everything`);
        exitCode = 1;
        void stopAll();
      }
    });
    return { entry, prefix };
  };

  const stopAll = async () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    for (const { child } of [...started].reverse()) signalGroup(child, 'SIGTERM');
    const killer = setTimeout(() => {
      for (const { child } of started) signalGroup(child, 'SIGKILL');
    }, 15_000);
    await Promise.all(started.map(({ exited }) => exited));
    clearTimeout(killer);
    // Whatever a service left running in its group (after its leader exited) gets the same signal.
    for (const { child } of started) signalGroup(child, 'SIGTERM');
  };
  const onSignal = () => {
    say('\nstopping every service…');
    void stopAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await assertServicePortsFree(services);
    if (options.build ?? true) buildLibraries(options.rootDir, packages, baseEnv);

    let mongoUrl = options.mongoUrl;
    if (mongoUrl) {
      announce('mongo', `${mongoUrl} (MONGO_URL)`);
    } else {
      mongoUrl = await startEngine();
      if (!mongoUrl) return await finish();
      announce('mongo', mongoUrl);
    }

    const serviceEnv: NodeJS.ProcessEnv = {
      ...baseEnv,
      MONGO_URL: mongoUrl,
      // One storage folder for every service (songs writes uploads, the worker reads them).
      STORAGE_LOCAL_DIR: baseEnv.STORAGE_LOCAL_DIR ?? path.join(options.rootDir, '.data', 'storage'),
      NODE_ENV: baseEnv.NODE_ENV ?? 'development',
      LOG_FORMAT: baseEnv.LOG_FORMAT ?? 'pretty',
      ...(colour ? { FORCE_COLOR: '1' } : {}),
    };
    const waits = services.map((pkg) => startService(pkg, serviceEnv));
    const results = await Promise.all(waits);
    if (!stopping.signal.aborted) {
      const up = results.filter(Boolean).length;
      say(`\nGroovy Streaming dev: ${up} of ${services.length} services up; Ctrl-C stops everything.`);
      for (const [name, url] of urls) say(`  ${name.padEnd(width)}  ${url}`);
    }
    return await finish();
  } catch (error) {
    say(`dev runner failed: ${(error as Error).message}`);
    exitCode = 1;
    await stopAll();
    return await finish();
  }

  async function finish(): Promise<number> {
    await new Promise<void>((resolve) => {
      if (stopping.signal.aborted) resolve();
      else stopping.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.all(started.map(({ exited }) => exited));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return exitCode;
  }

  async function startEngine(): Promise<string | undefined> {
    const cli = path.join(path.dirname(require.resolve('@groovy/embedded-mongo/package.json')), 'dist', 'cli.js');
    if (!fs.existsSync(cli)) throw new Error(`embedded engine not built: ${cli} is missing (npm run build)`);
    const port = await firstFreePort(options.mongoPort ?? 27017);
    const dataDir = options.mongoDataDir ?? path.join(options.rootDir, '.data', 'mongo');
    fs.mkdirSync(dataDir, { recursive: true });
    const { entry, prefix } = spawnGroup(
      'mongo',
      process.execPath,
      [cli, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir],
      options.rootDir,
      baseEnv,
    );
    return new Promise<string | undefined>((resolve) => {
      const onLine = (line: string) => {
        try {
          const parsed = JSON.parse(line) as { msg?: string; url?: string };
          if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
        } catch {
          // not a JSON line
        }
      };
      pipeWithPrefix(entry.child.stdout!, out, prefix, onLine);
      pipeWithPrefix(entry.child.stderr!, out, prefix);
      void entry.exited.then(() => resolve(undefined));
    });
  }

  async function startService(pkg: WorkspacePackage, env: NodeJS.ProcessEnv): Promise<boolean> {
    const { entry, prefix } = spawnGroup(pkg.name, 'npm', ['run', 'dev', '--silent'], pkg.dir, env);
    pipeWithPrefix(entry.child.stdout!, out, prefix);
    pipeWithPrefix(entry.child.stderr!, out, prefix);
    if (!pkg.readyUrl) {
      announce(pkg.name, '(started; declares no URL)');
      return true;
    }
    const up = await waitForUrl(pkg.readyUrl, options.startTimeoutMs ?? 120_000, stopping.signal);
    if (up) announce(pkg.name, pkg.url ?? pkg.readyUrl);
    else if (!stopping.signal.aborted) say(`${pkg.name} did not answer ${pkg.readyUrl} in time`);
    return up;
  }
}

/** A service whose port is taken would fail (or, worse, another process would answer for it). */
async function assertServicePortsFree(services: WorkspacePackage[]): Promise<void> {
  for (const pkg of services) {
    if (!pkg.url) continue;
    const { hostname, port } = new URL(pkg.url);
    if (port && !(await canListen(Number(port), hostname))) {
      throw new Error(`port ${port} of ${pkg.name} (${pkg.url}) is in use: is another \`npm run dev\` running?`);
    }
  }
}

/** Signals the child's whole process group; members may outlive the group leader (npm), so always try. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Builds what the services import from `dist/` (their workspace dependencies, e.g. common) and the
 * embedded engine the runner starts; the services themselves run from source.
 */
function buildLibraries(rootDir: string, packages: WorkspacePackage[], env: NodeJS.ProcessEnv): void {
  const services = packages.filter((pkg) => pkg.hasDevScript);
  const engine = packages.find((pkg) => pkg.packageName === '@groovy/embedded-mongo');
  const filters = [
    ...services.flatMap((pkg) => ['--filter', `${pkg.packageName}^...`]),
    ...(engine ? ['--filter', engine.packageName] : []),
  ];
  if (filters.length === 0) return;
  const result = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
    cwd: rootDir,
    stdio: 'inherit',
    env: { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) throw new Error('building the libraries failed (see above)');
}
