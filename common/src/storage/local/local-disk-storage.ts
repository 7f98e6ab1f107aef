import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { NotFoundError } from '../../errors/domain-errors';
import { assertKeyPrefix, assertObjectKey, encodeObjectKeyPath } from '../object-key';
import { assertSignedUploadOptions } from '../signed-upload-options';
import { ObjectExistsError, ObjectTooLargeError } from '../storage-errors';
import type { SignedUpload, SignedUploadOptions, Storage, StoredObject } from '../storage';
import { ObjectFinalizer, type ObjectFinalizedRecorder } from './object-finalizer';
import { LocalObjectLayout, type LocalObjectFile, type ObjectMeta } from './object-layout';
import { signUploadGrant, UPLOAD_QUERY, type UploadGrant } from './upload-signature';

export { FinalizationNotRecordedError, type ObjectFinalizedRecorder } from './object-finalizer';
export type { LocalObjectFile } from './object-layout';

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

/** How `receive` writes a body. */
export interface ReceiveOptions {
  contentType: string;
  cacheControl?: string | undefined;
  maxBytes: number;
  /** A signed upload: stores its object once; refused with ObjectExistsError when it is there already. */
  once?: boolean;
}

/**
 * Storage on the local disk (the embedded default). Objects live under `<rootDir>/objects/<key>`;
 * every write streams into `<rootDir>/tmp` and is renamed into place only when complete, so a
 * reader never sees half an object and a failed upload leaves nothing behind (the layout is in
 * object-layout.ts, the last step of a write in object-finalizer.ts).
 * Upload URLs point at the storage HTTP server (storage-server.ts) and carry an HMAC signature.
 */
export class LocalDiskStorage implements Storage {
  readonly kind = 'local' as const;
  readonly bucket: string;
  readonly rootDir: string;
  readonly temporaryDir: string;
  private readonly layout: LocalObjectLayout;
  private readonly finalizer: ObjectFinalizer;
  private publicBaseUrl: string;
  private readonly now: () => Date;

  constructor(private readonly options: LocalDiskStorageOptions) {
    if (options.signingSecret.length < 32)
      throw new Error('LocalDiskStorage: signingSecret must be at least 32 characters');
    this.rootDir = path.resolve(options.rootDir);
    this.layout = new LocalObjectLayout(this.rootDir);
    this.temporaryDir = this.layout.temporaryDir;
    this.bucket = options.bucket ?? 'local';
    this.publicBaseUrl = options.publicUrl.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
    this.finalizer = new ObjectFinalizer(this.layout, {
      bucket: this.bucket,
      now: this.now,
      logger: options.logger,
    });
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
   * arrived stays in place, marked unannounced, to be replaced by the retry). This is how "object
   * finalised" survives a crash: nothing the client was told is stored can go unannounced.
   */
  recordFinalizedWith(recorder: ObjectFinalizedRecorder | undefined): void {
    this.finalizer.recordWith(recorder);
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
   * With `once` (a signed upload) an object already there is never replaced: ObjectExistsError,
   * before reading the body when it is there already, after it when a concurrent upload won.
   */
  async receive(key: string, source: Readable, options: ReceiveOptions): Promise<StoredObject> {
    assertObjectKey(key);
    await this.layout.ensureDirectories();
    if (options.once && (await this.finalizer.isTaken(key))) throw new ObjectExistsError(key);
    const temporary = path.join(this.layout.temporaryDir, `${randomUUID()}.part`);
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
      return await this.finalizer.finalize(key, temporary, meta, { once: options.once === true });
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
  openObject(key: string): Promise<LocalObjectFile | null> {
    return this.layout.openObject(key);
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertKeyPrefix(prefix);
    const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = (await this.layout.listKeys(directory)).filter((key) => key.startsWith(prefix));
    let deleted = 0;
    for (const key of keys) if (await this.layout.deleteObject(key)) deleted += 1;
    await this.layout.removeEmptyDirectories(directory);
    return deleted;
  }

  async readUrl(key: string): Promise<string> {
    assertObjectKey(key);
    return `${this.publicBaseUrl}/objects/${encodeObjectKeyPath(key)}`;
  }

  /** Files in the temporary directory (uploads in progress or leftovers); tests expect none at rest. */
  listTemporaryFiles(): Promise<string[]> {
    return this.layout.listTemporaryFiles();
  }
}
