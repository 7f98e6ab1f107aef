import { graphql } from '@/gql';
import type { SongStatus as GeneratedSongStatus, TrackFieldsFragment } from '@/gql/graphql';

/**
 * A song as lists show it (album track list, artist songs, search results, home rows): enough to
 * play it. `likedByMe` is the caller's own: every operation spreading this fragment declares
 * `$signedIn: Boolean = true`, and the pages anonymous visitors hit most (search, home) pass the
 * session's state, so an anonymous page makes no preferences fetch at all (`likeCount` comes from
 * the query subgraph too) and stays cacheable (likedByMe is a private field).
 */
export const TRACK_FIELDS = graphql(`
  fragment TrackFields on Song {
    id
    title
    status
    durationMs
    loudnessLufs
    coverUrl
    artist {
      id
      name
    }
    album {
      id
      title
      coverUrl
    }
    stream {
      masterUrl
    }
    likedByMe @include(if: $signedIn)
    likeCount
  }
`);

export type TrackFields = TrackFieldsFragment;
export type SongStatus = GeneratedSongStatus;
