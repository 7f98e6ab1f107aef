import {
  createEvent,
  QuerySongsChanged,
  type EventEnvelope,
  type SubscribeOptions,
} from '@groovy/common/events';
import type { BusPublisher, SubgraphDependencies } from '@groovy/common/subgraph';
import { ACTIVITY_EVENT_TYPES, countChangeOf } from '../activity/activity-events';
import type { ActivityService } from '../activity/activity.service';
import { SIGNAL_EVENT_TYPES, type ListenerSignals } from '../for-you/listener-signals';
import type { PlaylistSearch } from '../playlists/playlist-search';
import { PLAYLIST_EVENT_TYPES } from '../playlists/playlist-store';
import { KeyedLanes } from './keyed-lanes';
import { CATALOGUE_EVENT_TYPES, type ReadModel } from '../read-model/read-model';
import type { SearchService } from '../search/search.service';

type Logger = SubgraphDependencies['logger'];

export const CONSUMER = 'query';
/**
 * Plays, likes, comments and listener signals have their own consumer, so a burst of plays (3–4
 * round trips each) never delays a catalogue change or a playlist made private or deleted.
 */
export const ACTIVITY_CONSUMER = 'query-activity';
/**
 * Activity events handled at once by `query-activity`. The bus keeps each aggregate's events in
 * order, one at a time; only different aggregates overlap. Count events of one song are kept in
 * hand-over order here (per-song lanes: a count first seen above version 1 is bucketed as ±1, so
 * order matters for trending); signals are versioned per pair and plays a set.
 */
export const ACTIVITY_CONCURRENCY = 8;

/** The event types consumer `query` folds: the catalogue and playlists, one at a time. */
export const CATALOGUE_CONSUMED_TYPES: readonly string[] = [
  ...CATALOGUE_EVENT_TYPES,
  ...PLAYLIST_EVENT_TYPES,
];
/** The event types consumer `query-activity` folds: counts and listener signals. */
export const ACTIVITY_CONSUMED_TYPES: readonly string[] = [
  ...new Set([...ACTIVITY_EVENT_TYPES, ...SIGNAL_EVENT_TYPES]),
];
/** Every event type the query subgraph folds into its read model. */
export const CONSUMED_EVENT_TYPES: readonly string[] = [
  ...new Set([...CATALOGUE_CONSUMED_TYPES, ...ACTIVITY_CONSUMED_TYPES]),
];

const CATALOGUE = new Set<string>(CATALOGUE_EVENT_TYPES);
const ACTIVITY = new Set<string>(ACTIVITY_EVENT_TYPES);
const PLAYLISTS = new Set<string>(PLAYLIST_EVENT_TYPES);
const SIGNALS = new Set<string>(SIGNAL_EVENT_TYPES);

/**
 * Keeps the read model and its in-process indexes up to date: the catalogue (songs events) with
 * the search index, song activity (plays, likes, comments) with trending and the search blend,
 * public playlists with their index, and each listener's signals for "For you". Every part is
 * idempotent on its own (versions, count versions, sets), so a redelivered event changes nothing.
 */
export class ReadModelConsumer {
  constructor(
    private readonly readModel: ReadModel,
    private readonly search: SearchService,
    private readonly activity: ActivityService,
    private readonly playlists: PlaylistSearch,
    private readonly signals: ListenerSignals,
    private readonly logger: Logger,
    /** Tells every replica which songs the read model changed (see ReplicaFollower). */
    private readonly publisher: Pick<BusPublisher, 'publish'>,
    /** This replica, named in what it publishes (it re-indexes its own index as it writes). */
    private readonly writerId: string,
  ) {}

  private readonly songLanes = new KeyedLanes();

  async handle(event: EventEnvelope): Promise<void> {
    if (CATALOGUE.has(event.type)) {
      const changed = await this.readModel.apply(event);
      await this.search.reindex(changed);
      // After the write: a replica hearing it re-reads documents at least as new as this event.
      // Should this process die before publishing, the event is not acknowledged: redelivered,
      // it publishes again (a song event returns its song even when it changes nothing).
      if (changed.length) {
        await this.publisher.publish([
          createEvent({
            type: QuerySongsChanged.type,
            version: QuerySongsChanged.version,
            producer: QuerySongsChanged.producer,
            aggregateId: event.aggregateId,
            aggregateVersion: event.aggregateVersion,
            data: { songIds: changed, writerId: this.writerId },
          }),
        ]);
      }
    }
    if (ACTIVITY.has(event.type)) {
      // One song's count events in the order the bus handed them over (each play is its own
      // aggregate, so the bus alone would let them overtake each other).
      const songId = countChangeOf(event)?.songId;
      if (songId) {
        const changed = await this.songLanes.run(songId, () => this.activity.apply(event));
        if (changed) this.search.countsChanged(changed.songId, changed.counts);
      }
    }
    if (PLAYLISTS.has(event.type)) await this.playlists.apply(event);
    if (SIGNALS.has(event.type)) await this.signals.apply(event);
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId }, 'event applied');
  }

  /**
   * The subscriptions startSubgraph makes on the bus: `query` (catalogue and playlists, strictly
   * in order: a song event reads its album's document) and `query-activity` (counts and signals,
   * several aggregates at once). `handle` folds any consumed event, whichever lane brings it.
   */
  subscriptions(): SubscribeOptions[] {
    return [
      {
        consumer: CONSUMER,
        types: [...CATALOGUE_CONSUMED_TYPES],
        handler: (event) => this.handle(event),
      },
      {
        consumer: ACTIVITY_CONSUMER,
        types: [...ACTIVITY_CONSUMED_TYPES],
        concurrency: ACTIVITY_CONCURRENCY,
        handler: (event) => this.handle(event),
      },
    ];
  }
}
