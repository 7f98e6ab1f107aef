'use client';

import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { pagedListOf } from '@/graphql/paged-list';
import { PagedSongsSection } from '@/songs/PagedSongsSection';
import { ARTIST_SONGS_PAGE_SIZE, ARTIST_SONGS_QUERY, type ArtistSongPage } from './artist.query';

/** The artist's songs: first page from the server render, then "Load more" with the `after` cursor. */
export function ArtistSongs({
  artistId,
  artistName,
  initial,
}: {
  artistId: string;
  artistName: string;
  initial: ArtistSongPage;
}) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string) => {
      const { data } = await client.query({
        query: ARTIST_SONGS_QUERY,
        variables: { id: artistId, first: ARTIST_SONGS_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      const page = data?.artist?.songs;
      if (!page) throw new Error('artist songs page missing');
      return pagedListOf(page);
    },
    [client, artistId],
  );
  return (
    <PagedSongsSection
      headingId="artist-songs-title"
      heading="Songs"
      label={`Songs by ${artistName}`}
      initial={initial}
      loadPage={loadPage}
    />
  );
}
