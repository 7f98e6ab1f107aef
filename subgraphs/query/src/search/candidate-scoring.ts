import MiniSearch, { type Options } from 'minisearch';
import { derivedTerms, type DerivedTerm } from './word-terms';

/** MiniSearch's BM25 parameters (its defaults, passed explicitly so both search paths agree). */
export const BM25_PARAMS = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** One word's score for a song and the index terms it matched there, per field. */
export interface WordScore {
  id: string;
  relevance: number;
  terms: Record<string, string[]>;
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
 * MiniSearch, plus one way of scoring it does not offer: a query word over a few given documents,
 * document at a time. MiniSearch scores term at a time: for a two-letter prefix it walks the
 * postings of every completion in the catalogue (tens of thousands) even when only a few hundred
 * songs matched the other words. Here each candidate's own terms are looked up instead.
 *
 * The score is the one `search` gives the same word (BM25 per field × field boost × the term's
 * prefix/fuzzy weight, times the number of the word's source terms matched), read from the
 * index statistics MiniSearch exposes to subclasses (`protected`). The equivalence test in
 * `__tests__/word-plan-equivalence.test.ts` checks both paths agree; if a MiniSearch upgrade
 * changes its scoring, that test fails. One known difference: MiniSearch discounts postings of
 * replaced documents it meets before its lazy clean-up, this counts them until the vacuum.
 */
export class CandidateScoringMiniSearch<T> extends MiniSearch<T> {
  constructor(
    options: Options<T>,
    private readonly fieldBoosts: Readonly<Record<string, number>>,
  ) {
    super(options);
  }

  /** The index terms a query word matches, with their weights (see `derivedTerms`). */
  termsOf(word: string, prefix: boolean): Map<string, DerivedTerm> {
    return derivedTerms(word, prefix, this._index);
  }

  /**
   * Scores the word whose index terms are `terms` (see `termsOf`) for each candidate, given its
   * distinct words per field (lower-cased, as indexed). Candidates matching no term are left out.
   */
  scoreCandidates(
    candidates: Iterable<{ id: string; fields: Readonly<Record<string, readonly string[]>> }>,
    terms: ReadonlyMap<string, DerivedTerm>,
  ): WordScore[] {
    const scores: WordScore[] = [];
    for (const { id, fields } of candidates) {
      const shortId = this._idToShortId.get(id);
      if (shortId === undefined) continue;
      const lengths = this._fieldLength.get(shortId);
      if (!lengths) continue;
      let score = 0;
      const matched: Record<string, string[]> = {};
      const sources = new Set<string>();
      for (const [field, boost] of Object.entries(this.fieldBoosts)) {
        const fieldId = this._fieldIds[field];
        if (fieldId === undefined) continue;
        for (const word of fields[field] ?? []) {
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
          (matched[word] ??= []).push(field);
          for (const source of term.sources) sources.add(source);
        }
      }
      if (sources.size) scores.push({ id, relevance: score * sources.size, terms: matched });
    }
    return scores;
  }
}
