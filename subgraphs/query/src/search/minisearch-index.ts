import MiniSearch, { type Query, type SearchResult as MiniSearchResult } from 'minisearch';
import type { SongDocument } from '../read-model/documents';
import type {
  Facet,
  FacetValue,
  Highlight,
  Paging,
  SearchFilter,
  SearchHit,
  SearchIndex,
  SearchResult,
} from './search-index';

interface IndexedSong {
  id: string;
  title: string;
  artist: string;
  album: string;
  tags: string;
  artistId: string;
  albumId: string | null;
  genre: string | null;
  year: number;
  createdAt: number;
  plays: number;
  likes: number;
}

const FIELDS = ['title', 'artist', 'album', 'tags'] as const;

/** Field weights: a title match counts most, then the artist, the album, the tags. */
export const FIELD_BOOSTS = { title: 4, artist: 3, album: 2, tags: 1 } as const;

/** Edits forgiven for a query word: none below 4 letters, one from 4, two from 8. */
export function allowedEdits(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/** Every word with two neighbouring letters swapped (a swap counts as one typo). */
function transpositions(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i + 1 < word.length; i += 1) {
    if (word[i] === word[i + 1]) continue;
    variants.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...variants];
}

/**
 * Every word must match (AND). A word matches with the edits `allowedEdits` forgives (MiniSearch
 * counts Levenshtein edits, so a swap of neighbouring letters, one typo to a reader, is tried as
 * its own variant with one edit fewer); the last word also matches as a prefix (as-you-type).
 */
function queryTree(words: string[]): Query {
  return {
    combineWith: 'AND',
    queries: words.map((word, index) => {
      const prefix = index === words.length - 1;
      const edits = allowedEdits(word);
      // MiniSearch reads a fuzzy value >= 1 as a number of edits (below 1, as a fraction of the length).
      const exact: Query = { queries: [word], fuzzy: edits === 0 ? false : edits, prefix };
      if (edits === 0) return exact;
      return {
        combineWith: 'OR',
        queries: [
          exact,
          ...transpositions(word).map((variant) => ({
            queries: [variant],
            fuzzy: edits - 1 === 0 ? false : edits - 1,
            prefix,
          })),
        ],
      };
    }),
  };
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Relevance blended with popularity and recency:
 *   score = relevance × (1 + 0.1·ln(1 + plays + 2·likes)) × (1 + 0.2·e^(−ageDays/30))
 * Popularity and recency nudge the order among similar matches; they never outweigh a better
 * match (a fresh song gains at most 20 %; a thousand plays about 70 %).
 */
export function blendScore(relevance: number, song: IndexedSong, now: number): number {
  const popularity = 1 + 0.1 * Math.log1p(song.plays + 2 * song.likes);
  const ageDays = Math.max(0, now - song.createdAt) / DAY_MS;
  const recency = 1 + 0.2 * Math.exp(-ageDays / 30);
  return relevance * popularity * recency;
}

function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The field's text with every word whose lower-cased form is a matched term wrapped in <em>. */
function mark(text: string, terms: ReadonlySet<string>): string {
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) =>
      i % 2 === 1 && terms.has(part.toLowerCase())
        ? `<em>${escapeHtml(part)}</em>`
        : escapeHtml(part),
    )
    .join('');
}

/** MiniSearch (in-process, fuzzy, prefix, per-field boosts): see the README for why. */
export class MiniSearchIndex implements SearchIndex {
  private readonly index = new MiniSearch<IndexedSong>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize,
    processTerm: (term) => term.toLowerCase(),
  });
  private readonly songs = new Map<string, IndexedSong>();

  upsert(song: SongDocument): void {
    if (song.deleted || song.status !== 'READY') {
      this.remove(song._id);
      return;
    }
    const indexed: IndexedSong = {
      id: song._id,
      title: song.title,
      artist: song.artist.name,
      album: song.album?.title ?? '',
      tags: song.tags.join(' '),
      artistId: song.artist.id,
      albumId: song.album?.id ?? null,
      genre: song.genre,
      year: song.year,
      createdAt: song.createdAt.getTime(),
      plays: song.plays,
      likes: song.likes,
    };
    if (this.songs.has(song._id)) this.index.replace(indexed);
    else this.index.add(indexed);
    this.songs.set(song._id, indexed);
  }

  remove(id: string): void {
    if (!this.songs.has(id)) return;
    this.index.discard(id);
    this.songs.delete(id);
  }

  size(): number {
    return this.songs.size;
  }

  search(query: string, filter: SearchFilter, paging: Paging, now = new Date()): SearchResult {
    const matches = (field: IndexedSong) =>
      (filter.genre == null || field.genre === filter.genre) &&
      (filter.year == null || field.year === filter.year) &&
      (filter.artistId == null || field.artistId === filter.artistId);
    const words = tokenize(query.toLowerCase());
    const raw: MiniSearchResult[] = this.index.search(
      words.length ? queryTree(words) : MiniSearch.wildcard,
      {
        boost: { ...FIELD_BOOSTS },
        filter: (result) => matches(this.songs.get(result.id as string)!),
      },
    );
    const nowMs = now.getTime();
    const scored = raw
      .map((result) => {
        const song = this.songs.get(result.id as string)!;
        return { result, song, score: blendScore(words.length ? result.score : 1, song, nowMs) };
      })
      .sort(
        (a, b) => b.score - a.score || (a.song.id < b.song.id ? -1 : a.song.id > b.song.id ? 1 : 0),
      );

    const page = scored.slice(paging.offset, paging.offset + paging.limit);
    const hits: SearchHit[] = page.map(({ result, song, score }) => ({
      id: song.id,
      score: Math.round(score * 1e6) / 1e6,
      highlights: this.highlights(result, song),
    }));
    const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => !!id))];
    return {
      hits,
      totalCount: scored.length,
      facets: this.facets(scored.map((entry) => entry.song)),
      albumIds: unique(scored.map((entry) => entry.song.albumId)),
      artistIds: unique(scored.map((entry) => entry.song.artistId)),
    };
  }

  private highlights(result: MiniSearchResult, song: IndexedSong): Highlight[] {
    const termsByField = new Map<string, Set<string>>();
    for (const [term, fields] of Object.entries(result.match)) {
      for (const field of fields) {
        const set = termsByField.get(field) ?? new Set<string>();
        set.add(term);
        termsByField.set(field, set);
      }
    }
    return FIELDS.filter((field) => termsByField.has(field)).map((field) => ({
      field,
      snippet: mark(song[field], termsByField.get(field)!),
    }));
  }

  private facets(songs: IndexedSong[]): Facet[] {
    const count = (key: (song: IndexedSong) => [string, string] | null): FacetValue[] => {
      const counts = new Map<string, FacetValue>();
      for (const song of songs) {
        const entry = key(song);
        if (!entry) continue;
        const existing = counts.get(entry[0]);
        if (existing) existing.count += 1;
        else counts.set(entry[0], { value: entry[0], label: entry[1], count: 1 });
      }
      return [...counts.values()].sort(
        (a, b) => b.count - a.count || a.value.localeCompare(b.value),
      );
    };
    return [
      { name: 'genre', values: count((song) => (song.genre ? [song.genre, song.genre] : null)) },
      { name: 'year', values: count((song) => [String(song.year), String(song.year)]) },
      { name: 'artist', values: count((song) => [song.artistId, song.artist]) },
    ];
  }
}
