import { TopK } from './ranking';
import type { Facet, FacetValue } from './search-index';

/** The values a song contributes to the facets. */
export interface FacetedSong {
  genre: string | null;
  yearKey: string;
  artistId: string;
  artist: string;
}

function byCountThenValue(a: FacetValue, b: FacetValue): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** The `limit` most frequent values, ties by value. */
function mostFrequent(counts: Map<string, FacetValue>, limit: number): FacetValue[] {
  const top = new TopK<FacetValue>(limit, byCountThenValue);
  for (const value of counts.values()) top.offer(value);
  return [...top.sorted()];
}

/** Counts genre, year and artist over every match of a search (not only the page shown). */
export class FacetCounter {
  private readonly genres = new Map<string, FacetValue>();
  private readonly years = new Map<string, FacetValue>();
  private readonly artists = new Map<string, FacetValue>();

  add(song: FacetedSong): void {
    if (song.genre) FacetCounter.increment(this.genres, song.genre, song.genre);
    FacetCounter.increment(this.years, song.yearKey, song.yearKey);
    FacetCounter.increment(this.artists, song.artistId, song.artist);
  }

  /** Each facet's `limit` most frequent values. */
  facets(limit: number): Facet[] {
    return [
      { name: 'genre', values: mostFrequent(this.genres, limit) },
      { name: 'year', values: mostFrequent(this.years, limit) },
      { name: 'artist', values: mostFrequent(this.artists, limit) },
    ];
  }

  private static increment(counts: Map<string, FacetValue>, value: string, label: string): void {
    const existing = counts.get(value);
    if (existing) existing.count += 1;
    else counts.set(value, { value, label, count: 1 });
  }
}
