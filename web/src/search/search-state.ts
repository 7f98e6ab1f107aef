/** What the search page shows: the query and the active filters, all from / to the URL. */
export interface SearchState {
  q: string;
  genre: string | null;
  year: number | null;
  artist: string | null;
}

export const EMPTY_SEARCH: SearchState = { q: '', genre: null, year: null, artist: null };
export const MAX_QUERY_LENGTH = 200;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(source: ParamSource, key: string): string | undefined {
  const value = source instanceof URLSearchParams ? source.get(key) : source[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one ?? undefined;
}

/** URL (`?q=…&genre=…&year=…&artist=…`) → state; junk values are dropped rather than trusted. */
export function searchStateFromParams(source: ParamSource): SearchState {
  const q = (first(source, 'q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const genre = first(source, 'genre')?.trim() || null;
  const yearText = first(source, 'year')?.trim();
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const artist = first(source, 'artist')?.trim() || null;
  return { q, genre, year, artist };
}

/** State → query string (stable key order, empty values left out), e.g. `q=tone&genre=Ambient`. */
export function searchParamsFromState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.genre) params.set('genre', state.genre);
  if (state.year !== null) params.set('year', String(state.year));
  if (state.artist) params.set('artist', state.artist);
  return params.toString();
}

export function searchHref(state: SearchState): string {
  const qs = searchParamsFromState(state);
  return qs ? `/search?${qs}` : '/search';
}

/** The GraphQL `SearchFilter` for a state, or null when no filter is active. */
export function filterFromState(
  state: SearchState,
): { genre?: string; year?: number; artistId?: string } | null {
  const filter: { genre?: string; year?: number; artistId?: string } = {};
  if (state.genre) filter.genre = state.genre;
  if (state.year !== null) filter.year = state.year;
  if (state.artist) filter.artistId = state.artist;
  return Object.keys(filter).length > 0 ? filter : null;
}

export function hasFilters(state: SearchState): boolean {
  return filterFromState(state) !== null;
}
