import { gql } from '@apollo/client';
import type { PlayableSongFields } from '@/player/track';

// Hand-written (API.md `songs`); replaced by graphql-codegen output later (see README).

export type SongStatus = 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';

/** A song as lists show it (album track list, artist songs): enough to play it. */
export interface TrackFields extends PlayableSongFields {
  __typename?: 'Song';
  status: SongStatus;
  album: { id: string; title: string; coverUrl: string | null } | null;
}

export const TRACK_FIELDS = gql`
  fragment TrackFields on Song {
    id
    title
    status
    durationMs
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
  }
`;

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}
