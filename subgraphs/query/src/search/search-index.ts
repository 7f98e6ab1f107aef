import type { SongCounts, SongDocument, SongMedia } from '../read-model/documents';

export interface SearchFilter {
  genre?: string | null;
  year?: number | null;
  artistId?: string | null;
}

export interface Paging {
  offset: number;
  limit: number;
}

export interface Highlight {
  /** Which field matched: `title`, `artist`, `album`, `genre` or `tags`. */
  field: string;
  /** The field's text, HTML-escaped, with the matched words wrapped in `<em>…</em>`. */
  snippet: string;
}

/** What the index holds of a READY song: enough to answer a result list without another read. */
export interface SongSummary {
  title: string;
  durationMs: number | null;
  artist: { id: string; name: string };
  album: { id: string; title: string } | null;
  /** Cover, stream and loudness, so a result list needs no read either. */
  media: SongMedia;
}

export interface SearchHit {
  id: string;
  score: number;
  highlights: Highlight[];
  song: SongSummary;
}

export interface FacetValue {
  value: string;
  /** For the `artist` facet, the artist's name (`value` is its id). */
  label: string;
  count: number;
}

export interface Facet {
  name: 'genre' | 'year' | 'artist';
  values: FacetValue[];
}

export interface SearchResult {
  hits: SearchHit[];
  totalCount: number;
  /** Counted over every match of the query and filter (not only the page); the 20 most frequent values per facet. */
  facets: Facet[];
  /** Albums and artists of the matching songs, best first (the 50 best: the most a page may ask). */
  albumIds: string[];
  artistIds: string[];
}

/**
 * The search engine as the query subgraph needs it. The in-process MiniSearch implementation is
 * the default; a distributed engine (Atlas Search, OpenSearch) can implement the same interface.
 */
export interface SearchIndex {
  /**
   * Adds or replaces a song; a song that is not READY (or is deleted) is removed instead. `counts`
   * (plays and likes) nudge its rank among similar matches.
   */
  upsert(song: SongDocument, counts?: Pick<SongCounts, 'plays' | 'likes'>): void;
  /** A song's plays or likes changed (nothing happens for a song the index does not hold). */
  setCounts(id: string, counts: Pick<SongCounts, 'plays' | 'likes'>): void;
  /** Whether the index holds the song, i.e. it is READY and not deleted. */
  has(id: string): boolean;
  remove(id: string): void;
  search(query: string, filter: SearchFilter, paging: Paging, now?: Date): SearchResult;
  size(): number;
}
