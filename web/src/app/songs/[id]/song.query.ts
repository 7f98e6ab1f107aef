import { graphql } from '@/gql';
import type { SongQuery } from '@/gql/graphql';

export type SongPageSong = NonNullable<SongQuery['song']>;

export const SONG_QUERY = graphql(`
  query Song($id: ID!, $signedIn: Boolean = true) {
    song(id: $id) {
      id
      title
      genre
      tags
      durationMs
      loudnessLufs
      status
      failureReason
      coverUrl
      createdAt
      waveform
      stream {
        masterUrl
        renditions {
          bitrateKbps
          codec
          url
        }
      }
      artist {
        id
        name
      }
      album {
        id
        title
        coverUrl
      }
      uploader {
        id
        displayName
      }
      likedByMe @include(if: $signedIn)
      likeCount
      playCount
    }
  }
`);
