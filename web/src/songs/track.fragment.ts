import { graphql } from '@/gql';
import type { SongStatus as GeneratedSongStatus, TrackFieldsFragment } from '@/gql/graphql';

/** A song as lists show it (album track list, artist songs, search results, home rows): enough to play it. */
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
    likedByMe
    likeCount
  }
`);

export type TrackFields = TrackFieldsFragment;
export type SongStatus = GeneratedSongStatus;
