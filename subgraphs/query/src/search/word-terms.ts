import { sourceTerms } from './query-plan';

/**
 * MiniSearch's weights for a term found by prefix or by fuzzy match, relative to an exact match
 * (its defaults, passed explicitly so both search paths agree).
 */
export const MATCH_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 } as const;

/** The lookups of MiniSearch's radix tree (its `SearchableMap`) that `derivedTerms` uses. */
export interface TermTree {
  has(term: string): boolean;
  atPrefix(prefix: string): Iterable<[string, unknown]>;
  fuzzyGet(term: string, maxEditDistance: number): Map<string, [unknown, number]>;
}

export interface DerivedTerm {
  /** Summed over the source terms that reach it, as MiniSearch's OR of them sums their scores. */
  weight: number;
  /** The source terms (the word or its transpositions) that reach it. */
  sources: string[];
}

/**
 * The index terms a query word matches, each with the weight MiniSearch gives it: 1 when equal to
 * a source term; for a longer term starting with it (prefix words) `prefix·L/(L + 0.3·extra
 * letters)`; otherwise within the forgiven edits `fuzzy·L/(L + edits)`, L being the term's length.
 * `vocabulary` is the index's own radix tree, searched with MiniSearch's `atPrefix` and `fuzzyGet`,
 * so a term matches here exactly when it matches in a MiniSearch query. Only the tree is walked,
 * never a posting list.
 */
export function derivedTerms(
  word: string,
  prefix: boolean,
  vocabulary: TermTree,
): Map<string, DerivedTerm> {
  const found = new Map<string, DerivedTerm>();
  const add = (term: string, weight: number, source: string) => {
    const existing = found.get(term);
    if (!existing) found.set(term, { weight, sources: [source] });
    else {
      existing.weight += weight;
      if (!existing.sources.includes(source)) existing.sources.push(source);
    }
  };
  for (const source of sourceTerms(word, prefix)) {
    if (vocabulary.has(source.term)) add(source.term, 1, source.term);
    if (source.prefix) {
      for (const [term] of vocabulary.atPrefix(source.term)) {
        const extra = term.length - source.term.length;
        if (extra === 0) continue;
        add(term, (MATCH_WEIGHTS.prefix * term.length) / (term.length + 0.3 * extra), source.term);
      }
    }
    if (source.edits > 0) {
      for (const [term, [, distance]] of vocabulary.fuzzyGet(source.term, source.edits)) {
        if (distance === 0 || (source.prefix && term.startsWith(source.term))) continue;
        add(term, (MATCH_WEIGHTS.fuzzy * term.length) / (term.length + distance), source.term);
      }
    }
  }
  return found;
}
