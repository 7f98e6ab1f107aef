import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Storage as GoogleCloudStorage, type File, type FileMetadata } from '@google-cloud/storage';
import { NotFoundError } from '../../errors/domain-errors';
import { assertKeyPrefix, assertObjectKey, encodeObjectKeyPath } from '../object-key';
import { assertSignedUploadOptions } from '../signed-upload-options';
import type { SignedUpload, SignedUploadOptions, Storage, StoredObject } from '../storage';

/** A service-account key: enough to sign URLs offline. */
export interface ServiceAccountCredentials {
  client_email: string;
  private_key: string;
}

export interface GcsStorageOptions {
  bucket: string;
  projectId?: string;
  /** An emulator (e.g. fake-gcs-server at `http://127.0.0.1:4443`); requests then go unauthenticated. */
  apiEndpoint?: string;
  /** A service-account key; without it Application Default Credentials are used. */
  credentials?: ServiceAccountCredentials;
  /** `public` (default): plain object URLs (the bucket or a CDN is public); `signed`: V4 signed GET URLs. */
  readUrls?: 'public' | 'signed';
  /** Base of public read URLs, the key is appended (default `https://storage.googleapis.com/<bucket>`). */
  publicBaseUrl?: string;
  /** Lifetime of signed read URLs (default 1 hour). */
  readUrlTtlSeconds?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** A ready client (tests); otherwise one is built from the options above. */
  client?: GoogleCloudStorage;
}

/** Signed PUTs may not declare a body larger than this (x-goog-content-length-range). */
export const CONTENT_LENGTH_RANGE_HEADER = 'x-goog-content-length-range';

/**
 * Signed PUTs carry `x-goog-if-generation-match: 0`: Cloud Storage stores the object only when the
 * key has none yet (412 otherwise), so a signed URL uploads once and cannot be replayed over it.
 */
export const IF_GENERATION_MATCH_HEADER = 'x-goog-if-generation-match';

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 404;
}

function toStoredObject(key: string, metadata: FileMetadata): StoredObject {
  return {
    key,
    size: Number(metadata.size ?? 0),
    contentType: metadata.contentType ?? 'application/octet-stream',
    updatedAt: new Date(metadata.updated ?? metadata.timeCreated ?? Date.now()),
  };
}

/**
 * Google Cloud Storage (or an emulator). Uploads use V4 signed PUT URLs bound to the content type,
 * to `x-goog-content-length-range: 0,<maxBytes>` and to `x-goog-if-generation-match: 0` (the object
 * must not exist yet: one upload per URL), so GCS itself refuses anything else.
 * Object-finalised notifications come from Pub/Sub (parse them with parseObjectFinalizedPush).
 */
export class GcsStorage implements Storage {
  readonly kind = 'gcs' as const;
  readonly bucketName: string;
  private readonly client: GoogleCloudStorage;
  private readonly now: () => Date;

  constructor(private readonly options: GcsStorageOptions) {
    this.bucketName = options.bucket;
    this.now = options.now ?? (() => new Date());
    this.client =
      options.client ??
      new GoogleCloudStorage({
        ...(options.projectId ? { projectId: options.projectId } : {}),
        ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint.replace(/\/+$/, '') } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
  }

  private file(key: string): File {
    return this.client.bucket(this.bucketName).file(assertObjectKey(key));
  }

  async createSignedUpload(key: string, options: SignedUploadOptions): Promise<SignedUpload> {
    const file = this.file(key);
    const { contentType, maxBytes, expiresInSeconds } = assertSignedUploadOptions(options);
    const accessibleAt = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const expiresAt = new Date(accessibleAt.getTime() + expiresInSeconds * 1000);
    const lengthRange = `0,${maxBytes}`;
    const [url] = await file.getSignedUrl({
      version: 'v4',
      action: 'write',
      accessibleAt,
      expires: expiresAt,
      contentType,
      extensionHeaders: {
        [CONTENT_LENGTH_RANGE_HEADER]: lengthRange,
        [IF_GENERATION_MATCH_HEADER]: '0',
      },
    });
    return {
      url,
      method: 'PUT',
      headers: [
        { name: 'content-type', value: contentType },
        { name: CONTENT_LENGTH_RANGE_HEADER, value: lengthRange },
        { name: IF_GENERATION_MATCH_HEADER, value: '0' },
      ],
      expiresAt,
    };
  }

  async put(
    key: string,
    body: Readable | Buffer,
    options: { contentType: string; cacheControl?: string },
  ): Promise<StoredObject> {
    const file = this.file(key);
    const metadata = {
      contentType: options.contentType,
      ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
    };
    // Single-request (multipart) uploads: the worker's outputs are small (segments, playlists,
    // peaks), and GCS makes an object visible only once its upload is complete either way.
    if (Buffer.isBuffer(body)) {
      await file.save(body, { resumable: false, contentType: options.contentType, metadata });
    } else {
      await pipeline(
        body,
        file.createWriteStream({ resumable: false, contentType: options.contentType, metadata }),
      );
    }
    const [stored] = await file.getMetadata();
    return toStoredObject(key, stored);
  }

  async get(key: string): Promise<Readable> {
    const file = this.file(key);
    try {
      await file.getMetadata();
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError('Object', key);
      throw error;
    }
    return file.createReadStream();
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const [metadata] = await this.file(key).getMetadata();
      return toStoredObject(key, metadata);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertKeyPrefix(prefix);
    const [files] = await this.client
      .bucket(this.bucketName)
      .getFiles({ prefix, autoPaginate: true });
    let deleted = 0;
    const queue = [...files];
    const workers = Array.from({ length: Math.min(16, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          await file.delete();
          deleted += 1;
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    });
    await Promise.all(workers);
    return deleted;
  }

  async readUrl(key: string): Promise<string> {
    const file = this.file(key);
    if (this.options.readUrls === 'signed') {
      const accessibleAt = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
      const [url] = await file.getSignedUrl({
        version: 'v4',
        action: 'read',
        accessibleAt,
        expires: new Date(accessibleAt.getTime() + (this.options.readUrlTtlSeconds ?? 3600) * 1000),
      });
      return url;
    }
    return `${this.publicBase()}/${encodeObjectKeyPath(key)}`;
  }

  private publicBase(): string {
    if (this.options.publicBaseUrl) return this.options.publicBaseUrl.replace(/\/+$/, '');
    const endpoint =
      this.options.apiEndpoint?.replace(/\/+$/, '') ?? 'https://storage.googleapis.com';
    return `${endpoint}/${encodeURIComponent(this.bucketName)}`;
  }
}
