import type { SongDocument } from '../read-model/documents';
import { BM25_PARAMS, CandidateScoringMiniSearch, type WordScore } from './candidate-scoring';
import { FacetCounter } from './facet-counter';
import { FilterSets, type SongIdSet } from './filter-sets';
import { mark } from './highlight';
import { planWords, tokenize, wordQuery } from './query-plan';
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
  tags: string;
  artistId: string;
  albumId: string | null;
  genre: string | null;
  year: number;
  /** `year` as its facet value. */
  yearKey: string;
  createdAt: number;
  /** See `popularityFactor`: computed when the song changes rather than on every search. */
  popularity: number;
  /** Per field, its distinct words as indexed (tokenized, lower-cased), for `scoreCandidates`. */
  words: Record<(typeof FIELDS)[number], string[]>;
}

const FIELDS = ['title', 'artist', 'album', 'tags'] as const;

/** Field weights: a title match counts most, then the artist, the album, the tags. */
export const FIELD_BOOSTS = { title: 4, artist: 3, album: 2, tags: 1 } as const;

/** How many albums and artists a search reports, and values per facet (the most relevant ones). */
export const RELATED_LIMIT = 50;
export const FACET_VALUE_LIMIT = 20;

/** A song matching every word of a query so far. */
interface WordMatch {
  id: string;
  /** MiniSearch's scores summed over the words (what its own AND combination does). */
  relevance: number;
  /** Per word, MiniSearch's matched index terms → the fields they matched in. */
  terms: Record<string, string[]>[];
}

export interface MiniSearchIndexOptions {
  /**
   * Up to this many candidate songs, a later word is scored through the terms those songs contain
   * (see `scoreAmong`); beyond, through the word's own query. Both give the same scores.
   */
  fewCandidates?: number;
}

interface PageEntry {
  id: string;
  score: number;
  song: IndexedSong;
  match: WordMatch;
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

  constructor(options: MiniSearchIndexOptions = {}) {
    this.fewCandidates = options.fewCandidates ?? 2_000;
  }

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
      yearKey: String(song.year),
      createdAt: song.createdAt.getTime(),
      popularity: popularityFactor(song.plays, song.likes),
      words: { title: [], artist: [], album: [], tags: [] },
    };
    for (const field of FIELDS) indexed.words[field] = indexedWords(indexed[field]);
    const previous = this.songs.get(song._id);
    if (previous) {
      this.index.replace(indexed);
      this.filters.remove(previous);
    } else this.index.add(indexed);
    this.songs.set(song._id, indexed);
    this.filters.add(indexed);
  }

  remove(id: string): void {
    const song = this.songs.get(id);
    if (!song) return;
    this.index.discard(id);
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
    for (const match of this.match(tokenize(query.toLowerCase()), filter)) {
      const song = this.songs.get(match.id)!;
      const score = blendScore(match.relevance, song, nowMs);
      totalCount += 1;
      const ranked = { id: match.id, score };
      if (page.admits(ranked)) page.offer({ id: match.id, score, song, match });
      facets.add(song);
      albums.offer(song.albumId, score, song.id);
      artists.offer(song.artistId, score, song.id);
    }
    const hits: SearchHit[] = page
      .sorted()
      .slice(paging.offset)
      .map(({ song, match, score }) => ({
        id: song.id,
        score: Math.round(score * 1e6) / 1e6,
        highlights: this.highlights(match.terms, song),
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
   * The songs matching every word and the filter (no words: every song passing the filter, with
   * relevance 1). The words run one at a time in `planWords` order; the first over the whole index
   * (or only the filtered songs, when they are few), each later one only among the songs the
   * earlier ones matched (`scoreAmong`).
   */
  private match(words: readonly string[], filter: SearchFilter): Iterable<WordMatch> {
    const filtered = this.filters.matching(filter);
    if (!words.length) {
      const all: WordMatch[] = [];
      for (const id of (filtered ?? this.songs).keys()) all.push({ id, relevance: 1, terms: [] });
      return all;
    }
    let matched: Map<string, WordMatch> | null = null;
    for (const { word, prefix } of planWords(words)) {
      const among = matched ?? (filtered && filtered.size <= this.fewCandidates ? filtered : null);
      const results = among
        ? this.scoreAmong(word, prefix, among)
        : this.scoreEverywhere(word, prefix, filtered);
      const next = new Map<string, WordMatch>();
      for (const { id, relevance, terms } of results) {
        const before = matched?.get(id);
        if (before) {
          before.relevance += relevance;
          before.terms.push(terms);
          next.set(id, before);
        } else {
          next.set(id, { id, relevance, terms: [terms] });
        }
      }
      matched = next;
      if (!matched.size) break;
    }
    return matched?.values() ?? [];
  }

  /** A word over the whole index (or only the songs passing the filter). */
  private scoreEverywhere(word: string, prefix: boolean, filtered: SongIdSet | null): WordScore[] {
    return this.index
      .search(wordQuery(word, prefix), {
        boostDocument: filtered ? (id: string) => (filtered.has(id) ? 1 : 0) : undefined,
      })
      .map((result) => ({ id: result.id as string, relevance: result.score, terms: result.match }));
  }

  /**
   * A word over the songs the earlier words matched, scored as `scoreEverywhere` would. With few
   * candidates, each candidate's own words are matched against the word (`derivedTerms`) and
   * scored document at a time (`scoreCandidates`); with many, the word's own query runs and
   * MiniSearch skips every other song's postings (a falsy document boost skips a posting before a
   * result is built).
   */
  private scoreAmong(word: string, prefix: boolean, candidates: SongIdSet): WordScore[] {
    if (candidates.size > this.fewCandidates) {
      return this.index
        .search(wordQuery(word, prefix), {
          boostDocument: (id: string) => (candidates.has(id) ? 1 : 0),
        })
        .map((result) => ({
          id: result.id as string,
          relevance: result.score,
          terms: result.match,
        }));
    }
    const terms = this.index.termsOf(word, prefix);
    if (!terms.size) return [];
    const songs: { id: string; fields: Readonly<Record<string, readonly string[]>> }[] = [];
    for (const id of candidates.keys()) songs.push({ id, fields: this.songs.get(id)!.words });
    return this.index.scoreCandidates(songs, terms);
  }

  private highlights(matched: readonly Record<string, string[]>[], song: IndexedSong): Highlight[] {
    const termsByField = new Map<string, Set<string>>();
    for (const terms of matched) {
      for (const [term, fields] of Object.entries(terms)) {
        for (const field of fields) {
          const set = termsByField.get(field) ?? new Set<string>();
          set.add(term);
          termsByField.set(field, set);
        }
      }
    }
    return FIELDS.filter((field) => termsByField.has(field)).map((field) => ({
      field,
      snippet: mark(song[field], termsByField.get(field)!),
    }));
  }
}
