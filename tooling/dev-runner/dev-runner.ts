import { spawnSync } from 'node:child_process';
import type { Writable } from 'node:stream';
import path from 'node:path';
import {
  canListen,
  launchStack,
  listServices,
  listWorkspacePackages,
  withPortOffset,
  type LaunchedStack,
  type WorkspacePackage,
} from '../stack';

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
  /** Added to every service's fixed port (`DEV_PORT_OFFSET`), to run beside another `npm run dev`. */
  portOffset?: number;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
  colour?: boolean;
}

/**
 * `npm run dev`: the stack launcher (tooling/stack) in dev mode — the embedded MongoDB engine (unless
 * MONGO_URL is set), then every workspace package with a `dev` script on its fixed port, with
 * prefixed, coloured logs. Prints `name  url` for each thing once it answers, Mongo first. A service
 * that exits on its own stops everything; SIGINT/SIGTERM stops every child's whole process group, so
 * nothing is orphaned. Resolves with the exit code once everything has stopped.
 */
export async function runDev(options: DevRunnerOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const colour = options.colour ?? Boolean((out as NodeJS.WriteStream).isTTY);
  const baseEnv = options.env ?? process.env;
  const packages = listWorkspacePackages(options.rootDir);
  const services = listServices(options.rootDir).map((pkg) =>
    withPortOffset(pkg, options.portOffset ?? 0),
  );
  const width = Math.max(5, ...services.map((pkg) => pkg.name.length));
  const say = (line: string) => out.write(`${line}\n`);
  let exitCode = 0;
  let stack: LaunchedStack | undefined;
  const stopRequested = new AbortController();
  const stopEverything = () => stopRequested.abort();
  const onSignal = () => {
    say('\nstopping every service…');
    stopEverything();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await assertServicePortsFree(services);
    if (options.build ?? true) buildLibraries(options.rootDir, packages, baseEnv);
    let up = 0;
    stack = await launchStack({
      mode: 'dev',
      rootDir: options.rootDir,
      mongoUrl: options.mongoUrl,
      mongoPort: options.mongoPort ?? 27017,
      mongoDataDir: options.mongoDataDir ?? path.join(options.rootDir, '.data', 'mongo'),
      ...(options.portOffset ? { portOffset: options.portOffset } : {}),
      env: baseEnv,
      out,
      colour,
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
      onReady: (name, url) => {
        if (name !== 'mongo') up += 1;
        say(`${name.padEnd(width)}  ${url}`);
      },
      onNotReady: (name, error) => {
        if (!stopRequested.signal.aborted) say(`${name} did not start: ${error.message}`);
      },
      onExit: (name, code) => {
        if (stopRequested.signal.aborted) return;
        say(`${name} exited unexpectedly (code ${code}); stopping everything`);
        exitCode = 1;
        stopEverything();
      },
      signal: stopRequested.signal,
    });
    const stopped = new Promise<void>((resolve) => {
      if (stopRequested.signal.aborted) resolve();
      else stopRequested.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    if (!stopRequested.signal.aborted) {
      say(
        `\nGroovy Streaming dev: ${up} of ${services.length} services up; Ctrl-C stops everything.`,
      );
      for (const [name, url] of stack.urls) say(`  ${name.padEnd(width)}  ${url}`);
    }
    await stopped;
  } catch (error) {
    if (!stopRequested.signal.aborted) {
      say(`dev runner failed: ${(error as Error).message}`);
      exitCode = 1;
    }
  } finally {
    await stack?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCode;
}

/** A service whose port is taken would fail (or, worse, another process would answer for it). */
async function assertServicePortsFree(services: WorkspacePackage[]): Promise<void> {
  for (const pkg of services) {
    if (!pkg.url) continue;
    const { hostname, port } = new URL(pkg.url);
    if (port && !(await canListen(Number(port), hostname))) {
      throw new Error(
        `port ${port} of ${pkg.name} (${pkg.url}) is in use: is another \`npm run dev\` running?`,
      );
    }
  }
}

/**
 * Builds what the services import from `dist/` (their workspace dependencies, e.g. common) and the
 * embedded engine the runner starts; the services themselves run from source.
 */
function buildLibraries(
  rootDir: string,
  packages: WorkspacePackage[],
  env: NodeJS.ProcessEnv,
): void {
  const services = packages.filter((pkg) => pkg.hasDevScript);
  const engine = packages.find((pkg) => pkg.packageName === '@groovy/embedded-mongo');
  const filters = [
    ...services.flatMap((pkg) => ['--filter', `${pkg.packageName}^...`]),
    ...(engine ? ['--filter', engine.packageName] : []),
  ];
  if (filters.length === 0) return;
  const result = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters],
    {
      cwd: rootDir,
      stdio: 'inherit',
      env: {
        ...env,
        TURBO_TELEMETRY_DISABLED: '1',
        DO_NOT_TRACK: '1',
        TURBO_NO_UPDATE_NOTIFIER: '1',
      },
    },
  );
  if (result.status !== 0) throw new Error('building the libraries failed (see above)');
}
