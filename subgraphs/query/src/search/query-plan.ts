import type { Query } from 'minisearch';

/** Splits text into words (letters and digits of any script); the index and queries share it. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Edits forgiven for a query word: none below 4 letters, one from 4, two from 8. */
export function allowedEdits(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/** Every word with two neighbouring letters swapped (a swap counts as one typo). */
export function transpositions(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i + 1 < word.length; i += 1) {
    if (word[i] === word[i + 1]) continue;
    variants.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...variants];
}

/** A term MiniSearch looks up for a query word: the word itself, or one of its transpositions. */
export interface SourceTerm {
  term: string;
  /** Levenshtein edits forgiven (0: none). */
  edits: number;
  prefix: boolean;
}

/**
 * What one query word looks up. A word matches with the edits `allowedEdits` forgives (MiniSearch
 * counts Levenshtein edits, so a swap of neighbouring letters, one typo to a reader, is tried as
 * its own variant with one edit fewer); the last word also matches as a prefix (as-you-type).
 */
export function sourceTerms(word: string, prefix: boolean): SourceTerm[] {
  const edits = allowedEdits(word);
  const exact: SourceTerm = { term: word, edits, prefix };
  if (edits === 0) return [exact];
  return [exact, ...transpositions(word).map((term) => ({ term, edits: edits - 1, prefix }))];
}

/** One query word as a MiniSearch query: its source terms, OR-ed. */
export function wordQuery(word: string, prefix: boolean): Query {
  return {
    combineWith: 'OR',
    // MiniSearch reads a fuzzy value >= 1 as a number of edits (below 1, as a fraction of the length).
    queries: sourceTerms(word, prefix).map((source) => ({
      queries: [source.term],
      fuzzy: source.edits === 0 ? false : source.edits,
      prefix: source.prefix,
    })),
  };
}

export interface PlannedWord {
  word: string;
  prefix: boolean;
}

/**
 * Every word must match (AND), so the words run one at a time, most selective first, and each
 * later word only scores the songs every earlier word matched. Selectivity is guessed from the
 * word's shape: a whole word narrows more than the prefix being typed, and a longer word more
 * than a shorter one (it forgives the same edits over more letters). The prefix word, typically
 * two or three letters and matching a third of a big catalogue, then costs a set lookup per song
 * instead of a scored result each.
 */
export function planWords(words: readonly string[]): PlannedWord[] {
  return words
    .map((word, index) => ({ word, prefix: index === words.length - 1 }))
    .sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.word.length - a.word.length);
}
