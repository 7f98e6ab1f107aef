import fs from 'node:fs';

/** A process is alive while /proc has it in a state other than zombie (Z) or dead (X). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Waits (bounded) for a process that was just signalled to be gone; signal delivery is not instant. */
export async function goneSoon(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50 && isAlive(pid); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}
