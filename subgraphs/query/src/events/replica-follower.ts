import {
  isEvent,
  QuerySongsChanged,
  type EventEnvelope,
  type SubscribeOptions,
} from '@groovy/common/events';
import type { SubgraphDependencies } from '@groovy/common/subgraph';
import { ACTIVITY_EVENT_TYPES } from '../activity/activity-events';
import type { ActivityService } from '../activity/activity.service';
import type { PlaylistSearch } from '../playlists/playlist-search';
import { PLAYLIST_EVENT_TYPES } from '../playlists/playlist-store';
import type { SearchService } from '../search/search.service';
import type { StartupGate } from './startup-gate';

type Logger = SubgraphDependencies['logger'];

/** How a replica retries what it failed to apply (backoff from `firstDelayMs`, doubling). */
export interface ReplicaRetryOptions {
  /** Default 200 ms. */
  firstDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  /** Activity and playlist events kept for a retry at most (default 10,000; oldest dropped). */
  maxPendingEvents?: number;
}

/** The per-replica subscriber: every query replica has its own (live, no shared checkpoint). */
export const REPLICA_CONSUMER = 'query-replica';

/** What each replica follows: the writer's "songs changed", song activity and playlists. */
export const REPLICA_FOLLOWED_TYPES: readonly string[] = [
  QuerySongsChanged.type,
  ...ACTIVITY_EVENT_TYPES,
  ...PLAYLIST_EVENT_TYPES,
];

const ACTIVITY = new Set<string>(ACTIVITY_EVENT_TYPES);
const PLAYLISTS = new Set<string>(PLAYLIST_EVENT_TYPES);

/**
 * Keeps this replica's in-process indexes in step with the shared read model, whichever replica
 * consumed an event:
 * - the catalogue is written by one instance only (consumer `query`: a song's document reads its
 *   album's and artist's, so writes must follow the log's order); the writer then publishes
 *   `QUERY_SONGS_CHANGED`, and each replica re-reads those songs into its search index. Published
 *   after the write, so a replica never re-reads a document older than the event.
 * - song activity and public playlists are versioned per count and per playlist (a stale or
 *   repeated event changes nothing and returns what is stored), so each replica folds the events
 *   itself, as consumer `query-activity` does, and takes the stored result into its board and index.
 * Subscribed before the start-up rebuild (a live subscriber hears only what is published after
 * it subscribed); events wait at the gate until the rebuild is done. The replica is `caughtUp`
 * (and `/readyz` ready) only once the gate is open and every event that waited there is applied
 * (or failed, then retried as below): not while an index still misses a change it heard.
 *
 * What fails to apply here (the read model unreachable for a moment) is retried by the follower
 * itself, with backoff, until it is applied: the bus drops a live subscriber's event after a few
 * quick attempts (about 1.5 s), and this replica's index would otherwise keep a deleted or
 * unpublished song searchable — with its old stream URL — for as long as it runs, answering
 * differently from the other replicas. Songs are retried by id (re-read as they are then stored);
 * activity and playlist events as they came (both are versioned: a late one changes nothing newer).
 */
export class ReplicaFollower {
  /** Events handed to the follower before the gate opened and not yet applied (or failed). */
  private held = 0;
  /** Songs whose re-read failed, and other events that failed, waiting for the next retry. */
  private readonly pendingSongs = new Set<string>();
  private readonly pendingEvents = new Map<string, EventEnvelope>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retrying = false;
  private retryDelayMs: number;
  private stopped = false;

  constructor(
    private readonly writerId: string,
    private readonly gate: StartupGate,
    private readonly search: SearchService,
    private readonly activity: ActivityService,
    private readonly playlists: PlaylistSearch,
    private readonly logger: Logger,
    private readonly retry: ReplicaRetryOptions = {},
  ) {
    this.retryDelayMs = retry.firstDelayMs ?? 200;
  }

  /** Songs and events that failed here and are still to be applied (for /metrics and tests). */
  get pending(): number {
    return this.pendingSongs.size + this.pendingEvents.size;
  }

  /** Ends the retries (on shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** The rebuild is done and the events heard during it are applied. */
  get caughtUp(): boolean {
    return this.gate.isOpen && this.held === 0;
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (this.gate.isOpen) return this.apply(event);
    this.held += 1;
    try {
      await this.gate.passed();
      await this.apply(event);
    } finally {
      this.held -= 1;
    }
  }

  private async apply(event: EventEnvelope): Promise<void> {
    try {
      await this.applyOnce(event);
    } catch (error) {
      this.logger.warn(
        { err: error, type: event.type, aggregateId: event.aggregateId },
        'replica could not apply an event; it retries it itself',
      );
      this.remember(event);
      return;
    }
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId }, 'replica followed');
  }

  private async applyOnce(event: EventEnvelope): Promise<void> {
    if (isEvent(event, QuerySongsChanged)) {
      // The writer's own replica re-indexed them as it wrote.
      if (event.data.writerId !== this.writerId) await this.reindex(event.data.songIds);
    } else if (ACTIVITY.has(event.type)) {
      const changed = await this.activity.apply(event);
      if (changed) this.search.countsChanged(changed.songId, changed.counts);
    } else if (PLAYLISTS.has(event.type)) {
      await this.playlists.apply(event);
    }
  }

  /** Re-reads songs as stored now: whatever failed for them before is done too. */
  private async reindex(songIds: readonly string[]): Promise<void> {
    await this.search.reindex(songIds);
    for (const id of songIds) this.pendingSongs.delete(id);
  }

  private remember(event: EventEnvelope): void {
    if (isEvent(event, QuerySongsChanged)) {
      for (const id of event.data.songIds) this.pendingSongs.add(id);
    } else {
      this.pendingEvents.set(event.id, event);
      const max = this.retry.maxPendingEvents ?? 10_000;
      while (this.pendingEvents.size > max) {
        const [oldest] = this.pendingEvents.values();
        this.pendingEvents.delete(oldest!.id);
        this.logger.error(
          { type: oldest!.type, aggregateId: oldest!.aggregateId },
          'replica gave up an activity or playlist event (too many waiting for a retry)',
        );
      }
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer || this.retrying) return;
    this.retryTimer = setTimeout(() => void this.retryPending(), this.retryDelayMs);
    this.retryTimer.unref();
  }

  private async retryPending(): Promise<void> {
    this.retryTimer = undefined;
    this.retrying = true;
    try {
      if (this.pendingSongs.size) await this.reindex([...this.pendingSongs]);
      for (const [id, event] of this.pendingEvents) {
        await this.applyOnce(event);
        this.pendingEvents.delete(id);
      }
      this.retryDelayMs = this.retry.firstDelayMs ?? 200;
      this.logger.info('replica applied what had failed; its index is in step again');
    } catch (error) {
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.retry.maxDelayMs ?? 30_000);
      this.logger.warn(
        { err: error, pending: this.pending, nextRetryMs: this.retryDelayMs },
        'replica retry failed',
      );
    } finally {
      this.retrying = false;
    }
    if (this.pending) this.scheduleRetry();
  }

  /** One live subscriber per replica, strictly in log order (a song's counts in order too). */
  subscription(): SubscribeOptions {
    return {
      consumer: REPLICA_CONSUMER,
      types: [...REPLICA_FOLLOWED_TYPES],
      live: true,
      handler: (event) => this.handle(event),
    };
  }
}
