import { Readable } from 'node:stream';
import type { SignedUpload, SignedUploadOptions, Storage, StoredObject } from '../storage/storage';

interface FakeObject {
  body: Buffer;
  contentType: string;
  updatedAt: Date;
}

/** An in-memory Storage for tests: records what was asked of it, URLs point at a fake host. */
export class FakeStorage implements Storage {
  readonly kind = 'local' as const;
  readonly objects = new Map<string, FakeObject>();
  readonly signedUploads: Array<{ key: string; options: SignedUploadOptions }> = [];
  readonly deletedPrefixes: string[] = [];

  static readonly BASE_URL = 'http://storage.test';

  async createSignedUpload(key: string, options: SignedUploadOptions): Promise<SignedUpload> {
    this.signedUploads.push({ key, options });
    const expiresAt = new Date(
      Math.floor(Date.now() / 1000) * 1000 + options.expiresInSeconds * 1000,
    );
    return {
      url: `${FakeStorage.BASE_URL}/upload/${key}?max=${options.maxBytes}&expires=${expiresAt.getTime()}&sig=fake`,
      method: 'PUT',
      headers: [{ name: 'content-type', value: options.contentType }],
      expiresAt,
    };
  }

  async put(
    key: string,
    body: Readable | Buffer,
    options: { contentType: string },
  ): Promise<StoredObject> {
    const chunks: Buffer[] = [];
    if (Buffer.isBuffer(body)) chunks.push(body);
    else for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
    const object = {
      body: Buffer.concat(chunks),
      contentType: options.contentType,
      updatedAt: new Date(),
    };
    this.objects.set(key, object);
    return {
      key,
      size: object.body.length,
      contentType: object.contentType,
      updatedAt: object.updatedAt,
    };
  }

  async get(key: string): Promise<Readable> {
    const object = this.objects.get(key);
    if (!object) throw new Error(`no object ${key}`);
    return Readable.from([object.body]);
  }

  async stat(key: string): Promise<StoredObject | null> {
    const object = this.objects.get(key);
    return object
      ? {
          key,
          size: object.body.length,
          contentType: object.contentType,
          updatedAt: object.updatedAt,
        }
      : null;
  }

  async deletePrefix(prefix: string): Promise<number> {
    this.deletedPrefixes.push(prefix);
    let deleted = 0;
    for (const key of [...this.objects.keys()]) {
      if (key.startsWith(prefix)) {
        this.objects.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  async readUrl(key: string): Promise<string> {
    return `${FakeStorage.BASE_URL}/objects/${key}`;
  }

  /** Stores a small object, as the client's PUT or the worker's outputs would. */
  async seed(...keys: string[]): Promise<void> {
    for (const key of keys)
      await this.put(key, Buffer.from(`bytes of ${key}`), {
        contentType: 'application/octet-stream',
      });
  }

  keys(): string[] {
    return [...this.objects.keys()].sort();
  }
}
