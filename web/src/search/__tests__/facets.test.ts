import { clearFilters, isFacetActive, isFacetName, toggleFacet } from '../facets';
import { EMPTY_SEARCH } from '../search-state';

const base = { ...EMPTY_SEARCH, q: 'tone' };

describe('facet toggling', () => {
  it('selects, replaces and clears a value', () => {
    const rock = toggleFacet(base, 'genre', 'Rock');
    expect(rock).toEqual({ ...base, genre: 'Rock' });
    expect(isFacetActive(rock, 'genre', 'Rock')).toBe(true);
    expect(toggleFacet(rock, 'genre', 'Jazz').genre).toBe('Jazz');
    expect(toggleFacet(rock, 'genre', 'Rock')).toEqual(base);
  });
  it('handles years as numbers and ignores invalid ones', () => {
    const y = toggleFacet(base, 'year', '2026');
    expect(y.year).toBe(2026);
    expect(isFacetActive(y, 'year', '2026')).toBe(true);
    expect(toggleFacet(y, 'year', '2026').year).toBeNull();
    expect(toggleFacet(base, 'year', 'soon')).toBe(base);
  });
  it('keeps other facets and the query', () => {
    const both = toggleFacet(toggleFacet(base, 'genre', 'Rock'), 'artist', 'a1');
    expect(both).toEqual({ ...base, genre: 'Rock', artist: 'a1' });
    expect(clearFilters(both)).toEqual(base);
  });
  it('knows its facet names', () => {
    expect(isFacetName('genre')).toBe(true);
    expect(isFacetName('toString')).toBe(false);
    expect(isFacetName('mood')).toBe(false);
  });
});
