import { writeWithEvents } from '@groovy/common/events';
import type { Logger } from 'pino';
import { songDeletedEvent } from '../events/catalogue-event-builders';
import type { SongsOutbox } from '../events/songs-outbox';
import { songStoragePrefixes } from '../song/song.service';
import { SONG_REVISION, type SongModel } from '../song/song.model';
import type { Storage } from '../storage/storage';
import type { SongProcessingService } from '../worker-webhook/song-processing.service';

export interface SweeperOptions {
  intervalSeconds: number;
  /** How long after its URL expired a PENDING_UPLOAD song is given up. */
  uploadGraceSeconds: number;
  /** How long a processing job may run before the song is failed. */
  processingTimeoutSeconds: number;
}

export interface SweepReport {
  /** Abandoned uploads removed (song and any stored objects). */
  abandonedUploadsDeleted: number;
  /** Uploads whose file arrived but whose processing never started: failed. */
  unprocessedUploadsFailed: number;
  /** Songs whose processing took longer than the timeout: failed. */
  stuckProcessingFailed: number;
}

/**
 * Makes sure no song stays in PENDING_UPLOAD or PROCESSING for ever:
 *  - PENDING_UPLOAD past its URL's expiry plus a grace period: when nothing was uploaded, the
 *    song and its prefixes are deleted; when the file is there but the worker never reported
 *    (a lost notification), the song is failed with a reason the uploader can read.
 *  - PROCESSING for longer than the timeout: failed ("Processing took too long; please upload again").
 * Every write is conditional on the state it read, so several replicas may sweep at once. Each
 * write records its event (SONG_UPDATED, SONG_DELETED) in the same write; at the end of a pass the
 * outbox is flushed and soft-deleted songs and albums whose events are published are removed.
 */
export class UploadSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly songs: SongModel,
    private readonly processing: SongProcessingService,
    private readonly storage: Storage,
    private readonly options: SweeperOptions,
    private readonly logger: Logger,
    private readonly outbox: SongsOutbox,
  ) {}

  /** Sweeps every `intervalSeconds` until `stop()`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'upload sweep failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass, as of `now` (tests move time by passing it). */
  async sweep(now = new Date()): Promise<SweepReport> {
    const report: SweepReport = {
      abandonedUploadsDeleted: 0,
      unprocessedUploadsFailed: 0,
      stuckProcessingFailed: 0,
    };
    const expiredBefore = new Date(now.getTime() - this.options.uploadGraceSeconds * 1000);
    const abandoned = await this.songs
      .find({ status: 'PENDING_UPLOAD', uploadExpiresAt: { $lt: expiredBefore } })
      .lean();
    for (const song of abandoned) {
      const songId = song._id.toHexString();
      const uploaded = await this.storage.stat(song.uploadKey);
      if (uploaded) {
        const set = {
          status: 'FAILED' as const,
          failureReason: 'Your file arrived but processing never started; please upload again',
          failureCode: 'NOT_STARTED',
        };
        if (await this.processing.failOnce(song, 'PENDING_UPLOAD', set))
          report.unprocessedUploadsFailed += 1;
        continue;
      }
      // Soft delete with SONG_DELETED in one write; the purge below removes the document.
      const deleted = await writeWithEvents({
        model: this.songs,
        filter: { _id: song._id, status: 'PENDING_UPLOAD' },
        version: SONG_REVISION,
        notifier: this.outbox,
        subject: `song ${songId}`,
        current: song,
        maxAttempts: 1,
        onConflict: 'return',
        change: (_current, revision) => ({
          set: { deletedAt: new Date() },
          events: [songDeletedEvent(song._id, revision)],
        }),
      });
      if (deleted.outcome !== 'written') continue;
      report.abandonedUploadsDeleted += 1;
      for (const prefix of songStoragePrefixes(songId)) {
        await this.storage.deletePrefix(prefix).catch((error: unknown) => {
          this.logger.warn(
            { err: error, songId, prefix },
            'could not delete the objects of an abandoned upload',
          );
        });
      }
    }
    report.stuckProcessingFailed = await this.processing.failStuckProcessing(
      new Date(now.getTime() - this.options.processingTimeoutSeconds * 1000),
    );
    await this.outbox.settle();
    if (
      report.abandonedUploadsDeleted ||
      report.unprocessedUploadsFailed ||
      report.stuckProcessingFailed
    ) {
      this.logger.info(report, 'upload sweep');
    }
    return report;
  }
}
