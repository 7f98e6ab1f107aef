import { generateCatalogue, generateQueries } from '../../../bench/catalogue';
import { MiniSearchIndex } from '../minisearch-index';

const NOW = new Date('2026-01-01T00:00:00.000Z');

/**
 * The lean executors (postings term at a time, candidates document at a time) must give the same
 * hits, scores, highlights, counts and facets as MiniSearch's own query executor.
 */
describe('lean scoring agrees with MiniSearch', () => {
  const catalogue = generateCatalogue(4_000, 5);
  const viaQuery = new MiniSearchIndex({ scoring: 'minisearch' });
  const lean = {
    default: new MiniSearchIndex({ scoring: 'lean' }),
    postingsOnly: new MiniSearchIndex({ scoring: 'lean', fewCandidates: 0 }),
    candidatesWherePossible: new MiniSearchIndex({ scoring: 'lean', fewCandidates: 1e9 }),
  };
  for (const song of catalogue.songs) {
    viaQuery.upsert(song);
    for (const index of Object.values(lean)) index.upsert(song);
  }
  // A few replaced and removed songs, as live updates leave them.
  for (const song of catalogue.songs.slice(0, 200)) {
    const changed = { ...song, title: `${song.title} Live`, genre: 'live' };
    viaQuery.upsert(changed);
    for (const index of Object.values(lean)) index.upsert(changed);
  }
  for (const song of catalogue.songs.slice(200, 300)) {
    viaQuery.remove(song._id);
    for (const index of Object.values(lean)) index.remove(song._id);
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
    const expected = viaQuery.search(query.text, query.filter, paging, NOW);
    for (const index of Object.values(lean)) {
      const actual = index.search(query.text, query.filter, paging, NOW);
      expect(actual.totalCount).toBe(expected.totalCount);
      expect(actual.facets).toEqual(expected.facets);
      expect(actual.albumIds).toEqual(expected.albumIds);
      expect(actual.hits.map((hit) => hit.id)).toEqual(expected.hits.map((hit) => hit.id));
      actual.hits.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(expected.hits[i]!.score, 4);
        expect(hit.highlights).toEqual(expected.hits[i]!.highlights);
      });
    }
  });

  it('covers multi-word queries that reach the candidate path', () => {
    const multiWord = queries.filter((query) => query.text.includes(' '));
    const withMatches = multiWord.filter(
      (query) =>
        viaQuery.search(query.text, query.filter, { offset: 0, limit: 1 }, NOW).totalCount > 0,
    );
    expect(withMatches.length).toBeGreaterThan(80);
  });
});
