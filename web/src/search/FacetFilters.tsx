import Link from 'next/link';
import { clearFilters, isFacetActive, isFacetName, toggleFacet, type FacetName } from './facets';
import type { Facet, FacetValue } from './search.operations';
import { hasFilters, searchHref, type SearchState } from './search-state';

const FACET_TITLES: Record<FacetName, string> = { genre: 'Genre', year: 'Year', artist: 'Artist' };
const FACET_ORDER: FacetName[] = ['genre', 'year', 'artist'];

/** Years newest first; other facets in the server's order (by count). */
function sortValues(name: FacetName, values: readonly FacetValue[]): FacetValue[] {
  return name === 'year' ? [...values].sort((a, b) => b.value.localeCompare(a.value)) : [...values];
}

/**
 * The facets as filter chips: each value is a link to the same search with that filter toggled, so
 * filters live in the URL (shareable, back button) and work without JavaScript.
 */
export function FacetFilters({ state, facets }: { state: SearchState; facets: readonly Facet[] }) {
  const known = FACET_ORDER.map((name) => ({
    name,
    values: sortValues(
      name,
      facets.find((f) => f.name === name && isFacetName(f.name))?.values ?? [],
    ),
  })).filter((f) => f.values.length > 0);
  if (known.length === 0 && !hasFilters(state)) return null;
  return (
    <aside className="facets" aria-label="Filters">
      {known.map((facet) => (
        <section key={facet.name} className="facet" aria-labelledby={`facet-${facet.name}`}>
          <h2 id={`facet-${facet.name}`} className="facet__title">
            {FACET_TITLES[facet.name]}
          </h2>
          <ul className="facet__values">
            {facet.values.map((v) => {
              const active = isFacetActive(state, facet.name, v.value);
              return (
                <li key={v.value}>
                  <Link
                    href={searchHref(toggleFacet(state, facet.name, v.value))}
                    className="facet-chip"
                    role="checkbox"
                    aria-checked={active}
                    data-facet={facet.name}
                    scroll={false}
                  >
                    <span className="facet-chip__box" aria-hidden="true" />
                    <span className="facet-chip__label">{v.label ?? v.value}</span>
                    <span className="facet-chip__count">
                      <span className="visually-hidden">, </span>
                      {v.count}
                      <span className="visually-hidden">
                        {v.count === 1 ? ' result' : ' results'}
                      </span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {hasFilters(state) ? (
        <Link href={searchHref(clearFilters(state))} className="button button--ghost button--small">
          Clear filters
        </Link>
      ) : null}
    </aside>
  );
}
