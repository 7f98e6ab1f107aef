import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SongStatus } from '@/songs/track.fragment';

// Hand-written typed document (API.md `songs`); replaced by graphql-codegen output later (see README).

export interface SongPageSong {
  id: string;
  title: string;
  genre: string | null;
  tags: string[];
  durationMs: number | null;
  status: SongStatus;
  failureReason: string | null;
  coverUrl: string | null;
  /** DateTime (ISO-8601). */
  createdAt: string;
  /** ~1,000 peaks in 0..1, once READY. */
  waveform: number[] | null;
  stream: {
    masterUrl: string;
    renditions: { bitrateKbps: number; codec: string; url: string }[];
  } | null;
  artist: { id: string; name: string };
  album: { id: string; title: string; coverUrl: string | null } | null;
  uploader: { id: string; displayName: string };
}

export const SONG_QUERY: TypedDocumentNode<{ song: SongPageSong | null }, { id: string }> = gql`
  query Song($id: ID!) {
    song(id: $id) {
      id
      title
      genre
      tags
      durationMs
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
    }
  }
`;
