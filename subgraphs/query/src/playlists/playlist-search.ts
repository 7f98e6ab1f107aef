import type { EventEnvelope } from '@groovy/common/events';
import { validateFirst } from '../search/search.service';
import { PlaylistIndex } from './playlist-index';
import type { PlaylistStore } from './playlist-store';

/** Public playlists findable by name: the stored playlists and their in-process index. */
export class PlaylistSearch {
  private readonly index = new PlaylistIndex();

  constructor(private readonly store: PlaylistStore) {}

  /** Loads every public playlist (at start-up). */
  async rebuildIndex(): Promise<number> {
    for await (const playlist of this.store.findSearchable()) this.index.upsert(playlist);
    return this.index.size();
  }

  async apply(event: EventEnvelope): Promise<void> {
    const playlist = await this.store.apply(event);
    if (playlist) this.index.upsert(playlist);
  }

  /** Whether this instance's index holds the playlist (for tests and diagnostics). */
  indexHolds(id: string): boolean {
    return this.index.has(id);
  }

  /**
   * The ids of the best matching public playlists (`first`: 1 to 50, default 20). The in-process
   * index is only updated by the instance that consumed the event, so the hits are checked against
   * the stored playlists (one batched read of at most 50 ids): those no longer PUBLIC or deleted are
   * left out and dropped from this instance's index.
   */
  async search(query: string, first: number | null | undefined): Promise<string[]> {
    const hits = this.index.search(query, validateFirst(first));
    if (!hits.length) return hits;
    const searchable = await this.store.searchableAmong(hits);
    const stale = hits.filter((id) => !searchable.has(id));
    for (const id of stale) this.index.remove(id);
    return stale.length ? hits.filter((id) => searchable.has(id)) : hits;
  }
}
