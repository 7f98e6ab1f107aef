import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnServiceOptions {
  /** Label for errors. */
  name: string;
  /** The script to run with node (normally a built `dist/index.js`). It must log at info level: its "listening" line is how its URL is learned. */
  entry: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** How long the service may take to log its URL. */
  startTimeoutMs?: number;
}

export interface SpawnedService {
  /** The `url` field of the service's "listening" log line, e.g. `http://127.0.0.1:40123/graphql`. */
  url: string;
  /** Scheme, host and port of `url`. */
  baseUrl: string;
  /** Everything the process wrote so far (for assertions and failure messages). */
  output(): string;
  /** SIGTERM and wait for a graceful exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, for tests of partial failure. */
  kill(): Promise<void>;
  process: ChildProcess;
}

/**
 * Starts a real service process on a free port (`PORT=0`) and resolves once it logs a JSON line with
 * a `url` field, the way every service announces itself. Logs are JSON so this needs no parsing tricks.
 */
export function spawnService(options: SpawnServiceOptions): Promise<SpawnedService> {
  const child = spawn(process.execPath, ['--enable-source-maps', options.entry], {
    cwd: options.cwd,
    env: {
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      // eslint-disable-next-line no-process-env -- the child needs the OS search path
      PATH: process.env.PATH,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // A test or bench that dies must not leave its services running.
  const killOnParentExit = () => child.kill('SIGKILL');
  process.once('exit', killOnParentExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnParentExit);
      resolve(code);
    }),
  );

  return new Promise<SpawnedService>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not announce its URL in time; output:\n${output}`));
    }, options.startTimeoutMs ?? 30_000);
    let pending = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        let parsed: { url?: unknown };
        try {
          parsed = JSON.parse(line) as { url?: unknown };
        } catch {
          continue;
        }
        if (typeof parsed.url === 'string' && parsed.url.startsWith('http')) {
          clearTimeout(timer);
          const url = parsed.url;
          resolve({
            url,
            baseUrl: new URL(url).origin,
            output: () => output,
            process: child,
            stop: async () => {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              return exited;
            },
            kill: async () => {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
              await exited;
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${options.name} exited (code ${code}) before announcing its URL; output:\n${output}`,
        ),
      );
    });
  });
}
