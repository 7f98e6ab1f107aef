import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { pipeWithPrefix } from './line-prefixer';
import { waitForUrl } from './wait-for-url';

export interface ServiceProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Copy the output here, each line behind this prefix; without it the output is only kept in memory. */
  out?: { stream: Writable; prefix: string };
}

/** Output kept in memory per process, for failure messages (the newest part only). */
const KEPT_OUTPUT_CHARS = 200_000;
/** How long a graceful stop may take before the process group is killed. */
const STOP_GRACE_MS = 15_000;

/**
 * One child in a process group of its own (so `npm run dev` and whatever it starts are stopped
 * together). Killed with its group if the parent process exits first, so nothing is orphaned.
 */
export class ServiceProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  private kept = '';
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(readonly options: ServiceProcessOptions) {
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killOnParentExit = () => this.signal('SIGKILL');
    process.once('exit', killOnParentExit);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        process.off('exit', killOnParentExit);
        resolve(code);
      }),
    );
    const keep = (line: string) => {
      this.kept = (this.kept + line + '\n').slice(-KEPT_OUTPUT_CHARS);
      for (const listener of this.lineListeners) listener(line);
    };
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      pipeWithPrefix(stream, options.out?.stream, options.out?.prefix ?? '', keep);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote so far (the newest part), for assertions and failure messages. */
  output(): string {
    return this.kept;
  }

  /** Signals the whole group; members may outlive the group leader (npm), so always try. */
  signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // the group is already gone
    }
  }

  /** SIGTERM to the group, SIGKILL after a grace period; resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.signal('SIGTERM');
    const killer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
    const code = await this.exited;
    clearTimeout(killer);
    // Whatever the leader left running in its group gets the same signal.
    this.signal('SIGTERM');
    return code;
  }

  /** SIGKILL to the group: a crash, for tests of partial failure. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /**
   * Resolves with the `url` of the first JSON log line whose `url` has this scheme: how every
   * service (`http`) and the embedded engine (`mongodb`) announce that they listen.
   */
  waitForLoggedUrl(scheme: 'http' | 'mongodb', timeoutMs: number): Promise<string> {
    return this.waitFor(timeoutMs, (resolve) => {
      const onLine = (line: string) => {
        const url = loggedUrl(line, scheme);
        if (url) {
          this.lineListeners.delete(onLine);
          resolve(url);
        }
      };
      this.lineListeners.add(onLine);
      for (const line of this.kept.split('\n')) onLine(line);
    });
  }

  /** Resolves once `url` answers below 500. */
  waitForAnswer(url: string, timeoutMs: number): Promise<string> {
    const abort = new AbortController();
    void this.exited.then(() => abort.abort());
    return this.waitFor(timeoutMs, (resolve) => {
      void waitForUrl(url, timeoutMs, abort.signal).then((up) => up && resolve(url));
    });
  }

  /** The output for an error message, unless it was already copied to `out`. */
  private shownOutput(): string {
    return this.options.out ? '' : `; output:\n${this.kept}`;
  }

  private waitFor(
    timeoutMs: number,
    watch: (resolve: (url: string) => void) => void,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(new Error(`${this.options.name} did not answer in time${this.shownOutput()}`)),
          ),
        timeoutMs,
      );
      void this.exited.then((code) =>
        settle(() =>
          reject(
            new Error(
              `${this.options.name} exited (code ${code}) before it was ready${this.shownOutput()}`,
            ),
          ),
        ),
      );
      watch((url) => settle(() => resolve(url)));
    });
  }
}

function loggedUrl(line: string, scheme: 'http' | 'mongodb'): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { url?: unknown };
    return typeof parsed.url === 'string' && parsed.url.startsWith(scheme) ? parsed.url : undefined;
  } catch {
    return undefined;
  }
}
