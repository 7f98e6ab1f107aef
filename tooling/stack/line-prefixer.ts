import type { Readable, Writable } from 'node:stream';

const COLOURS = [36, 35, 33, 32, 34, 91, 96, 95, 93, 92];

/** `name | ` in a colour of its own (no colour when the output is not a terminal). */
export function makePrefix(name: string, index: number, width: number, colour: boolean): string {
  const label = name.padEnd(width);
  return colour ? `\x1b[${COLOURS[index % COLOURS.length]}m${label}\x1b[0m | ` : `${label} | `;
}

/** Copies a child's output to `out` (when given) line by line, each line behind `prefix`; calls `onLine` per line. */
export function pipeWithPrefix(
  input: Readable,
  out: Writable | undefined,
  prefix: string,
  onLine?: (line: string) => void,
): void {
  let pending = '';
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      out?.write(`${prefix}${line}\n`);
      onLine?.(line);
    }
  });
  input.on('end', () => {
    if (pending) {
      out?.write(`${prefix}${pending}\n`);
      onLine?.(pending);
    }
  });
}
