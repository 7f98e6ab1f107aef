import type { SearchFilter } from './search-index';

/** What a song is filtered by. */
export interface FilterableSong {
  id: string;
  genre: string | null;
  year: number;
  artistId: string;
}

/** The ids of a set of songs, as a search needs them: membership, iteration and size. */
export interface SongIdSet {
  readonly size: number;
  has(id: string): boolean;
  keys(): Iterable<string>;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Song ids per genre, per year and per artist, kept with the index, so a filtered search knows
 * its candidates without looking at every song (and scores them directly when they are few).
 */
export class FilterSets {
  private readonly byGenre = new Map<string, Set<string>>();
  private readonly byYear = new Map<number, Set<string>>();
  private readonly byArtist = new Map<string, Set<string>>();

  add(song: FilterableSong): void {
    if (song.genre != null) FilterSets.put(this.byGenre, song.genre, song.id);
    FilterSets.put(this.byYear, song.year, song.id);
    FilterSets.put(this.byArtist, song.artistId, song.id);
  }

  remove(song: FilterableSong): void {
    if (song.genre != null) FilterSets.drop(this.byGenre, song.genre, song.id);
    FilterSets.drop(this.byYear, song.year, song.id);
    FilterSets.drop(this.byArtist, song.artistId, song.id);
  }

  /** The songs passing every part of the filter; null when the filter is empty. */
  matching(filter: SearchFilter): SongIdSet | null {
    const sets: ReadonlySet<string>[] = [];
    if (filter.genre != null) sets.push(this.byGenre.get(filter.genre) ?? EMPTY);
    if (filter.year != null) sets.push(this.byYear.get(filter.year) ?? EMPTY);
    if (filter.artistId != null) sets.push(this.byArtist.get(filter.artistId) ?? EMPTY);
    if (!sets.length) return null;
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets as [ReadonlySet<string>, ...ReadonlySet<string>[]];
    if (!others.length) return smallest;
    const both = new Set<string>();
    for (const id of smallest) if (others.every((set) => set.has(id))) both.add(id);
    return both;
  }

  private static put<K>(map: Map<K, Set<string>>, key: K, id: string): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(id);
  }

  private static drop<K>(map: Map<K, Set<string>>, key: K, id: string): void {
    const set = map.get(key);
    if (!set) return;
    set.delete(id);
    if (!set.size) map.delete(key);
  }
}
