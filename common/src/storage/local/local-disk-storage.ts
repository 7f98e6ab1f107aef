import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { ConflictError, NotFoundError } from '../../errors/domain-errors';
import { contentTypeForKey } from '../mime-types';
import { assertKeyPrefix, assertObjectKey, encodeObjectKeyPath } from '../object-key';
import { assertSignedUploadOptions } from '../signed-upload-options';
import { ObjectTooLargeError } from '../storage-errors';
import type {
  ObjectFinalizedEvent,
  SignedUpload,
  SignedUploadOptions,
  Storage,
  StoredObject,
} from '../storage';
import { signUploadGrant, UPLOAD_QUERY, type UploadGrant } from './upload-signature';

export interface LocalDiskStorageOptions {
  /** Directory holding everything: `objects/`, `meta/` (content types) and `tmp/` (uploads in progress). */
  rootDir: string;
  /** Base URL of the storage HTTP server as clients reach it, e.g. `http://127.0.0.1:4010`. */
  publicUrl: string;
  /** HMAC key for upload URLs (at least 32 characters). */
  signingSecret: string;
  /** Reported as the bucket in ObjectFinalizedEvents (default `local`). */
  bucket?: string;
  logger: Logger;
  /** The clock (tests move it to expire URLs). */
  now?: () => Date;
}

interface ObjectMeta {
  contentType: string;
  cacheControl?: string;
  /**
   * The write's generation (decimal µs): strictly greater than the key's previous one, whatever
   * the clock does (max(previous + 1, now in µs)), so a re-upload is never taken for a stale copy.
   */
  generation?: string;
}

/** What the HTTP server needs to serve a GET. */
export interface LocalObjectFile {
  path: string;
  stats: Stats;
  contentType: string;
  cacheControl?: string;
}

/**
 * Records a finalised object durably (e.g. an OBJECT_FINALIZED event in an outbox). Awaited after the
 * object is in place and before the write is reported done (the PUT's 200, `put()` resolving).
 */
export type ObjectFinalizedRecorder = (event: ObjectFinalizedEvent) => Promise<void>;

/** The object was stored, but recording its finalisation failed: the write is reported failed. */
export class FinalizationNotRecordedError extends Error {
  constructor(
    readonly key: string,
    override readonly cause: unknown,
  ) {
    super(`object ${key} was stored but its finalisation could not be recorded`);
    this.name = 'FinalizationNotRecordedError';
  }
}

/**
 * Storage on the local disk (the embedded default). Objects live under `<rootDir>/objects/<key>`;
 * every write streams into `<rootDir>/tmp` and is renamed into place only when complete, so a
 * reader never sees half an object and a failed upload leaves nothing behind.
 * Upload URLs point at the storage HTTP server (storage-server.ts) and carry an HMAC signature.
 */
export class LocalDiskStorage implements Storage {
  readonly kind = 'local' as const;
  readonly bucket: string;
  readonly rootDir: string;
  private readonly objectsDir: string;
  private readonly metaDir: string;
  readonly temporaryDir: string;
  private publicBaseUrl: string;
  private recorder: ObjectFinalizedRecorder | undefined;
  /** Finalisations in progress per key, so two writes of one key get distinct generations. */
  private readonly finalizing = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private readonly logger: Logger;
  private ready: Promise<void> | undefined;

  constructor(private readonly options: LocalDiskStorageOptions) {
    if (options.signingSecret.length < 32)
      throw new Error('LocalDiskStorage: signingSecret must be at least 32 characters');
    this.rootDir = path.resolve(options.rootDir);
    this.objectsDir = path.join(this.rootDir, 'objects');
    this.metaDir = path.join(this.rootDir, 'meta');
    this.temporaryDir = path.join(this.rootDir, 'tmp');
    this.bucket = options.bucket ?? 'local';
    this.publicBaseUrl = options.publicUrl.replace(/\/+$/, '');
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** The base URL upload and read URLs start with. */
  get publicUrl(): string {
    return this.publicBaseUrl;
  }

  /** Points URLs at the server once its address is known (e.g. after listening on port 0). */
  setPublicUrl(url: string): void {
    this.publicBaseUrl = url.replace(/\/+$/, '');
  }

  /** The signing secret, for the server that verifies upload URLs. */
  get signingSecret(): string {
    return this.options.signingSecret;
  }

  currentTime(): Date {
    return this.now();
  }

  /**
   * Sets (or, with `undefined`, removes) the durable recorder of finalised objects. While one is set,
   * a write is reported done only once the recorder resolved; when it rejects, the write fails with
   * FinalizationNotRecordedError (the PUT answers 500, so the client sends it again; the object that
   * arrived stays in place, to be replaced by the retry). This is how "object finalised" survives a
   * crash: nothing the client was told is stored can go unannounced.
   */
  recordFinalizedWith(recorder: ObjectFinalizedRecorder | undefined): void {
    this.recorder = recorder;
  }

  /** Nothing to release (kept for the server's graceful stop). */
  async close(): Promise<void> {}

  async createSignedUpload(key: string, options: SignedUploadOptions): Promise<SignedUpload> {
    assertObjectKey(key);
    const { contentType, maxBytes, expiresInSeconds } = assertSignedUploadOptions(options);
    const expiresAt = Math.floor(this.now().getTime() / 1000) + expiresInSeconds;
    const grant: UploadGrant = { method: 'PUT', key, contentType, maxBytes, expiresAt };
    const url = new URL(`${this.publicBaseUrl}/objects/${encodeObjectKeyPath(key)}`);
    url.searchParams.set(UPLOAD_QUERY.contentType, contentType);
    url.searchParams.set(UPLOAD_QUERY.maxBytes, String(maxBytes));
    url.searchParams.set(UPLOAD_QUERY.expires, String(expiresAt));
    url.searchParams.set(
      UPLOAD_QUERY.signature,
      signUploadGrant(grant, this.options.signingSecret),
    );
    return {
      url: url.toString(),
      method: 'PUT',
      headers: [{ name: 'content-type', value: contentType }],
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  async put(
    key: string,
    body: Readable | Buffer,
    options: { contentType: string; cacheControl?: string },
  ): Promise<StoredObject> {
    assertObjectKey(key);
    return this.receive(key, Buffer.isBuffer(body) ? Readable.from([body]) : body, {
      contentType: options.contentType,
      cacheControl: options.cacheControl,
      maxBytes: Number.POSITIVE_INFINITY,
    });
  }

  /**
   * Streams `source` to a temporary file, failing with ObjectTooLargeError as soon as it passes
   * `maxBytes`, then renames it into place and emits ObjectFinalizedEvent. On any failure the
   * temporary file is removed and `source` is unpiped (not destroyed: the HTTP server still answers).
   */
  async receive(
    key: string,
    source: Readable,
    options: { contentType: string; cacheControl?: string | undefined; maxBytes: number },
  ): Promise<StoredObject> {
    assertObjectKey(key);
    await this.ensureDirectories();
    const temporary = path.join(this.temporaryDir, `${randomUUID()}.part`);
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > options.maxBytes) callback(new ObjectTooLargeError(options.maxBytes));
        else callback(null, chunk);
      },
    });
    // The source failing or closing before its end (a client that went away) fails the write.
    const stopWatching = finished(source, { writable: false }, (error) => {
      if (error)
        limiter.destroy(new Error(`upload aborted before it was complete (${error.message})`));
    });
    source.pipe(limiter);
    try {
      await pipeline(limiter, createWriteStream(temporary, { flags: 'wx' }));
      if ('complete' in source && source.complete === false)
        throw new Error('upload aborted before it was complete');
      const meta: ObjectMeta = {
        contentType: options.contentType,
        ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
      };
      return await this.finalize(key, temporary, meta);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    } finally {
      source.unpipe(limiter);
      stopWatching();
    }
  }

  async get(key: string): Promise<Readable> {
    const file = await this.openObject(key);
    if (!file) throw new NotFoundError('Object', key);
    return createReadStream(file.path);
  }

  async stat(key: string): Promise<StoredObject | null> {
    const file = await this.openObject(key);
    if (!file) return null;
    return {
      key,
      size: file.stats.size,
      contentType: file.contentType,
      updatedAt: new Date(file.stats.mtimeMs),
    };
  }

  /** Path, size, times and content type of an object, or null; for the HTTP server's GET. */
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

  async deletePrefix(prefix: string): Promise<number> {
    assertKeyPrefix(prefix);
    const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = (await this.listKeys(directory)).filter((key) => key.startsWith(prefix));
    let deleted = 0;
    for (const key of keys) {
      try {
        await fs.unlink(this.objectPath(key));
        deleted += 1;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      await fs.rm(this.metaPath(key), { force: true });
    }
    await this.removeEmptyDirectories(directory);
    return deleted;
  }

  async readUrl(key: string): Promise<string> {
    assertObjectKey(key);
    return `${this.publicBaseUrl}/objects/${encodeObjectKeyPath(key)}`;
  }

  /** Files in the temporary directory (uploads in progress or leftovers); tests expect none at rest. */
  async listTemporaryFiles(): Promise<string[]> {
    try {
      return await fs.readdir(this.temporaryDir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** Runs `work` once the key's previous finalisation (in this process) is over. */
  private async oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.finalizing.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.finalizing.set(key, current);
    try {
      return await current;
    } finally {
      if (this.finalizing.get(key) === current) this.finalizing.delete(key);
    }
  }

  /**
   * The next generation of `key`: max(previous + 1, now in µs). The previous one is the meta
   * sidecar's (or, for an object written before generations were stored, its mtime in µs), so it
   * grows strictly per key across clock steps back, coarse timestamps and restarts.
   */
  private async nextGeneration(key: string): Promise<string> {
    const nowMicros = this.now().getTime() * 1000;
    let previous = -1;
    const stored = (await this.readMeta(key))?.generation;
    if (stored && /^\d{1,16}$/.test(stored)) previous = Number(stored);
    else {
      try {
        previous = Math.round((await fs.stat(this.objectPath(key))).mtimeMs * 1000);
      } catch (error) {
        if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      }
    }
    return String(Math.max(previous + 1, nowMicros));
  }

  private finalize(key: string, temporary: string, meta: ObjectMeta): Promise<StoredObject> {
    return this.oneAtATime(key, async () => {
      const generation = await this.nextGeneration(key);
      return this.finalizeAs(key, temporary, { ...meta, generation }, generation);
    });
  }

  private async finalizeAs(
    key: string,
    temporary: string,
    meta: ObjectMeta,
    generation: string,
  ): Promise<StoredObject> {
    const objectPath = this.objectPath(key);
    const metaPath = this.metaPath(key);
    const metaTemporary = path.join(this.temporaryDir, `${randomUUID()}.meta`);
    try {
      await fs.writeFile(metaTemporary, JSON.stringify(meta));
      await renameInto(temporary, objectPath);
      await renameInto(metaTemporary, metaPath);
    } catch (error) {
      await fs.rm(metaTemporary, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
        throw new ConflictError(
          `object key ${key} clashes with another key used as a folder`,
          'key',
        );
      }
      throw error;
    }
    const stats = await fs.stat(objectPath);
    const stored: StoredObject = {
      key,
      size: stats.size,
      contentType: meta.contentType,
      updatedAt: new Date(stats.mtimeMs),
    };
    const event: ObjectFinalizedEvent = {
      bucket: this.bucket,
      key,
      size: stats.size,
      contentType: meta.contentType,
      finalizedAt: new Date(stats.mtimeMs),
      generation,
    };
    if (this.recorder) {
      try {
        await this.recorder(event);
      } catch (error) {
        this.logger.error(
          { err: error, key },
          'could not record an object finalisation; the write fails',
        );
        throw new FinalizationNotRecordedError(key, error);
      }
    }
    return stored;
  }

  private objectPath(key: string): string {
    return this.inside(this.objectsDir, key);
  }

  private metaPath(key: string): string {
    return `${this.inside(this.metaDir, key)}.json`;
  }

  /** `base/key`, checked to stay under `base` (keys are validated already; this is a second lock). */
  private inside(base: string, key: string): string {
    const resolved = path.resolve(base, ...key.split('/'));
    if (!resolved.startsWith(base + path.sep))
      throw new Error(`object key ${JSON.stringify(key)} escapes the storage directory`);
    return resolved;
  }

  private async readMeta(key: string): Promise<ObjectMeta | null> {
    try {
      const parsed = JSON.parse(
        await fs.readFile(this.metaPath(key), 'utf8'),
      ) as Partial<ObjectMeta>;
      return typeof parsed.contentType === 'string' ? (parsed as ObjectMeta) : null;
    } catch {
      return null;
    }
  }

  /** Every key under the folder `directory` (`''` = everything). */
  private async listKeys(directory: string): Promise<string[]> {
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

  /** Removes folders left empty under `directory` and up to the root, best effort. */
  private async removeEmptyDirectories(directory: string): Promise<void> {
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

  private ensureDirectories(): Promise<void> {
    this.ready ??= Promise.all(
      [this.objectsDir, this.metaDir, this.temporaryDir].map((directory) =>
        fs.mkdir(directory, { recursive: true }),
      ),
    ).then(() => undefined);
    return this.ready;
  }
}

/**
 * Renames `from` to `to`, creating `to`'s folder; retries when a concurrent deletePrefix removed
 * that folder (as empty) between the mkdir and the rename.
 */
async function renameInto(from: string, to: string): Promise<void> {
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

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
