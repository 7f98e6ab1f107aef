import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConflictError } from '../../errors/domain-errors';
import { ObjectExistsError } from '../storage-errors';
import type { ObjectFinalizedEvent, StoredObject } from '../storage';
import { isMissing, renameInto, type LocalObjectLayout, type ObjectMeta } from './object-layout';

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

export interface FinalizeOptions {
  /** A one-time upload: refuse (ObjectExistsError) when the key already holds an announced object. */
  once?: boolean;
}

/**
 * The last step of every local write: moves a complete temporary file into place with its sidecar,
 * gives it the key's next generation and has the recorder announce it before the write is reported
 * done. The writes of one key are finalised one at a time in the process.
 */
export class ObjectFinalizer {
  private recorder: ObjectFinalizedRecorder | undefined;
  /** Finalisations in progress per key, so two writes of one key get distinct generations. */
  private readonly finalizing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly layout: LocalObjectLayout,
    private readonly options: { bucket: string; now: () => Date; logger: Logger },
  ) {}

  recordWith(recorder: ObjectFinalizedRecorder | undefined): void {
    this.recorder = recorder;
  }

  /**
   * Whether `key` holds an object a one-time upload must not replace: one that exists and was
   * announced. An object whose recording failed (`unannounced`), or that has no sidecar (a crash
   * between the object's rename and its sidecar's), was never reported stored and may be sent again.
   */
  async isTaken(key: string): Promise<boolean> {
    if (!(await this.layout.openObject(key))) return false;
    const meta = await this.layout.readMeta(key);
    return meta !== null && meta.unannounced !== true;
  }

  finalize(
    key: string,
    temporary: string,
    meta: ObjectMeta,
    options: FinalizeOptions = {},
  ): Promise<StoredObject> {
    return this.oneAtATime(key, async () => {
      if (options.once && (await this.isTaken(key))) throw new ObjectExistsError(key);
      const generation = await this.nextGeneration(key);
      return this.finalizeAs(key, temporary, { ...meta, generation }, generation);
    });
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
    const nowMicros = this.options.now().getTime() * 1000;
    let previous = -1;
    const stored = (await this.layout.readMeta(key))?.generation;
    if (stored && /^\d{1,16}$/.test(stored)) previous = Number(stored);
    else {
      try {
        previous = Math.round((await fs.stat(this.layout.objectPath(key))).mtimeMs * 1000);
      } catch (error) {
        if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      }
    }
    return String(Math.max(previous + 1, nowMicros));
  }

  private async finalizeAs(
    key: string,
    temporary: string,
    meta: ObjectMeta,
    generation: string,
  ): Promise<StoredObject> {
    const objectPath = this.layout.objectPath(key);
    const recorder = this.recorder;
    try {
      // Until the recorder has announced it, the object is marked unannounced (replaceable by a retry).
      const metaTemporary = await this.writeMetaTemporary(
        recorder ? { ...meta, unannounced: true } : meta,
      );
      try {
        await renameInto(temporary, objectPath);
        await renameInto(metaTemporary, this.layout.metaPath(key));
      } finally {
        await fs.rm(metaTemporary, { force: true });
      }
    } catch (error) {
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
    if (recorder) {
      const event: ObjectFinalizedEvent = {
        bucket: this.options.bucket,
        key,
        size: stats.size,
        contentType: meta.contentType,
        finalizedAt: new Date(stats.mtimeMs),
        generation,
      };
      try {
        await recorder(event);
      } catch (error) {
        this.options.logger.error(
          { err: error, key },
          'could not record an object finalisation; the write fails',
        );
        throw new FinalizationNotRecordedError(key, error);
      }
      const announced = await this.writeMetaTemporary(meta);
      await renameInto(announced, this.layout.metaPath(key));
    }
    return stored;
  }

  private async writeMetaTemporary(meta: ObjectMeta): Promise<string> {
    const file = path.join(this.layout.temporaryDir, `${randomUUID()}.meta`);
    await fs.writeFile(file, JSON.stringify(meta));
    return file;
  }
}
