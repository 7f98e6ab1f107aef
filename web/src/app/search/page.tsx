import type { Metadata } from 'next';
import Link from 'next/link';
import { unstable_rethrow } from 'next/navigation';
import { query } from '@/apollo/server-client';
import { isSignedIn } from '@/auth/signed-in';
import { CoverArt } from '@/components/CoverArt';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { FacetFilters } from '@/search/FacetFilters';
import { SearchSongs } from '@/search/SearchSongs';
import { graphql } from '@/gql';
import type { SearchQuery } from '@/gql/graphql';
import { SEARCH_PAGE_SIZE, SUGGEST_OTHERS } from '@/search/search.operations';
import {
  filterFromState,
  hasFilters,
  searchParamsFromState,
  searchStateFromParams,
} from '@/search/search-state';
import { clearFilters } from '@/search/facets';
import { searchHref } from '@/search/search-state';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROW_SIZE = Math.max(SUGGEST_OTHERS, 8);

/** The search page: songs (first page), albums, artists and facets. */
const SEARCH_QUERY = graphql(`
  query Search(
    $query: String!
    $filter: SearchFilter
    $first: Int!
    $others: Int!
    $signedIn: Boolean = true
  ) {
    search(query: $query, filter: $filter, first: $first) {
      songs {
        ...SongSearchConnectionFields
      }
      albums(first: $others) {
        id
        title
        coverUrl
        releaseDate
        artist {
          id
          name
        }
      }
      artists(first: $others) {
        id
        name
      }
      facets {
        ...FacetFields
      }
    }
  }
`);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const state = searchStateFromParams(await searchParams);
  return { title: state.q ? `“${state.q}”` : 'Search', robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const state = searchStateFromParams(await searchParams);
  if (!state.q) {
    return (
      <section className="page-header" aria-labelledby="search-title">
        <h1 id="search-title">Search</h1>
        <p>Type a song, an artist or an album in the search box above.</p>
        <form action="/search" role="search" className="search-page-form">
          <input
            type="search"
            name="q"
            className="field__input"
            aria-label="Search songs, artists and albums"
            placeholder="Search songs, artists, albums"
          />
          <button type="submit" className="button button--primary">
            Search
          </button>
        </form>
      </section>
    );
  }

  // Anonymous visitors ask nothing of their own (hearts): the whole page is one fetch, cacheable.
  const signedIn = await isSignedIn();
  let results: SearchQuery['search'];
  try {
    const { data } = await query({
      query: SEARCH_QUERY,
      variables: {
        query: state.q,
        filter: filterFromState(state),
        first: SEARCH_PAGE_SIZE,
        others: ROW_SIZE,
        signedIn,
      },
    });
    if (!data) throw new Error('search returned no data');
    results = data.search;
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering, redirects) are not failures
    console.error('[web] search failed', error);
    return <ServiceUnavailable retryHref={searchHref(state)} />;
  }

  const filtered = hasFilters(state);
  const nothing =
    results.songs.totalCount === 0 && results.albums.length === 0 && results.artists.length === 0;

  return (
    <div className="search-page">
      <header className="page-header">
        <p className="eyebrow">Search</p>
        <h1 id="search-title">
          Results for “<span className="search-term">{state.q}</span>”
        </h1>
      </header>

      <div className="search-layout">
        <FacetFilters state={state} facets={results.facets} />

        <div className="search-results">
          {nothing ? (
            <div className="empty-state search-empty" role="status">
              <p>
                Nothing matches “{state.q}”{filtered ? ' with these filters' : ''}.
              </p>
              {filtered ? (
                <Link href={searchHref(clearFilters(state))} className="button button--ghost">
                  Clear filters
                </Link>
              ) : (
                <p>Check the spelling, or try fewer words.</p>
              )}
            </div>
          ) : null}

          {results.songs.totalCount > 0 ? (
            <SearchSongs
              key={searchParamsFromState(state)}
              queryText={state.q}
              filter={filterFromState(state)}
              initial={results.songs}
              signedIn={signedIn}
            />
          ) : null}

          {results.artists.length > 0 ? (
            <section aria-labelledby="search-artists-title" className="media-section">
              <h2 id="search-artists-title" className="section-title">
                Artists
              </h2>
              <ul className="card-row">
                {results.artists.map((artist) => (
                  <li key={artist.id}>
                    <Link href={`/artists/${artist.id}`} className="artist-card">
                      <span className="artist-avatar artist-avatar--small" aria-hidden="true">
                        {[...artist.name.trim()][0]?.toUpperCase() ?? '?'}
                      </span>
                      <span className="album-card__title">{artist.name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {results.albums.length > 0 ? (
            <section aria-labelledby="search-albums-title" className="media-section">
              <h2 id="search-albums-title" className="section-title">
                Albums
              </h2>
              <ul className="card-row">
                {results.albums.map((album) => (
                  <li key={album.id}>
                    <Link href={`/albums/${album.id}`} className="album-card">
                      <CoverArt src={album.coverUrl} size="medium" />
                      <span className="album-card__title">{album.title}</span>
                      <span className="album-card__year">
                        {album.artist.name}
                        {album.releaseDate ? ` · ${album.releaseDate.slice(0, 4)}` : ''}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
