import { graphql } from '@/gql';
import type { PlaylistPageQuery } from '@/gql/graphql';

/**
 * Items per page on the playlist page ("Load more" for the next): 100 full rows stay well under the
 * router's cost limit (5,000: ~22 fields a row), which 500 would not.
 */
export const PLAYLIST_ITEMS_PAGE_SIZE = 100;

export const PLAYLIST_DETAILS = graphql(`
  fragment PlaylistDetails on Playlist {
    ...PlaylistSummary
    createdAt
    ownedByMe
    editableByMe
    collaborators {
      id
      displayName
    }
  }
`);

export const PLAYLIST_ITEM_FIELDS = graphql(`
  fragment PlaylistItemFields on PlaylistItem {
    id
    position
    addedAt
    addedBy {
      id
      displayName
    }
    song {
      ...TrackFields
    }
  }
`);

export const PLAYLIST_PAGE_QUERY = graphql(`
  query PlaylistPage($id: ID!, $first: Int!, $signedIn: Boolean = true) {
    playlist(id: $id) {
      ...PlaylistDetails
      items(first: $first) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PlaylistItemFields
          }
        }
      }
    }
  }
`);

/** "Load more": the next page of items after `after` (the previous endCursor). */
export const PLAYLIST_ITEMS_QUERY = graphql(`
  query PlaylistItems($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {
    playlist(id: $id) {
      id
      items(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PlaylistItemFields
          }
        }
      }
    }
  }
`);

export type PlaylistPagePlaylist = NonNullable<PlaylistPageQuery['playlist']>;

export const UPDATE_PLAYLIST = graphql(`
  mutation UpdatePlaylist($id: ID!, $input: UpdatePlaylistInput!) {
    updatePlaylist(id: $id, input: $input) {
      ...PlaylistDetails
    }
  }
`);

export const DELETE_PLAYLIST = graphql(`
  mutation DeletePlaylist($id: ID!) {
    deletePlaylist(id: $id)
  }
`);

export const MOVE_PLAYLIST_ITEM = graphql(`
  mutation MovePlaylistItem($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {
    movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) {
      id
      updatedAt
    }
  }
`);

export const REMOVE_FROM_PLAYLIST = graphql(`
  mutation RemoveFromPlaylist($playlistId: ID!, $itemIds: [ID!]!) {
    removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) {
      id
      itemCount
      updatedAt
    }
  }
`);

export const ADD_PLAYLIST_COLLABORATOR = graphql(`
  mutation AddPlaylistCollaborator($playlistId: ID!, $userId: ID!) {
    addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) {
      ...PlaylistDetails
    }
  }
`);

export const REMOVE_PLAYLIST_COLLABORATOR = graphql(`
  mutation RemovePlaylistCollaborator($playlistId: ID!, $userId: ID!) {
    removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) {
      ...PlaylistDetails
    }
  }
`);
