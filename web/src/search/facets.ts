import type { SearchState } from './search-state';

/** The facet names the page understands, and the URL key each one sets. */
export const FACET_KEYS = { genre: 'genre', year: 'year', artist: 'artist' } as const;
export type FacetName = keyof typeof FACET_KEYS;

export function isFacetName(name: string): name is FacetName {
  return Object.hasOwn(FACET_KEYS, name);
}

/** Whether a facet value is the active filter. */
export function isFacetActive(state: SearchState, name: FacetName, value: string): boolean {
  if (name === 'year') return state.year !== null && String(state.year) === value;
  return state[name] === value;
}

/**
 * Clicking a facet value: selects it (replacing another value of the same facet, one value per
 * facet as `SearchFilter` allows), or clears it when it was already active. Invalid years are ignored.
 */
export function toggleFacet(state: SearchState, name: FacetName, value: string): SearchState {
  const active = isFacetActive(state, name, value);
  if (name === 'year') {
    if (active) return { ...state, year: null };
    return /^\d{4}$/.test(value) ? { ...state, year: Number(value) } : state;
  }
  return { ...state, [name]: active ? null : value || null };
}

export function clearFilters(state: SearchState): SearchState {
  return { ...state, genre: null, year: null, artist: null };
}
