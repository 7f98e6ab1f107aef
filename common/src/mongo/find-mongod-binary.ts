import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Looks for an executable `mongod` on the given search path (the OS PATH, colon-separated). */
export function findMongodOnPath(searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'mongod');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
