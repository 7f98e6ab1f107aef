'use client';

import { useApolloClient } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { PlayAllButton, TrackList } from '@/songs/TrackList';
import { ARTIST_SONGS_PAGE_SIZE, ARTIST_SONGS_QUERY, type ArtistSongPage } from './artist.query';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';

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
  const [songs, setSongs] = useState(() => initial.edges.map((e) => e.node));
  const [pageInfo, setPageInfo] = useState(initial.pageInfo);
  const [totalCount, setTotalCount] = useState(initial.totalCount);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const listEndRef = useRef<HTMLDivElement>(null);

  async function loadMore() {
    if (pending || !pageInfo.hasNextPage || !pageInfo.endCursor) return;
    setPending(true);
    setError(undefined);
    try {
      const { data } = await client.query({
        query: ARTIST_SONGS_QUERY,
        variables: { id: artistId, first: ARTIST_SONGS_PAGE_SIZE, after: pageInfo.endCursor },
        fetchPolicy: 'network-only',
      });
      const page = data?.artist?.songs;
      if (!page) throw new Error('artist songs page missing');
      setSongs((current) => {
        const known = new Set(current.map((s) => s.id));
        return [...current, ...page.edges.map((e) => e.node).filter((s) => !known.has(s.id))];
      });
      setPageInfo(page.pageInfo);
      setTotalCount(page.totalCount);
      setAnnouncement(`${page.edges.length} more songs loaded.`);
    } catch (e) {
      setError(formErrorsFromApolloError(e).form ?? 'Could not load more songs. Please try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="artist-songs-title" className="media-section">
      <div className="media-section__header">
        <h2 id="artist-songs-title" className="section-title">
          Songs <span className="section-count">{totalCount}</span>
        </h2>
        <PlayAllButton songs={songs} />
      </div>
      <TrackList songs={songs} showAlbum label={`Songs by ${artistName}`} />
      <LoadMoreFooter
        hasNextPage={pageInfo.hasNextPage}
        pending={pending}
        loaded={songs.length}
        totalCount={totalCount}
        error={error}
        announcement={announcement}
        onLoadMore={loadMore}
        footerRef={listEndRef}
      />
    </section>
  );
}
