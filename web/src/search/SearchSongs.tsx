'use client';

import { useApolloClient } from '@apollo/client/react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatDuration, spokenDuration } from '@/format/durations';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { usePlayer } from '@/player/PlayerProvider';
import { playableTracks } from '@/player/track';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { SongPlayButton } from '@/songs/SongPlayButton';
import { Highlighted } from './Highlighted';
import {
  fieldSnippet,
  otherSnippets,
  SEARCH_PAGE_SIZE,
  titleSnippet,
  type SearchFilterInput,
  type SongSearchConnection,
  type SongSearchEdge,
} from './search.operations';
import { graphql } from '@/gql';

/** "Load more" on the search page: the next songs after the connection's endCursor. */
const SEARCH_MORE_SONGS_QUERY = graphql(`
  query SearchMoreSongs(
    $query: String!
    $filter: SearchFilter
    $first: Int!
    $after: String!
    $signedIn: Boolean = true
  ) {
    search(query: $query, filter: $filter, first: $first, after: $after) {
      songs {
        ...SongSearchConnectionFields
      }
    }
  }
`);

/** Song results with their highlights (score not shown); play queues the results; "Load more". */
export function SearchSongs({
  queryText,
  filter,
  initial,
  signedIn,
}: {
  queryText: string;
  filter: SearchFilterInput | null;
  initial: SongSearchConnection;
  /** Whether the page was rendered for a signed-in listener (then each song carries its heart). */
  signedIn: boolean;
}) {
  const client = useApolloClient();
  const player = usePlayer();
  const [edges, setEdges] = useState<SongSearchEdge[]>(initial.edges);
  const [pageInfo, setPageInfo] = useState(initial.pageInfo);
  const [totalCount, setTotalCount] = useState(initial.totalCount);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const songs = useMemo(() => edges.map((e) => e.node), [edges]);
  const tracks = useMemo(() => playableTracks(songs), [songs]);

  async function loadMore() {
    if (pending || !pageInfo.hasNextPage || !pageInfo.endCursor) return;
    setPending(true);
    setError(undefined);
    try {
      const { data } = await client.query({
        query: SEARCH_MORE_SONGS_QUERY,
        variables: {
          query: queryText,
          filter,
          first: SEARCH_PAGE_SIZE,
          after: pageInfo.endCursor,
          signedIn,
        },
        fetchPolicy: 'no-cache',
      });
      const page = data?.search.songs;
      if (!page) throw new Error('search page missing');
      setEdges((current) => {
        const known = new Set(current.map((e) => e.node.id));
        return [...current, ...page.edges.filter((e) => !known.has(e.node.id))];
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
    <section aria-labelledby="search-songs-title" className="media-section">
      <h2 id="search-songs-title" className="section-title">
        Songs <span className="section-count">{totalCount}</span>
      </h2>
      <ol className="track-list search-songs" aria-label={`Songs matching ${queryText}`}>
        {edges.map(({ node: song, highlights }) => {
          const current = player.track?.id === song.id;
          const extra = otherSnippets(highlights);
          return (
            <li key={song.id} className="track-row" data-current={current ? 'true' : undefined}>
              <SongPlayButton song={song} queue={tracks} />
              <div className="track-row__main">
                <Link href={`/songs/${song.id}`} className="track-row__title">
                  <Highlighted snippet={titleSnippet(highlights)} fallback={song.title} />
                </Link>
                <span className="track-row__sub">
                  <Link href={`/artists/${song.artist.id}`}>
                    <Highlighted
                      snippet={fieldSnippet(highlights, 'artist')}
                      fallback={song.artist.name}
                    />
                  </Link>
                  {song.album ? (
                    <>
                      {' · '}
                      <Link href={`/albums/${song.album.id}`}>
                        <Highlighted
                          snippet={fieldSnippet(highlights, 'album')}
                          fallback={song.album.title}
                        />
                      </Link>
                    </>
                  ) : null}
                </span>
                {extra.length > 0 ? (
                  <span className="search-snippets">
                    {extra.slice(0, 2).map((h, i) => (
                      <span key={i} className="search-snippet">
                        <Highlighted snippet={h.snippet} />
                      </span>
                    ))}
                  </span>
                ) : null}
              </div>
              <span className="track-row__duration">
                <span aria-hidden="true">{formatDuration(song.durationMs)}</span>
                <span className="visually-hidden">{spokenDuration(song.durationMs)}</span>
              </span>
            </li>
          );
        })}
      </ol>
      <LoadMoreFooter
        hasNextPage={pageInfo.hasNextPage}
        pending={pending}
        loaded={edges.length}
        totalCount={totalCount}
        error={error}
        announcement={announcement}
        onLoadMore={loadMore}
      />
    </section>
  );
}
