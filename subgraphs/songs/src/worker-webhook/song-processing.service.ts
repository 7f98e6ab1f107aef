import { writeWithEvents, type OutboxNotifier } from '@groovy/common/events';
import type { HlsWorkerWebhook } from '@groovy/common/media';
import type { Logger } from 'pino';
import { songEvent } from '../events/catalogue-event-builders';
import type { CatalogueNames } from '../events/catalogue-names';
import { validObjectIds } from '../object-id';
import { SONG_REVISION, type SongModel, type SongRecord } from '../song/song.model';
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
    private readonly names: CatalogueNames,
    private readonly outbox: OutboxNotifier,
  ) {}

  async applyWorkerEvent(event: HlsWorkerWebhook, now = new Date()): Promise<ProcessingResult> {
    const [id] = validObjectIds([event.songId]);
    if (!id) return { kind: 'not-found' };
    // Decided again on what is there whenever someone else wrote the song in between.
    const written = await writeWithEvents<SongRecord, Exclude<Decision, { kind: 'apply' }>>({
      model: this.songs,
      filter: { _id: id },
      version: SONG_REVISION,
      notifier: this.outbox,
      subject: `song ${event.songId}`,
      change: async (song, revision) => {
        const decision = decide(song, event, now);
        if (decision.kind !== 'apply') return { decline: decision };
        // The state change and its SONG_UPDATED are one write (a duplicate call never gets here).
        const next = { ...song, ...(decision.set as Partial<SongRecord>) };
        const names = await this.names.forSong(next);
        return { set: decision.set, events: [songEvent('updated', next, revision, names)] };
      },
    });
    if (written.outcome === 'missing') {
      await this.removeLeftovers(event);
      return { kind: 'not-found' };
    }
    if (written.outcome === 'declined') {
      const decision = written.reason;
      if (decision.kind !== 'duplicate')
        this.logger.info(
          { songId: event.songId, jobId: event.jobId, outcome: event.outcome, result: decision },
          'worker call not applied',
        );
      return decision;
    }
    if (written.outcome !== 'written') throw new Error(`song ${event.songId} kept changing`);
    this.logger.info(
      { songId: event.songId, jobId: event.jobId, outcome: event.outcome },
      'song processing state applied',
    );
    return { kind: 'applied', status: written.record.status };
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
      const written = await this.failOnce(song, 'PROCESSING', set);
      if (written) failed += 1;
    }
    return failed;
  }

  /**
   * One conditional write (no retry: a song that changed since it was read is left for the next
   * pass) moving a song still in `status` to FAILED with `set`, with its SONG_UPDATED.
   */
  async failOnce(
    song: SongRecord,
    status: SongRecord['status'],
    set: Pick<SongRecord, 'status' | 'failureReason' | 'failureCode'>,
  ): Promise<boolean> {
    const written = await writeWithEvents({
      model: this.songs,
      filter: { _id: song._id, status },
      version: SONG_REVISION,
      notifier: this.outbox,
      subject: `song ${song._id.toHexString()}`,
      current: song,
      maxAttempts: 1,
      onConflict: 'return',
      change: async (current, revision) => {
        const next = { ...current, ...set };
        const names = await this.names.forSong(next);
        return { set, events: [songEvent('updated', next, revision, names)] };
      },
    });
    return written.outcome === 'written';
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
