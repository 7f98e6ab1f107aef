'use client';

import Link from 'next/link';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useMemo } from 'react';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { formatDate } from '@/format/dates';
import type { PlaylistSummaryFragment } from '@/gql/graphql';
import { pagedListOf, type PagedList } from '@/graphql/paged-list';
import { usePagedList } from '@/graphql/use-paged-list';
import { PlaylistList } from '@/playlists/PlaylistList';
import type { TrackFields } from '@/songs/track.fragment';
import { PlayAllButton, TrackList } from '@/songs/TrackList';
import { ClearHistoryButton } from './ClearHistoryButton';
import {
  LIBRARY_ARTISTS_PAGE,
  LIBRARY_HISTORY_PAGE,
  LIBRARY_LIKED_PAGE,
  LIBRARY_PAGE_SIZE,
  LIBRARY_PLAYLISTS_PAGE,
  type LibraryData,
} from './library.query';

/*
 * The library's four lists: the first page comes with the server render, "Load more" asks for the
 * page after the list's cursor (the connection's endCursor), one list at a time.
 */

type Play = LibraryData['history']['edges'][number]['node'];
type FollowedArtist = LibraryData['followedArtists']['edges'][number]['node'];

const byId = (node: { id: string }) => node.id;
const playKey = (play: Play) => `${play.song.id}:${play.playedAt}`;

function missing(list: string): never {
  throw new Error(`library ${list} page missing`);
}

/** The state of a list's paging, as the footer shows it. */
interface PagingState {
  list: { nodes: readonly unknown[]; hasNextPage: boolean; totalCount: number };
  pending: boolean;
  error: string | undefined;
  announcement: string;
  loadMore: () => Promise<void>;
}

function Footer({ state }: { state: PagingState }) {
  return (
    <LoadMoreFooter
      hasNextPage={state.list.hasNextPage}
      pending={state.pending}
      loaded={state.list.nodes.length}
      totalCount={state.list.totalCount}
      error={state.error}
      announcement={state.announcement}
      onLoadMore={() => void state.loadMore()}
    />
  );
}

export function LibraryPlaylists({ initial }: { initial: LibraryData['playlists'] }) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string): Promise<PagedList<PlaylistSummaryFragment>> => {
      const { data } = await client.query({
        query: LIBRARY_PLAYLISTS_PAGE,
        variables: { first: LIBRARY_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      return pagedListOf(data?.library?.playlists ?? missing('playlists'));
    },
    [client],
  );
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: byId,
    noun: 'playlists',
  });
  return (
    <>
      <PlaylistList
        playlists={state.list.nodes}
        empty="No playlists yet: create one above, or use “Add to playlist” on any song."
      />
      <Footer state={state} />
    </>
  );
}

export function LibraryLikedSongs({ initial }: { initial: LibraryData['likedSongs'] }) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string): Promise<PagedList<TrackFields>> => {
      const { data } = await client.query({
        query: LIBRARY_LIKED_PAGE,
        variables: { first: LIBRARY_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      return pagedListOf(data?.library?.likedSongs ?? missing('liked songs'));
    },
    [client],
  );
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: byId,
    noun: 'liked songs',
  });
  const liked = state.list.nodes;
  return (
    <section aria-labelledby="library-liked" className="media-section">
      <div className="section-heading">
        <h2 id="library-liked" className="section-title">
          Liked songs <span className="section-count">{state.list.totalCount}</span>
        </h2>
        {liked.length > 0 ? <PlayAllButton songs={liked} label="Play liked songs" /> : null}
      </div>
      {liked.length > 0 ? (
        <TrackList songs={liked} showAlbum label="Liked songs" />
      ) : (
        <p className="empty-state">Tap the heart on any song to keep it here.</p>
      )}
      <Footer state={state} />
    </section>
  );
}

export function LibraryHistory({ initial }: { initial: LibraryData['history'] }) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string): Promise<PagedList<Play>> => {
      const { data } = await client.query({
        query: LIBRARY_HISTORY_PAGE,
        variables: { first: LIBRARY_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      return pagedListOf(data?.library?.history ?? missing('history'));
    },
    [client],
  );
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: playKey,
    noun: 'plays',
  });
  const history = state.list.nodes;
  return (
    <section aria-labelledby="library-history" className="media-section">
      <div className="section-heading">
        <h2 id="library-history" className="section-title">
          Recently played
        </h2>
        {history.length > 0 ? <ClearHistoryButton /> : null}
      </div>
      {history.length > 0 ? (
        <>
          <TrackList songs={history.map((play) => play.song)} showAlbum label="Recently played" />
          <p className="section-note">
            Last played{' '}
            <time dateTime={history[0]!.playedAt}>{formatDate(history[0]!.playedAt)}</time>.
          </p>
        </>
      ) : (
        <p className="empty-state">Nothing played yet.</p>
      )}
      <Footer state={state} />
    </section>
  );
}

export function LibraryArtists({ initial }: { initial: LibraryData['followedArtists'] }) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string): Promise<PagedList<FollowedArtist>> => {
      const { data } = await client.query({
        query: LIBRARY_ARTISTS_PAGE,
        variables: { first: LIBRARY_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      return pagedListOf(data?.library?.followedArtists ?? missing('followed artists'));
    },
    [client],
  );
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: byId,
    noun: 'artists',
  });
  const artists = state.list.nodes;
  return (
    <section aria-labelledby="library-artists" className="media-section">
      <h2 id="library-artists" className="section-title">
        Artists you follow <span className="section-count">{state.list.totalCount}</span>
      </h2>
      {artists.length > 0 ? (
        <ul className="artist-chips">
          {artists.map((artist) => (
            <li key={artist.id}>
              <Link href={`/artists/${artist.id}`} className="artist-chip">
                <span className="artist-chip__avatar" aria-hidden="true">
                  {[...artist.name.trim()][0]?.toUpperCase() ?? '?'}
                </span>
                {artist.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">Follow artists to hear about their new songs.</p>
      )}
      <Footer state={state} />
    </section>
  );
}
