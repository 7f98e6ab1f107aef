import type { Logger } from '@groovy/common/logging';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import type { JobStorage } from './upload-job';
import { hlsPrefix, parseUploadKey } from './upload-key';

/** The upload (key and generation) a song's outputs were made from. */
interface SourceMarker {
  uploadKey: string;
  generation: string;
}

/** `hls/<songId>/source.json`, beside the outputs it describes (removed with them). */
export function sourceMarkerKey(songId: string): string {
  return `${hlsPrefix(songId)}source.json`;
}

/**
 * Which uploads were already turned into HLS and reported READY, kept in storage beside the outputs
 * (so every replica and a restarted worker know it, with no database): a push for the same key and
 * generation (Pub/Sub redelivering, or a replayed notification) is not transcoded again. A newer
 * generation (a re-upload) is. A push without a generation cannot be told apart and is processed.
 */
export class ProcessedUploads {
  constructor(
    private readonly storage: JobStorage,
    private readonly logger: Logger,
  ) {}

  async isProcessed(event: Pick<ObjectFinalizedEvent, 'key' | 'generation'>): Promise<boolean> {
    const upload = parseUploadKey(event.key);
    if (!upload || !event.generation) return false;
    let marker: Partial<SourceMarker>;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.get(sourceMarkerKey(upload.songId)))
        chunks.push(Buffer.from(chunk as Buffer));
      marker = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<SourceMarker>;
    } catch {
      return false; // no marker (never processed), or unreadable: process it
    }
    return marker.uploadKey === event.key && marker.generation === event.generation;
  }

  /** Records that `event`'s upload was processed and reported READY (best effort: a failure only costs a rerun). */
  async markProcessed(event: Pick<ObjectFinalizedEvent, 'key' | 'generation'>): Promise<void> {
    const upload = parseUploadKey(event.key);
    if (!upload || !event.generation) return;
    const marker: SourceMarker = { uploadKey: event.key, generation: event.generation };
    try {
      await this.storage.put(sourceMarkerKey(upload.songId), Buffer.from(JSON.stringify(marker)), {
        contentType: 'application/json',
        cacheControl: 'no-store',
      });
    } catch (error) {
      this.logger.warn(
        { err: error, key: event.key },
        'could not record the processed upload; a redelivered push would transcode it again',
      );
    }
  }
}
