import type { SongDocument } from '../read-model/documents';
import { BM25_PARAMS, CandidateScoringMiniSearch, type WordScore } from './candidate-scoring';
import { FacetCounter } from './facet-counter';
import { mark } from './highlight';
import { planWords, tokenize, wordQuery } from './query-plan';
import { derivedTerms, MATCH_WEIGHTS } from './word-terms';
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
   * relevance 1). The words run one at a time in `planWords` order, and each later word only
   * scores the songs the earlier ones matched: MiniSearch skips a posting, before building a
   * result for it, when the document boost is falsy.
   */
  private match(words: readonly string[], filter: SearchFilter): Iterable<WordMatch> {
    const filtered = filter.genre != null || filter.year != null || filter.artistId != null;
    const passes = (id: string): boolean => {
      const song = this.songs.get(id);
      return (
        !!song &&
        (filter.genre == null || song.genre === filter.genre) &&
        (filter.year == null || song.year === filter.year) &&
        (filter.artistId == null || song.artistId === filter.artistId)
      );
    };
    if (!words.length) {
      const all: WordMatch[] = [];
      for (const id of this.songs.keys()) if (passes(id)) all.push({ id, relevance: 1, terms: [] });
      return all;
    }
    let matched: Map<string, WordMatch> | null = null;
    for (const { word, prefix } of planWords(words)) {
      const results = matched
        ? this.scoreAmong(word, prefix, matched)
        : this.scoreEverywhere(word, prefix, filtered ? passes : undefined);
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

  /** A word over the whole index (or the songs passing the filter). */
  private scoreEverywhere(
    word: string,
    prefix: boolean,
    passes: ((id: string) => boolean) | undefined,
  ): WordScore[] {
    return this.index
      .search(wordQuery(word, prefix), {
        boostDocument: passes && ((id: string) => (passes(id) ? 1 : 0)),
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
  private scoreAmong(
    word: string,
    prefix: boolean,
    candidates: ReadonlyMap<string, unknown>,
  ): WordScore[] {
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
    const songs = [...candidates.keys()].map((id) => {
      const song = this.songs.get(id)!;
      const fields: Record<string, string[]> = {};
      // As the index saw them: tokenized, then lower-cased term by term.
      for (const field of FIELDS)
        fields[field] = tokenize(song[field]).map((term) => term.toLowerCase());
      return { id, fields };
    });
    const vocabulary = new Set<string>();
    for (const song of songs)
      for (const field of FIELDS) for (const word of song.fields[field]!) vocabulary.add(word);
    const terms = derivedTerms(word, prefix, vocabulary);
    return terms.size ? this.index.scoreCandidates(songs, terms) : [];
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
