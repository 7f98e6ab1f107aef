import {
  EMPTY_SEARCH,
  filterFromState,
  hasFilters,
  searchHref,
  searchParamsFromState,
  searchStateFromParams,
} from '../search-state';

describe('search state ↔ URL', () => {
  it('reads the query and filters', () => {
    expect(
      searchStateFromParams(new URLSearchParams('q=+tone++&genre=Ambient&year=2026&artist=a1')),
    ).toEqual({ q: 'tone', genre: 'Ambient', year: 2026, artist: 'a1' });
    expect(searchStateFromParams({ q: ['x', 'y'], genre: undefined })).toEqual({
      ...EMPTY_SEARCH,
      q: 'x',
    });
  });
  it('drops junk values', () => {
    expect(searchStateFromParams(new URLSearchParams('year=20x6&genre=%20'))).toEqual(EMPTY_SEARCH);
    expect(searchStateFromParams({ year: '99999' }).year).toBeNull();
    expect(searchStateFromParams({ q: 'a'.repeat(500) }).q).toHaveLength(200);
  });
  it('writes a stable query string and round-trips', () => {
    const state = { q: 'low a', genre: 'Hip Hop & R&B', year: 1999, artist: 'ar-1' };
    const qs = searchParamsFromState(state);
    expect(qs).toBe('q=low+a&genre=Hip+Hop+%26+R%26B&year=1999&artist=ar-1');
    expect(searchStateFromParams(new URLSearchParams(qs))).toEqual(state);
    expect(searchHref({ ...EMPTY_SEARCH, q: 'x' })).toBe('/search?q=x');
    expect(searchHref(EMPTY_SEARCH)).toBe('/search');
  });
  it('maps to the GraphQL filter', () => {
    expect(filterFromState({ ...EMPTY_SEARCH, q: 'x' })).toBeNull();
    expect(hasFilters({ ...EMPTY_SEARCH, year: 2020 })).toBe(true);
    expect(filterFromState({ q: 'x', genre: 'Rock', year: 2020, artist: 'a' })).toEqual({
      genre: 'Rock',
      year: 2020,
      artistId: 'a',
    });
  });
});
