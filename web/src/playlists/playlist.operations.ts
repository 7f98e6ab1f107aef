import { graphql } from '@/gql';

/** A playlist as lists show it (library, menus, profiles). */
export const PLAYLIST_SUMMARY = graphql(`
  fragment PlaylistSummary on Playlist {
    id
    name
    description
    visibility
    collaborative
    itemCount
    updatedAt
    owner {
      id
      displayName
    }
  }
`);

export const CREATE_PLAYLIST = graphql(`
  mutation CreatePlaylist($input: CreatePlaylistInput!) {
    createPlaylist(input: $input) {
      ...PlaylistSummary
    }
  }
`);

export const ADD_TO_PLAYLIST = graphql(`
  mutation AddToPlaylist($playlistId: ID!, $songIds: [ID!]!) {
    addToPlaylist(playlistId: $playlistId, songIds: $songIds) {
      ...PlaylistSummary
    }
  }
`);

/** The "Add to playlist" menu: the caller's playlists (owned and shared with them). */
export const MY_PLAYLISTS = graphql(`
  query MyPlaylists($first: Int!) {
    library {
      playlists(first: $first) {
        totalCount
        edges {
          node {
            ...PlaylistSummary
          }
        }
      }
    }
  }
`);

export const MY_PLAYLISTS_PAGE_SIZE = 100;
