import type { EventEnvelope, SubscribeOptions } from '@groovy/common/events';
import type { SubgraphDependencies } from '@groovy/common/subgraph';
import { ACTIVITY_EVENT_TYPES } from '../activity/activity-events';
import type { ActivityService } from '../activity/activity.service';
import { SIGNAL_EVENT_TYPES, type ListenerSignals } from '../for-you/listener-signals';
import type { PlaylistSearch } from '../playlists/playlist-search';
import { PLAYLIST_EVENT_TYPES } from '../playlists/playlist-store';
import { CATALOGUE_EVENT_TYPES, type ReadModel } from '../read-model/read-model';
import type { SearchService } from '../search/search.service';

type Logger = SubgraphDependencies['logger'];

export const CONSUMER = 'query';

/** Every event type the query subgraph folds into its read model. */
export const CONSUMED_EVENT_TYPES: readonly string[] = [
  ...new Set([
    ...CATALOGUE_EVENT_TYPES,
    ...ACTIVITY_EVENT_TYPES,
    ...PLAYLIST_EVENT_TYPES,
    ...SIGNAL_EVENT_TYPES,
  ]),
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
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (CATALOGUE.has(event.type)) {
      const changed = await this.readModel.apply(event);
      await this.search.reindex(changed);
    }
    if (ACTIVITY.has(event.type)) {
      const changed = await this.activity.apply(event);
      if (changed) this.search.countsChanged(changed.songId, changed.counts);
    }
    if (PLAYLISTS.has(event.type)) await this.playlists.apply(event);
    if (SIGNALS.has(event.type)) await this.signals.apply(event);
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId }, 'event applied');
  }

  /** The subscription startSubgraph makes on the bus. */
  subscription(): SubscribeOptions {
    return {
      consumer: CONSUMER,
      types: [...CONSUMED_EVENT_TYPES],
      handler: (event) => this.handle(event),
    };
  }
}
