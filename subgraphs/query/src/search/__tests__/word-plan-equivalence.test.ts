import { generateCatalogue, generateQueries } from '../../../bench/catalogue';
import { MiniSearchIndex } from '../minisearch-index';

const NOW = new Date('2026-01-01T00:00:00.000Z');

/**
 * The two ways of scoring a later query word (through the terms the candidate songs contain, or
 * through the word's own query with every other song skipped) must give the same hits, scores,
 * highlights, counts and facets; the second is MiniSearch scoring the word as it always would.
 */
describe('scoring a word among candidates', () => {
  const catalogue = generateCatalogue(4_000, 5);
  const viaTerms = new MiniSearchIndex({ fewCandidates: Number.MAX_SAFE_INTEGER });
  const viaQuery = new MiniSearchIndex({ fewCandidates: 0 });
  for (const song of catalogue.songs) {
    viaTerms.upsert(song);
    viaQuery.upsert(song);
  }
  const queries = [
    ...generateQueries(catalogue, 300, 3),
    // Typos in the first word and in the word being typed, transpositions, two-edit words.
    ...[
      'lvoe mi',
      'hearts dancign',
      'midnihgt su',
      'thundre st',
      'paradise fier',
      'electirc nig',
    ].map((text) => ({ text, filter: {} })),
  ];

  it.each(queries.map((query) => [query.text, query] as const))('%s', (_text, query) => {
    const paging = { offset: 0, limit: 20 };
    const a = viaTerms.search(query.text, query.filter, paging, NOW);
    const b = viaQuery.search(query.text, query.filter, paging, NOW);
    expect(a.totalCount).toBe(b.totalCount);
    expect(a.facets).toEqual(b.facets);
    expect(a.hits.map((hit) => hit.id)).toEqual(b.hits.map((hit) => hit.id));
    a.hits.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(b.hits[i]!.score, 4);
      expect(hit.highlights).toEqual(b.hits[i]!.highlights);
    });
  });

  it('covers multi-word queries that reach the candidate path', () => {
    const multiWord = queries.filter((query) => query.text.includes(' '));
    const withMatches = multiWord.filter(
      (query) =>
        viaTerms.search(query.text, query.filter, { offset: 0, limit: 1 }, NOW).totalCount > 0,
    );
    expect(withMatches.length).toBeGreaterThan(100);
  });
});
