import MiniSearch, { type Options } from 'minisearch';
import { derivedTerms, type DerivedTerm } from './word-terms';

/** MiniSearch's BM25 parameters (its defaults, passed explicitly so both search paths agree). */
export const BM25_PARAMS = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** One query word's score for a song. */
export interface WordScore {
  id: string;
  relevance: number;
}

/** The ids a scoring may be restricted to. */
export interface IdFilter {
  has(id: string): boolean;
}

/** MiniSearch's per-field BM25 (`calcBM25Score` in its source). */
function bm25(
  termFreq: number,
  matching: number,
  total: number,
  length: number,
  average: number,
): number {
  const { k, b, d } = BM25_PARAMS;
  const inverseDocumentFrequency = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return (
    inverseDocumentFrequency *
    (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * length) / average)))
  );
}

/**
 * MiniSearch's index with a leaner executor for one query word. MiniSearch's own `search` scores
 * term at a time and builds a result object (matched terms, fields) for every posting it meets,
 * then sorts them all: most of a broad word's cost, and for a word restricted to a few songs it
 * still walks every completion's postings. Two ways of scoring a word here, both reading the index
 * statistics MiniSearch exposes to subclasses (`protected`):
 *
 * - `scorePostings`: term at a time over the postings of the word's terms, summing into typed
 *   arrays, optionally skipping songs outside a set;
 * - `scoreCandidates`: document at a time over given songs' own words (a later query word, once
 *   the earlier ones left a few hundred songs).
 *
 * The score is the one MiniSearch's `search` gives the same word query (`wordQuery`): BM25 per
 * field × field boost × the term's prefix/fuzzy weight (`derivedTerms`), summed, times the number
 * of the word's source terms matched. `__tests__/word-plan-equivalence.test.ts` runs generated
 * queries through both executors and requires identical hits, scores, highlights and facets, so
 * a MiniSearch upgrade that changes its scoring fails there. Documents are taken out with
 * `remove` (never `discard`), so the postings hold no replaced documents and document
 * frequencies are exact for both.
 */
export class CandidateScoringMiniSearch<T> extends MiniSearch<T> {
  private readonly boostedFields: { fieldId: number; boost: number; name: string }[];
  /**
   * `scorePostings`' accumulators, indexed by MiniSearch's short document id, kept between
   * searches (grown when ids outgrow them; only the entries a search touched are cleared).
   */
  private scores = new Float64Array(0);
  private sourceBits = new Uint32Array(0);

  constructor(options: Options<T>, fieldBoosts: Readonly<Record<string, number>>) {
    super(options);
    this.boostedFields = Object.entries(fieldBoosts).map(([name, boost]) => ({
      name,
      boost,
      fieldId: this._fieldIds[name]!,
    }));
  }

  /** The index terms a query word matches, with their weights (see `derivedTerms`). */
  termsOf(word: string, prefix: boolean): Map<string, DerivedTerm> {
    return derivedTerms(word, prefix, this._index);
  }

  /** Every song containing one of `terms` (and in `among`, when given), with the word's score. */
  scorePostings(terms: ReadonlyMap<string, DerivedTerm>, among?: IdFilter | null): WordScore[] {
    if (this.scores.length < this._nextId) {
      const capacity = Math.max(this._nextId, Math.ceil(this.scores.length * 1.5));
      this.scores = new Float64Array(capacity);
      this.sourceBits = new Uint32Array(capacity);
    }
    const { scores, sourceBits } = this;
    const touched: number[] = [];
    const bitOf = sourceBitAssigner();
    const total = this._documentCount;
    for (const [word, term] of terms) {
      const data = this._index.get(word);
      if (!data) continue;
      const bits = term.sources.reduce((mask, source) => mask | bitOf(source), 0);
      for (const { fieldId, boost } of this.boostedFields) {
        const frequencies = data.get(fieldId);
        if (!frequencies) continue;
        const matching = frequencies.size;
        const average = this._avgFieldLength[fieldId]!;
        const weight = term.weight * boost;
        for (const [shortId, frequency] of frequencies) {
          const id = this._documentIds.get(shortId);
          if (id === undefined || (among && !among.has(id as string))) continue;
          const length = this._fieldLength.get(shortId)![fieldId]!;
          if (sourceBits[shortId] === 0) touched.push(shortId);
          scores[shortId]! += weight * bm25(frequency, matching, total, length, average);
          sourceBits[shortId]! |= bits;
        }
      }
    }
    return touched.map((shortId) => {
      const score: WordScore = {
        id: this._documentIds.get(shortId) as string,
        relevance: scores[shortId]! * popCount(sourceBits[shortId]!),
      };
      scores[shortId] = 0;
      sourceBits[shortId] = 0;
      return score;
    });
  }

  /**
   * The word whose index terms are `terms` over the given songs only, from each song's distinct
   * words per field (lower-cased, as indexed). Songs matching no term are left out.
   */
  scoreCandidates(
    candidates: Iterable<{ id: string; words: Readonly<Record<string, readonly string[]>> }>,
    terms: ReadonlyMap<string, DerivedTerm>,
  ): WordScore[] {
    const scores: WordScore[] = [];
    const bitOf = sourceBitAssigner();
    for (const { id, words } of candidates) {
      const shortId = this._idToShortId.get(id);
      if (shortId === undefined) continue;
      const lengths = this._fieldLength.get(shortId)!;
      let score = 0;
      let bits = 0;
      for (const { fieldId, boost, name } of this.boostedFields) {
        for (const word of words[name] ?? []) {
          const term = terms.get(word);
          if (!term) continue;
          const frequencies = this._index.get(word)?.get(fieldId);
          const frequency = frequencies?.get(shortId);
          if (!frequencies || !frequency) continue;
          score +=
            term.weight *
            boost *
            bm25(
              frequency,
              frequencies.size,
              this._documentCount,
              lengths[fieldId]!,
              this._avgFieldLength[fieldId]!,
            );
          for (const source of term.sources) bits |= bitOf(source);
        }
      }
      if (bits) scores.push({ id, relevance: score * popCount(bits) });
    }
    return scores;
  }
}

/** One bit per distinct source term (a word has at most a few dozen transpositions). */
function sourceBitAssigner(): (source: string) => number {
  const bits = new Map<string, number>();
  return (source) => {
    let bit = bits.get(source);
    if (bit === undefined) bits.set(source, (bit = bits.size < 32 ? 1 << bits.size : 0));
    return bit;
  };
}

function popCount(mask: number): number {
  let count = 0;
  for (let rest = mask >>> 0; rest; rest &= rest - 1) count += 1;
  return count;
}
