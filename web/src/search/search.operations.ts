import { gql, type TypedDocumentNode } from '@apollo/client';
import { TRACK_FIELDS, type TrackFields } from '@/songs/track.fragment';

/*
 * Hand-written typed documents for API.md's `query` section (search and discovery); replaced by
 * graphql-codegen output later (see README). ALL schema assumptions the search UI makes live here:
 *
 *   input SearchFilter { genre: String, year: Int, artistId: ID }
 *   type SongSearchConnection { edges: [SongSearchEdge!]!  pageInfo: PageInfo!  totalCount: Int! }
 *   type SongSearchEdge { cursor: String!  node: Song!  score: Float!  highlights: [Highlight!]! }
 *   type Highlight { field: String!  snippet: String! }   # matched terms wrapped in <em>…</em>
 *   type Facet { name: String!  values: [FacetValue!]! }  # name: "genre" | "year" | "artist"
 *   type FacetValue { value: String!  label: String  count: Int! }
 *                                     # artist facet: value = artist id, label = artist name
 *   Highlight.field: "title" | "artist" | "album" | "tags" (as subgraphs/query sends them; the song's title is used when present)
 */

/** 10 keeps the search operation (songs with highlights, albums, artists, facets) under the router's default cost limit of 5,000. */
export const SEARCH_PAGE_SIZE = 10;
export const SUGGEST_SONGS = 5;
export const SUGGEST_OTHERS = 3;
export const HOME_ROW_SIZE = 12;

export interface SearchFilterInput {
  genre?: string;
  year?: number;
  artistId?: string;
}

export interface Highlight {
  field: string;
  snippet: string;
}

export interface SongSearchEdge {
  cursor: string;
  score: number;
  highlights: Highlight[];
  node: TrackFields;
}

export interface SongSearchConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: SongSearchEdge[];
}

export interface SearchAlbum {
  id: string;
  title: string;
  coverUrl: string | null;
  releaseDate: string | null;
  artist: { id: string; name: string };
}

export interface SearchArtist {
  id: string;
  name: string;
}

export interface FacetValue {
  value: string;
  label: string | null;
  count: number;
}

export interface Facet {
  name: string;
  values: FacetValue[];
}

const SONG_CONNECTION_FIELDS = gql`
  fragment SongSearchConnectionFields on SongSearchConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
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
  ${TRACK_FIELDS}
`;

export interface SearchPageResults {
  songs: SongSearchConnection;
  albums: SearchAlbum[];
  artists: SearchArtist[];
  facets: Facet[];
}

/** The search page: songs (first page), albums, artists and facets. */
export const SEARCH_QUERY: TypedDocumentNode<
  { search: SearchPageResults },
  { query: string; filter: SearchFilterInput | null; first: number; others: number }
> = gql`
  query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {
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
        name
        values {
          value
          label
          count
        }
      }
    }
  }
  ${SONG_CONNECTION_FIELDS}
`;

/** "Load more" on the search page: the next songs after the connection's endCursor. */
export const SEARCH_MORE_SONGS_QUERY: TypedDocumentNode<
  { search: { songs: SongSearchConnection } },
  { query: string; filter: SearchFilterInput | null; first: number; after: string }
> = gql`
  query SearchMoreSongs($query: String!, $filter: SearchFilter, $first: Int!, $after: String!) {
    search(query: $query, filter: $filter, first: $first, after: $after) {
      songs {
        ...SongSearchConnectionFields
      }
    }
  }
  ${SONG_CONNECTION_FIELDS}
`;

export interface Suggestions {
  songs: {
    edges: { highlights: Highlight[]; node: { id: string; title: string; artist: SearchArtist } }[];
  };
  albums: { id: string; title: string; artist: SearchArtist }[];
  artists: SearchArtist[];
}

/** The header box's as-you-type suggestions: a few songs, artists and albums. */
export const SEARCH_SUGGESTIONS_QUERY: TypedDocumentNode<
  { search: Suggestions },
  { query: string; first: number; others: number }
> = gql`
  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {
    search(query: $query, first: $first) {
      songs {
        edges {
          highlights {
            field
            snippet
          }
          node {
            id
            title
            artist {
              id
              name
            }
          }
        }
      }
      artists(first: $others) {
        id
        name
      }
      albums(first: $others) {
        id
        title
        artist {
          id
          name
        }
      }
    }
  }
`;

/** The home page rows. */
export const DISCOVER_QUERY: TypedDocumentNode<
  { trending: TrackFields[]; newReleases: TrackFields[] },
  { first: number }
> = gql`
  query Discover($first: Int!) {
    trending(first: $first) {
      ...TrackFields
    }
    newReleases(first: $first) {
      ...TrackFields
    }
  }
  ${TRACK_FIELDS}
`;

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
export function otherSnippets(highlights: readonly Highlight[]): Highlight[] {
  return highlights.filter(
    (h) => !(INLINE_HIGHLIGHT_FIELDS as readonly string[]).includes(h.field),
  );
}
