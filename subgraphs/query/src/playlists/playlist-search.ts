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

  /** The ids of the best matching public playlists (`first`: 1 to 50, default 20). */
  search(query: string, first: number | null | undefined): string[] {
    return this.index.search(query, validateFirst(first));
  }
}
