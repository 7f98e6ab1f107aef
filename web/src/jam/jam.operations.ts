import { graphql } from '@/gql';

/** Everything the Jam page shows and plays (API.md "Jam sessions"). */
export const JAM_SESSION_FIELDS = graphql(`
  fragment JamSessionFields on JamSession {
    id
    code
    guestsCanControl
    endedAt
    host {
      id
      displayName
    }
    participants {
      connected
      joinedAt
      user {
        id
        displayName
        avatarUrl
      }
    }
    queue {
      id
      addedBy {
        id
        displayName
      }
      song {
        id
        title
        status
        durationMs
        coverUrl
        artist {
          id
          name
        }
        stream {
          masterUrl
        }
      }
    }
    playback {
      playing
      positionMs
      serverTimeMs
      current {
        id
      }
    }
  }
`);

/**
 * The live part: only fields the preferences subgraph owns (ids for songs and people), so the
 * router resolves no other subgraph per event (that costs hundreds of ms per subscriber, see the
 * router README). Names, songs and streams come from JAM_SESSION_QUERY, refetched when an id
 * appears that it does not know (`mergeJamSession`).
 */
export const JAM_SESSION_SUBSCRIPTION = graphql(`
  subscription JamSessionEvents($id: ID!) {
    jamSession(id: $id) {
      kind
      serverTimeMs
      session {
        id
        code
        guestsCanControl
        endedAt
        host {
          id
        }
        participants {
          connected
          joinedAt
          user {
            id
          }
        }
        queue {
          id
          addedBy {
            id
          }
          song {
            id
          }
        }
        playback {
          playing
          positionMs
          serverTimeMs
          current {
            id
          }
        }
      }
    }
  }
`);

/** The whole session with names, songs and streams (across subgraphs), fetched on change of ids. */
export const JAM_SESSION_QUERY = graphql(`
  query JamSessionDetails($id: ID!) {
    jamSession(id: $id) {
      ...JamSessionFields
    }
  }
`);

export const SERVER_TIME_QUERY = graphql(`
  query ServerTime {
    serverTime
  }
`);

export const START_JAM_MUTATION = graphql(`
  mutation StartJam($songIds: [ID!]) {
    startJam(songIds: $songIds) {
      id
      code
    }
  }
`);

export const JOIN_JAM_MUTATION = graphql(`
  mutation JoinJam($code: String!) {
    joinJam(code: $code) {
      id
    }
  }
`);

export const LEAVE_JAM_MUTATION = graphql(`
  mutation LeaveJam($id: ID!) {
    leaveJam(id: $id)
  }
`);

export const END_JAM_MUTATION = graphql(`
  mutation EndJam($id: ID!) {
    endJam(id: $id)
  }
`);

export const CONTROL_JAM_MUTATION = graphql(`
  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {
    controlJam(id: $id, action: $action, positionMs: $positionMs) {
      id
    }
  }
`);

export const ADD_TO_JAM_QUEUE_MUTATION = graphql(`
  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {
    addToJamQueue(id: $id, songIds: $songIds) {
      id
    }
  }
`);

export const REMOVE_FROM_JAM_QUEUE_MUTATION = graphql(`
  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {
    removeFromJamQueue(id: $id, itemId: $itemId) {
      id
    }
  }
`);

export const MOVE_JAM_QUEUE_ITEM_MUTATION = graphql(`
  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {
    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {
      id
    }
  }
`);

export const SET_JAM_GUEST_CONTROL_MUTATION = graphql(`
  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {
    setJamGuestControl(id: $id, enabled: $enabled) {
      id
    }
  }
`);

export const JAM_SONG_SEARCH_QUERY = graphql(`
  query JamSongSearch($query: String!) {
    search(query: $query, first: 5) {
      songs {
        edges {
          node {
            id
            title
            status
            artist {
              id
              name
            }
          }
        }
      }
    }
  }
`);
