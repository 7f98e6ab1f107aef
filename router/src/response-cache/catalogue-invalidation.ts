import {
  AlbumCreated,
  AlbumDeleted,
  AlbumUpdated,
  ArtistUpdated,
  CommentCreated,
  CommentDeleted,
  CommentHidden,
  CommentUnhidden,
  PlaylistDeleted,
  PlaylistUpdated,
  QuerySongsChanged,
  SongCreated,
  SongDeleted,
  SongUpdated,
  UserUpdated,
  type EventBus,
} from '@groovy/common/events';
import type { Logger } from '@groovy/common/logging';

/**
 * The events after which a cached public answer may be wrong: the catalogue (songs, albums,
 * artists, uploaders' names), the search read model (QUERY_SONGS_CHANGED: the query subgraph has
 * re-indexed), public playlists and comments. Likes and plays only move counts and rankings: those
 * answers are stale for at most their max-age.
 */
export const INVALIDATING_EVENT_TYPES: readonly string[] = [
  SongCreated,
  SongUpdated,
  SongDeleted,
  AlbumCreated,
  AlbumUpdated,
  AlbumDeleted,
  ArtistUpdated,
  UserUpdated,
  QuerySongsChanged,
  PlaylistUpdated,
  PlaylistDeleted,
  CommentCreated,
  CommentDeleted,
  CommentHidden,
  CommentUnhidden,
].map((definition) => definition.type);

/** A number in every response-cache key; bumping it makes every stored answer unreachable. */
export class CacheGeneration {
  private value = 0;

  current(): number {
    return this.value;
  }

  bump(): void {
    this.value += 1;
  }
}

export interface CatalogueInvalidation {
  stop(): Promise<void>;
}

/**
 * Listens to INVALIDATING_EVENT_TYPES as a live (per-instance) subscriber: each router replica
 * hears every event and bumps its own generation at once, and once more `settleMs` after the last
 * one, for what was cached in between from a subgraph replica that had not applied the event yet
 * (the query subgraph's other replicas re-index on QUERY_SONGS_CHANGED, as the router hears it).
 *
 * The bound: an answer is served from the cache at most its max-age after it was computed; a
 * change is visible once the event reaches this router (the bus's latency) and the subgraphs have
 * applied it within `settleMs`. While the bus is unreachable, only max-age bounds it.
 */
export async function invalidateOnCatalogueEvents(options: {
  bus: Pick<EventBus, 'subscribe'>;
  generation: CacheGeneration;
  settleMs: number;
  logger: Logger;
  onInvalidate?: (eventType: string) => void;
}): Promise<CatalogueInvalidation> {
  const { generation, settleMs } = options;
  let settle: NodeJS.Timeout | undefined;
  const subscription = await options.bus.subscribe({
    consumer: 'router',
    types: INVALIDATING_EVENT_TYPES,
    live: true,
    handler: async (event) => {
      generation.bump();
      options.onInvalidate?.(event.type);
      clearTimeout(settle);
      settle = setTimeout(() => generation.bump(), settleMs);
      settle.unref();
    },
  });
  options.logger.info(
    { types: INVALIDATING_EVENT_TYPES.length, settleMs },
    'response cache invalidated by catalogue events',
  );
  return {
    async stop() {
      clearTimeout(settle);
      await subscription.stop();
    },
  };
}
