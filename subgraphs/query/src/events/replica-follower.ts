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
 * (or failed, to be redelivered as any other): not while an index still misses a change it heard.
 */
export class ReplicaFollower {
  /** Events handed to the follower before the gate opened and not yet applied (or failed). */
  private held = 0;

  constructor(
    private readonly writerId: string,
    private readonly gate: StartupGate,
    private readonly search: SearchService,
    private readonly activity: ActivityService,
    private readonly playlists: PlaylistSearch,
    private readonly logger: Logger,
  ) {}

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
    if (isEvent(event, QuerySongsChanged)) {
      // The writer's own replica re-indexed them as it wrote.
      if (event.data.writerId !== this.writerId) await this.search.reindex(event.data.songIds);
    } else if (ACTIVITY.has(event.type)) {
      const changed = await this.activity.apply(event);
      if (changed) this.search.countsChanged(changed.songId, changed.counts);
    } else if (PLAYLISTS.has(event.type)) {
      await this.playlists.apply(event);
    }
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId }, 'replica followed');
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
