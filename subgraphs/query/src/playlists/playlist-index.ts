import MiniSearch from 'minisearch';
import type { PlaylistDocument } from '../read-model/documents';
import { compareRanked } from '../search/ranking';
import { tokenize, wordQuery } from '../search/query-plan';
import { MATCH_WEIGHTS } from '../search/word-terms';

interface IndexedPlaylist {
  id: string;
  name: string;
}

/**
 * Public playlists by name, in process (they are few next to songs), with the songs' word rules:
 * every word must match, typos forgiven by word length (transpositions count as one), the last
 * word as a prefix. Private and deleted playlists are never in it.
 */
export class PlaylistIndex {
  private readonly index = new MiniSearch<IndexedPlaylist>({
    fields: ['name'],
    storeFields: [],
    tokenize,
    processTerm: (term) => term.toLowerCase(),
    searchOptions: { weights: { ...MATCH_WEIGHTS } },
  });

  /** Adds, replaces or (when it is private or deleted) removes a playlist. */
  upsert(playlist: PlaylistDocument): void {
    if (this.index.has(playlist._id)) this.index.discard(playlist._id);
    if (playlist.deleted || playlist.visibility !== 'PUBLIC') return;
    this.index.add({ id: playlist._id, name: playlist.name });
  }

  /** Removes a playlist (found stale at query time: made private or deleted elsewhere). */
  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  /** The ids of the `limit` best matching playlists; an empty query matches none. */
  search(query: string, limit: number): string[] {
    const words = tokenize(query.toLowerCase());
    if (!words.length) return [];
    const results = this.index.search({
      combineWith: 'AND',
      queries: words.map((word, i) => wordQuery(word, i === words.length - 1)),
    });
    return results
      .map((result) => ({ id: result.id as string, score: result.score }))
      .sort(compareRanked)
      .slice(0, limit)
      .map((result) => result.id);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  size(): number {
    return this.index.documentCount;
  }
}
