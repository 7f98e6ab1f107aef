import { appendToOutbox } from '@groovy/common/events';
import type { HlsWorkerWebhook } from '@groovy/common/media';
import type { Logger } from 'pino';
import type { CatalogueEvents, OutboxNotifier } from '../events/catalogue-events';
import { validObjectIds } from '../object-id';
import type { SongModel, SongRecord } from '../song/song.model';
import { songStoragePrefixes } from '../song/song.service';
import type { Storage } from '../storage/storage';

/** What became of one webhook call. */
export type ProcessingResult =
  | { kind: 'applied'; status: SongRecord['status'] }
  /** Already applied (a redelivery): nothing changed. */
  | { kind: 'duplicate'; status: SongRecord['status'] }
  /** Older than what the song already knows, or would undo a final state: nothing changed. */
  | { kind: 'outdated'; status: SongRecord['status']; reason: string }
  | { kind: 'not-found' }
  /** The call is about another upload than the song's (a bug somewhere): refused. */
  | { kind: 'conflict'; reason: string }
  /** Output keys outside the song's own prefixes: refused, they would outlive the song. */
  | { kind: 'invalid'; reason: string };

type Decision =
  { kind: 'apply'; set: Record<string, unknown> } | Exclude<ProcessingResult, { kind: 'applied' }>;

const MAX_WRITE_ATTEMPTS = 5;

/**
 * Applies the HLS worker's reports to songs: PENDING_UPLOAD/PROCESSING → PROCESSING → READY or
 * FAILED. Every call is idempotent and ordered by `occurredAt`, so redeliveries and calls that
 * arrive late can't undo a newer state; writes are conditional on the song's `revision`.
 */
export class SongProcessingService {
  constructor(
    private readonly songs: SongModel,
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly events: CatalogueEvents,
    private readonly outbox: OutboxNotifier,
  ) {}

  async applyWorkerEvent(event: HlsWorkerWebhook, now = new Date()): Promise<ProcessingResult> {
    const [id] = validObjectIds([event.songId]);
    if (!id) return { kind: 'not-found' };
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const song = await this.songs.findById(id).lean();
      if (!song) {
        await this.removeLeftovers(event);
        return { kind: 'not-found' };
      }
      const decision = decide(song, event, now);
      if (decision.kind !== 'apply') {
        if (decision.kind !== 'duplicate')
          this.logger.info(
            { songId: event.songId, jobId: event.jobId, outcome: event.outcome, result: decision },
            'worker call not applied',
          );
        return decision;
      }
      // The state change and its SONG_UPDATED are one write (a duplicate call never gets here).
      const songUpdated = await this.events.song(
        'updated',
        { ...song, ...(decision.set as Partial<SongRecord>) },
        song.revision + 1,
      );
      const written = await this.songs.updateOne(
        { _id: id, revision: song.revision },
        { $set: decision.set, $inc: { revision: 1 }, ...appendToOutbox([songUpdated]) },
      );
      if (written.modifiedCount === 1) {
        this.outbox.recorded();
        this.logger.info(
          { songId: event.songId, jobId: event.jobId, outcome: event.outcome },
          'song processing state applied',
        );
        return { kind: 'applied', status: decision.set.status as SongRecord['status'] };
      }
      // Someone else wrote the song in between: decide again on what is there now.
    }
    throw new Error(`song ${event.songId} kept changing while applying a worker call`);
  }

  /**
   * A job that finished for a song deleted while it ran has written outputs nobody points to: they
   * are removed (the call is authenticated, and the prefixes are the deleted song's own).
   */
  private async removeLeftovers(event: HlsWorkerWebhook): Promise<void> {
    if (event.outcome === 'PROCESSING') return;
    for (const prefix of songStoragePrefixes(event.songId)) {
      const removed = await this.storage.deletePrefix(prefix).catch((error: unknown) => {
        this.logger.warn(
          { err: error, songId: event.songId, prefix },
          'could not remove the outputs of a deleted song',
        );
        return 0;
      });
      if (removed > 0)
        this.logger.info(
          { songId: event.songId, prefix, removed },
          'removed the outputs of a job for a deleted song',
        );
    }
  }

  /**
   * Fails songs whose current processing job started before `startedBefore` (the worker died or
   * lost the job). A late READY from the worker still wins afterwards (see `decide`).
   */
  async failStuckProcessing(startedBefore: Date): Promise<number> {
    const stuck = await this.songs
      .find({
        status: 'PROCESSING',
        $or: [
          { 'processing.startedAt': { $lt: startedBefore } },
          { 'processing.startedAt': null, updatedAt: { $lt: startedBefore } },
        ],
      })
      .lean();
    let failed = 0;
    for (const song of stuck) {
      const set = {
        status: 'FAILED' as const,
        failureReason: 'Processing took too long; please upload again',
        failureCode: 'TIMEOUT',
      };
      const event = await this.events.song('updated', { ...song, ...set }, song.revision + 1);
      const written = await this.songs.updateOne(
        { _id: song._id, revision: song.revision, status: 'PROCESSING' },
        { $set: set, $inc: { revision: 1 }, ...appendToOutbox([event]) },
      );
      failed += written.modifiedCount;
    }
    if (failed) this.outbox.recorded();
    return failed;
  }
}

function outputKeyProblem(songId: string, keys: string[]): string | null {
  const allowed = [`hls/${songId}/`, `uploads/${songId}/`];
  const outside = keys.find(
    (key) => !allowed.some((prefix) => key.startsWith(prefix)) || key.split('/').includes('..'),
  );
  return outside ? `output key ${JSON.stringify(outside)} is not under hls/${songId}/` : null;
}

function decide(song: SongRecord, event: HlsWorkerWebhook, now: Date): Decision {
  const status = song.status;
  if (song.uploadKey !== event.uploadKey) {
    return {
      kind: 'conflict',
      reason: `uploadKey ${event.uploadKey} is not this song's upload (${song.uploadKey})`,
    };
  }
  const occurredAt = new Date(event.occurredAt);
  const processing = song.processing ?? {
    jobId: null,
    lastEventAt: null,
    lastOutcome: null,
    attempts: 0,
    startedAt: null,
  };
  const last = processing.lastEventAt;
  if (
    last &&
    occurredAt.getTime() === last.getTime() &&
    processing.lastOutcome === event.outcome &&
    processing.jobId === event.jobId
  ) {
    return { kind: 'duplicate', status };
  }
  if (last && occurredAt.getTime() < last.getTime()) {
    return {
      kind: 'outdated',
      status,
      reason: `occurredAt is older than the last applied call (${last.toISOString()})`,
    };
  }
  if (event.outcome === 'PROCESSING' && (status === 'READY' || status === 'FAILED')) {
    return { kind: 'outdated', status, reason: `the song is already ${status}` };
  }
  if (event.outcome === 'FAILED' && status === 'READY') {
    return {
      kind: 'outdated',
      status,
      reason: 'the song is already READY; a playable song stays playable',
    };
  }

  const newJob = processing.jobId !== event.jobId;
  const set: Record<string, unknown> = {
    'processing.jobId': event.jobId,
    'processing.lastEventAt': occurredAt,
    'processing.lastOutcome': event.outcome,
    'processing.attempts': (processing.attempts ?? 0) + (newJob ? 1 : 0),
    'processing.startedAt': newJob || !processing.startedAt ? now : processing.startedAt,
  };
  switch (event.outcome) {
    case 'PROCESSING':
      return { kind: 'apply', set: { ...set, status: 'PROCESSING' } };
    case 'READY': {
      const { result } = event;
      const problem = outputKeyProblem(song._id.toHexString(), [
        result.masterKey,
        ...result.renditions.map((r) => r.playlistKey),
        ...(result.coverKey ? [result.coverKey] : []),
      ]);
      if (problem) return { kind: 'invalid', reason: problem };
      return {
        kind: 'apply',
        set: {
          ...set,
          status: 'READY',
          failureReason: null,
          failureCode: null,
          durationMs: result.durationMs,
          loudnessLufs: result.loudnessLufs,
          truePeakDbtp: result.truePeakDbtp,
          waveform: result.waveform,
          stream: {
            masterKey: result.masterKey,
            renditions: result.renditions.map((r) => ({
              bitrateKbps: r.bitrateKbps,
              codec: r.codec,
              playlistKey: r.playlistKey,
            })),
          },
          coverKey: result.coverKey,
        },
      };
    }
    case 'FAILED':
      return {
        kind: 'apply',
        set: { ...set, status: 'FAILED', failureReason: event.reason, failureCode: event.code },
      };
  }
}
