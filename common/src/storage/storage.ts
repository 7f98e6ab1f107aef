import type { Readable } from 'node:stream';

/**
 * Object storage, behind one interface with two adapters: Google Cloud Storage (production, or a
 * GCS emulator) and local disk (the embedded default). Keys are `/`-separated paths such as
 * `uploads/<songId>/original.mp3` or `hls/<songId>/128k/segment-003.ts`.
 */
export interface Storage {
  /** Which adapter this is, for logs. */
  readonly kind: 'gcs' | 'local';

  /**
   * A URL the client PUTs the bytes to directly (bytes never pass through a subgraph). It only
   * accepts `contentType` and a body of at most `maxBytes`, and expires after `expiresInSeconds`.
   */
  createSignedUpload(key: string, options: SignedUploadOptions): Promise<SignedUpload>;

  /** Writes an object (the worker's outputs). Streams; the object appears only when complete. */
  put(
    key: string,
    body: Readable | Buffer,
    options: { contentType: string; cacheControl?: string },
  ): Promise<StoredObject>;

  /** Reads an object as a stream; NotFound when it does not exist. */
  get(key: string): Promise<Readable>;

  /** Metadata, or null when there is no such object. */
  stat(key: string): Promise<StoredObject | null>;

  /** Deletes every object whose key starts with `prefix` (a song's upload and its HLS outputs). */
  deletePrefix(prefix: string): Promise<number>;

  /** The URL players fetch the object from (public, or signed for `readUrlTtlSeconds`). */
  readUrl(key: string): Promise<string>;
}

export interface SignedUploadOptions {
  contentType: string;
  maxBytes: number;
  expiresInSeconds: number;
}

export interface SignedUpload {
  url: string;
  method: 'PUT';
  /** Every header the client must send with the PUT, e.g. `content-type`. */
  headers: Array<{ name: string; value: string }>;
  expiresAt: Date;
}

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
  updatedAt: Date;
}

/**
 * "An object was finalised", as Cloud Storage reports it to Pub/Sub (OBJECT_FINALIZE): the same
 * shape from both adapters, so the HLS worker reacts to either the same way.
 */
export interface ObjectFinalizedEvent {
  bucket: string;
  key: string;
  size: number;
  contentType: string;
  finalizedAt: Date;
  /**
   * The object's generation (decimal digits) when the storage knows it: GCS's `generation`; the local
   * adapter's file modification time in microseconds. It grows with every write of a key.
   */
  generation?: string;
}
