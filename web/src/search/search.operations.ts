import { graphql } from '@/gql';
import type {
  FacetFieldsFragment,
  SearchFilter,
  SongSearchConnectionFieldsFragment,
} from '@/gql/graphql';

/*
 * The search UI's shared pieces: page sizes, the song-results fragment, result types derived from
 * the generated ones, and the highlight helpers. The operations live beside their components
 * (app/search/page.tsx, SearchSongs.tsx, HeaderSearch.tsx, app/page.tsx). What the search UI
 * assumes of API.md's `query` section that the schema does not say:
 *
 *   Facet.name: "genre" | "year" | "artist"; the artist facet's value is the artist id, its label the name
 *   Highlight.snippet: matched terms wrapped in <em>…</em>
 *   Highlight.field: "title" | "artist" | "album" | "tags" (as subgraphs/query sends them; the song's title is used when present)
 */

/** 10 keeps the search operation (songs with highlights, albums, artists, facets) under the router's default cost limit of 5,000. */
export const SEARCH_PAGE_SIZE = 10;
export const SUGGEST_SONGS = 5;
export const SUGGEST_OTHERS = 3;
export const HOME_ROW_SIZE = 12;

export type SearchFilterInput = SearchFilter;
export type SongSearchConnection = SongSearchConnectionFieldsFragment;
export type SongSearchEdge = SongSearchConnection['edges'][number];
/** A highlight as the helpers below read it (any selection with these two fields). */
export type Highlight = Pick<SongSearchEdge['highlights'][number], 'field' | 'snippet'>;
export type Facet = FacetFieldsFragment;
export type FacetValue = Facet['values'][number];

export const FACET_FIELDS = graphql(`
  fragment FacetFields on Facet {
    name
    values {
      value
      label
      count
    }
  }
`);

export const SONG_SEARCH_CONNECTION_FIELDS = graphql(`
  fragment SongSearchConnectionFields on SongSearchConnection {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      score
      highlights {
        field
        snippet
      }
      node {
        ...TrackFields
      }
    }
  }
`);

/** Highlight fields shown in place (title, artist and album links); others go under the title. */
export const INLINE_HIGHLIGHT_FIELDS = ['title', 'artist', 'album'] as const;

/** A field's highlight snippet, when the server sent one. */
export function fieldSnippet(highlights: readonly Highlight[], field: string): string | null {
  return highlights.find((h) => h.field === field)?.snippet ?? null;
}

/** The snippet to show for a song's title. */
export function titleSnippet(highlights: readonly Highlight[]): string | null {
  return fieldSnippet(highlights, 'title');
}

/** Highlights not shown in place (lyrics, tags, genre, …), listed under the title. */
export function otherSnippets<H extends Highlight>(highlights: readonly H[]): H[] {
  return highlights.filter(
    (h) => !(INLINE_HIGHLIGHT_FIELDS as readonly string[]).includes(h.field),
  );
}
