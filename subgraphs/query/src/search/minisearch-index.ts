import {
  mediaOf,
  type SongCounts,
  type SongDocument,
  type SongMedia,
} from '../read-model/documents';
import { BM25_PARAMS, CandidateScoringMiniSearch, type WordScore } from './candidate-scoring';
import type { DerivedTerm } from './word-terms';
import { FacetCounter } from './facet-counter';
import { FilterSets, type SongIdSet } from './filter-sets';
import { mark } from './highlight';
import { planWords, sourceTerms, tokenize, wordQuery } from './query-plan';
import { MATCH_WEIGHTS } from './word-terms';
import { BestPerKey, blendScore, popularityFactor, TopRanked } from './ranking';
import type {
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
  /** The genre as a searchable field ('' without one); `genre` is the facet and filter value. */
  genreText: string;
  tags: string;
  artistId: string;
  albumId: string | null;
  genre: string | null;
  year: number;
  durationMs: number | null;
  media: SongMedia;
  /** `year` as its facet value. */
  yearKey: string;
  createdAt: number;
  /** See `popularityFactor`: computed when the song changes rather than on every search. */
  popularity: number;
  /** Per field, its distinct words as indexed (tokenized, lower-cased), for `scoreCandidates`. */
  words: Record<(typeof FIELDS)[number], string[]>;
}

const FIELDS = ['title', 'artist', 'album', 'genre', 'tags'] as const;
type Field = (typeof FIELDS)[number];

/** Field weights: a title match counts most, then the artist, the album, the genre and tags. */
export const FIELD_BOOSTS = { title: 4, artist: 3, album: 2, genre: 1, tags: 1 } as const;

/** A song's text in one indexed field. */
function fieldText(song: IndexedSong, field: Field): string {
  return field === 'genre' ? song.genreText : song[field];
}

/** How many albums and artists a search reports, and values per facet (the most relevant ones). */
export const RELATED_LIMIT = 50;
export const FACET_VALUE_LIMIT = 20;

export interface MiniSearchIndexOptions {
  /**
   * `lean` (the default) scores with `CandidateScoringMiniSearch`'s executors; `minisearch` runs
   * MiniSearch's own query executor for every word: slower, the reference the tests compare with.
   */
  scoring?: 'lean' | 'minisearch';
  /**
   * Up to this many candidate songs (those the earlier words matched, or a filter's), a word is
   * scored document at a time over their own words; beyond, over the postings.
   */
  fewCandidates?: number;
}

/** MiniSearch (like `scorePostings`) gives every source term of a word one bit; at most 32. */
const MAX_LEAN_SOURCES = 32;

interface PageEntry {
  id: string;
  score: number;
  song: IndexedSong;
}

/** A field's distinct words as the index holds them: tokenized, then lower-cased term by term. */
function indexedWords(text: string): string[] {
  return [...new Set(tokenize(text).map((term) => term.toLowerCase()))];
}

/** MiniSearch (in-process, fuzzy, prefix, per-field boosts): see the README for why. */
export class MiniSearchIndex implements SearchIndex {
  private readonly index = new CandidateScoringMiniSearch<IndexedSong>(
    {
      fields: [...FIELDS],
      storeFields: [],
      tokenize,
      extractField: (song, field) => fieldText(song, field as Field),
      processTerm: (term) => term.toLowerCase(),
      searchOptions: {
        boost: { ...FIELD_BOOSTS },
        weights: { ...MATCH_WEIGHTS },
        bm25: { ...BM25_PARAMS },
      },
    },
    FIELD_BOOSTS,
  );
  private readonly songs = new Map<string, IndexedSong>();
  private readonly filters = new FilterSets();
  private readonly fewCandidates: number;
  private readonly scoring: 'lean' | 'minisearch';

  constructor(options: MiniSearchIndexOptions = {}) {
    this.fewCandidates = options.fewCandidates ?? 2_000;
    this.scoring = options.scoring ?? 'lean';
  }

  upsert(song: SongDocument, counts?: Pick<SongCounts, 'plays' | 'likes'>): void {
    if (song.deleted || song.status !== 'READY') {
      this.remove(song._id);
      return;
    }
    const indexed: IndexedSong = {
      id: song._id,
      title: song.title,
      artist: song.artist.name,
      album: song.album?.title ?? '',
      genreText: song.genre ?? '',
      tags: song.tags.join(' '),
      artistId: song.artist.id,
      albumId: song.album?.id ?? null,
      genre: song.genre,
      year: song.year,
      durationMs: song.durationMs,
      media: mediaOf(song),
      yearKey: String(song.year),
      createdAt: song.createdAt.getTime(),
      popularity: popularityFactor(counts?.plays ?? 0, counts?.likes ?? 0),
      words: { title: [], artist: [], album: [], genre: [], tags: [] },
    };
    const previous = this.songs.get(song._id);
    if (previous) this.filters.remove(previous);
    if (
      previous &&
      FIELDS.every((field) => fieldText(previous, field) === fieldText(indexed, field))
    ) {
      // Same words (e.g. only plays or likes changed): its postings stay as they are.
      indexed.words = previous.words;
    } else {
      for (const field of FIELDS) indexed.words[field] = indexedWords(fieldText(indexed, field));
      // `remove` with the document as added takes its postings out at once (`replace`/`discard`
      // leave them for a later vacuum, and document frequencies would count them meanwhile).
      if (previous) this.index.remove(previous);
      this.index.add(indexed);
    }
    this.songs.set(song._id, indexed);
    this.filters.add(indexed);
  }

  setCounts(id: string, counts: Pick<SongCounts, 'plays' | 'likes'>): void {
    const song = this.songs.get(id);
    if (song) song.popularity = popularityFactor(counts.plays, counts.likes);
  }

  has(id: string): boolean {
    return this.songs.has(id);
  }

  remove(id: string): void {
    const song = this.songs.get(id);
    if (!song) return;
    this.index.remove(song);
    this.songs.delete(id);
    this.filters.remove(song);
  }

  size(): number {
    return this.songs.size;
  }

  /**
   * One pass over the matches blends each score and feeds the page, the facets and the
   * album/artist rankings at once; only the page's entries are kept as objects.
   */
  search(query: string, filter: SearchFilter, paging: Paging, now = new Date()): SearchResult {
    const nowMs = now.getTime();
    const page = new TopRanked<PageEntry>(paging.offset + paging.limit);
    const facets = new FacetCounter();
    const albums = new BestPerKey();
    const artists = new BestPerKey();
    let totalCount = 0;
    const { matches, terms } = this.match(tokenize(query.toLowerCase()), filter);
    for (const [id, relevance] of matches) {
      const song = this.songs.get(id)!;
      const score = blendScore(relevance, song, nowMs);
      totalCount += 1;
      if (page.admits({ id, score })) page.offer({ id, score, song });
      facets.add(song);
      albums.offer(song.albumId, score, id);
      artists.offer(song.artistId, score, id);
    }
    const hits: SearchHit[] = page
      .sorted()
      .slice(paging.offset)
      .map(({ song, score }) => ({
        id: song.id,
        score: Math.round(score * 1e6) / 1e6,
        highlights: this.highlights(song, terms),
        song: {
          title: song.title,
          durationMs: song.durationMs,
          media: song.media,
          artist: { id: song.artistId, name: song.artist },
          album: song.albumId ? { id: song.albumId, title: song.album } : null,
        },
      }));
    return {
      hits,
      totalCount,
      facets: facets.facets(FACET_VALUE_LIMIT),
      albumIds: albums.top(RELATED_LIMIT),
      artistIds: artists.top(RELATED_LIMIT),
    };
  }

  /**
   * The songs matching every word and the filter, with their relevance (no words: every song
   * passing the filter, relevance 1), and the index terms each word matches. The words run one at
   * a time in `planWords` order: the first over the whole index (or only the filtered songs), each
   * later one only among the songs the earlier ones matched; per-word scores are summed, as
   * MiniSearch's AND does.
   */
  private match(
    words: readonly string[],
    filter: SearchFilter,
  ): { matches: Map<string, number>; terms: Map<string, DerivedTerm>[] } {
    const filtered = this.filters.matching(filter);
    const matches = new Map<string, number>();
    if (!words.length) {
      for (const id of (filtered ?? this.songs).keys()) matches.set(id, 1);
      return { matches, terms: [] };
    }
    const terms: Map<string, DerivedTerm>[] = [];
    let matched: Map<string, number> | null = null;
    for (const { word, prefix } of planWords(words)) {
      const wordTerms = this.index.termsOf(word, prefix);
      terms.push(wordTerms);
      const among: SongIdSet | null = matched ?? filtered;
      const next = new Map<string, number>();
      for (const { id, relevance } of this.scoreWord(word, prefix, wordTerms, among)) {
        next.set(id, (matched?.get(id) ?? 0) + relevance);
      }
      matched = next;
      if (!matched.size) break;
    }
    return { matches: matched ?? matches, terms };
  }

  /** One word's score for every song it matches among `among` (everywhere when null). */
  private scoreWord(
    word: string,
    prefix: boolean,
    terms: ReadonlyMap<string, DerivedTerm>,
    among: SongIdSet | null,
  ): WordScore[] {
    if (this.scoring === 'minisearch' || sourceTerms(word, prefix).length > MAX_LEAN_SOURCES) {
      return this.index
        .search(wordQuery(word, prefix), {
          boostDocument: among ? (id: string) => (among.has(id) ? 1 : 0) : undefined,
        })
        .map((result) => ({ id: result.id as string, relevance: result.score }));
    }
    if (!terms.size) return [];
    if (among && among.size <= this.fewCandidates) {
      const songs: { id: string; words: IndexedSong['words'] }[] = [];
      for (const id of among.keys()) songs.push(this.songs.get(id)!);
      return this.index.scoreCandidates(songs, terms);
    }
    return this.index.scorePostings(terms, among);
  }

  /** Per matched field, its text with the words any query word matched there marked. */
  private highlights(
    song: IndexedSong,
    terms: readonly ReadonlyMap<string, DerivedTerm>[],
  ): Highlight[] {
    const highlights: Highlight[] = [];
    for (const field of FIELDS) {
      const matched = new Set(
        song.words[field].filter((word) => terms.some((map) => map.has(word))),
      );
      if (matched.size) highlights.push({ field, snippet: mark(fieldText(song, field), matched) });
    }
    return highlights;
  }
}
