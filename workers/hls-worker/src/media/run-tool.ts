import { spawn } from 'node:child_process';
import { JobAbortedError } from './media-failure';

export interface RunToolOptions {
  signal?: AbortSignal | undefined;
  /** Receives stdout as it arrives (ffmpeg's PCM pipe); stdout is discarded when unset. */
  onStdout?: (chunk: Buffer) => void;
  /** Collect stdout into `stdout` (ffprobe's JSON). */
  collectStdout?: boolean;
  /** Every complete stderr line, as it arrives. */
  onStderrLine?: (line: string) => void;
  /** How much of the end of stderr to keep for errors and parsing (bytes). */
  stderrTailBytes?: number;
}

export interface ToolResult {
  exitCode: number;
  stdout: string;
  /** The last `stderrTailBytes` of stderr. */
  stderrTail: string;
}

/** Runs ffmpeg/ffprobe without a shell; SIGKILLs it when `signal` aborts (rejects with JobAbortedError). */
export function runTool(
  binary: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolResult> {
  const {
    signal,
    onStdout,
    collectStdout = false,
    onStderrLine,
    stderrTailBytes = 64 * 1024,
  } = options;
  return new Promise<ToolResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new JobAbortedError());
      return;
    }
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdoutChunks: Buffer[] = [];
    let stderrTail = '';
    let partialLine = '';
    let settled = false;

    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (onStdout) onStdout(chunk);
      if (collectStdout) stdoutChunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-stderrTailBytes);
      if (!onStderrLine) return;
      const lines = (partialLine + text).split(/\r?\n|\r/);
      partialLine = lines.pop() ?? '';
      for (const line of lines) onStderrLine(line);
    });
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.once('close', (code) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (partialLine && onStderrLine) onStderrLine(partialLine);
      if (signal?.aborted) {
        reject(new JobAbortedError());
        return;
      }
      resolve({
        exitCode: code ?? -1,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderrTail,
      });
    });
  });
}
