import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeForKey } from '../mime-types';
import { assertObjectKey } from '../object-key';

/** What the sidecar `meta/<key>.json` of an object holds. */
export interface ObjectMeta {
  contentType: string;
  cacheControl?: string;
  /**
   * The write's generation (decimal µs): strictly greater than the key's previous one, whatever
   * the clock does (max(previous + 1, now in µs)), so a re-upload is never taken for a stale copy.
   */
  generation?: string;
  /**
   * The object is in place but its finalisation was not recorded yet (or recording failed): the
   * client was not told it is stored, so a one-time upload may still replace it.
   */
  unannounced?: boolean;
}

/** What the HTTP server needs to serve a GET. */
export interface LocalObjectFile {
  path: string;
  stats: Stats;
  contentType: string;
  cacheControl?: string;
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Where the local adapter keeps things under its root: `objects/<key>` (the bytes), `meta/<key>.json`
 * (content type, cache-control, generation) and `tmp/` (writes in progress), and the file operations
 * on that layout. Every path is checked to stay inside its folder.
 */
export class LocalObjectLayout {
  readonly objectsDir: string;
  readonly metaDir: string;
  readonly temporaryDir: string;
  private ready: Promise<void> | undefined;

  constructor(readonly rootDir: string) {
    this.objectsDir = path.join(rootDir, 'objects');
    this.metaDir = path.join(rootDir, 'meta');
    this.temporaryDir = path.join(rootDir, 'tmp');
  }

  objectPath(key: string): string {
    return this.inside(this.objectsDir, key);
  }

  metaPath(key: string): string {
    return `${this.inside(this.metaDir, key)}.json`;
  }

  ensureDirectories(): Promise<void> {
    this.ready ??= Promise.all(
      [this.objectsDir, this.metaDir, this.temporaryDir].map((directory) =>
        fs.mkdir(directory, { recursive: true }),
      ),
    ).then(() => undefined);
    return this.ready;
  }

  async readMeta(key: string): Promise<ObjectMeta | null> {
    try {
      const parsed = JSON.parse(
        await fs.readFile(this.metaPath(key), 'utf8'),
      ) as Partial<ObjectMeta>;
      return typeof parsed.contentType === 'string' ? (parsed as ObjectMeta) : null;
    } catch {
      return null;
    }
  }

  /** Path, size, times and content type of an object, or null. */
  async openObject(key: string): Promise<LocalObjectFile | null> {
    assertObjectKey(key);
    const objectPath = this.objectPath(key);
    let stats: Stats;
    try {
      stats = await fs.stat(objectPath);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    if (!stats.isFile()) return null;
    const meta = await this.readMeta(key);
    return {
      path: objectPath,
      stats,
      contentType: meta?.contentType ?? contentTypeForKey(key),
      ...(meta?.cacheControl ? { cacheControl: meta.cacheControl } : {}),
    };
  }

  /** Files in the temporary directory (writes in progress or leftovers). */
  async listTemporaryFiles(): Promise<string[]> {
    try {
      return await fs.readdir(this.temporaryDir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** Every key under the folder `directory` (`''` = everything). */
  async listKeys(directory: string): Promise<string[]> {
    const start = directory === '' ? this.objectsDir : this.inside(this.objectsDir, directory);
    const keys: string[] = [];
    const walk = async (absolute: string, relative: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(absolute, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
        throw error;
      }
      for (const entry of entries) {
        const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) await walk(path.join(absolute, entry.name), key);
        else if (entry.isFile()) keys.push(key);
      }
    };
    await walk(start, directory);
    return keys;
  }

  /** Deletes an object and its sidecar; false when there was no object. */
  async deleteObject(key: string): Promise<boolean> {
    let deleted = false;
    try {
      await fs.unlink(this.objectPath(key));
      deleted = true;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    await fs.rm(this.metaPath(key), { force: true });
    return deleted;
  }

  /** Removes folders left empty under `directory` and up to the root, best effort. */
  async removeEmptyDirectories(directory: string): Promise<void> {
    for (const base of [this.objectsDir, this.metaDir]) {
      const prune = async (absolute: string): Promise<boolean> => {
        let entries;
        try {
          entries = await fs.readdir(absolute, { withFileTypes: true });
        } catch {
          return false;
        }
        let empty = true;
        for (const entry of entries) {
          if (!entry.isDirectory() || !(await prune(path.join(absolute, entry.name))))
            empty = false;
        }
        if (empty && absolute !== base) {
          await fs.rmdir(absolute).catch(() => undefined);
        }
        return empty;
      };
      if (directory === '') {
        await prune(base);
        continue;
      }
      await prune(this.inside(base, directory));
      let parent = path.dirname(this.inside(base, directory));
      while (parent.startsWith(base + path.sep)) {
        const removed = await fs.rmdir(parent).then(
          () => true,
          () => false,
        );
        if (!removed) break;
        parent = path.dirname(parent);
      }
    }
  }

  /** `base/key`, checked to stay under `base` (keys are validated already; this is a second lock). */
  private inside(base: string, key: string): string {
    const resolved = path.resolve(base, ...key.split('/'));
    if (!resolved.startsWith(base + path.sep))
      throw new Error(`object key ${JSON.stringify(key)} escapes the storage directory`);
    return resolved;
  }
}

/**
 * Renames `from` to `to`, creating `to`'s folder; retries when a concurrent deletePrefix removed
 * that folder (as empty) between the mkdir and the rename.
 */
export async function renameInto(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await fs.mkdir(path.dirname(to), { recursive: true });
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (!isMissing(error) || attempt >= 3) throw error;
    }
  }
}
