'use client';

import { useApolloClient } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { PlayAllButton, TrackList } from '@/songs/TrackList';
import {
  USER_UPLOADS_PAGE_SIZE,
  USER_UPLOADS_QUERY,
  type UserUploadPage,
} from './user-profile.query';

/** The songs a user uploaded: first page from the server render, then "Load more" with the cursor. */
export function UserUploads({
  userId,
  displayName,
  initial,
}: {
  userId: string;
  displayName: string;
  initial: UserUploadPage;
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
        query: USER_UPLOADS_QUERY,
        variables: { id: userId, first: USER_UPLOADS_PAGE_SIZE, after: pageInfo.endCursor },
        fetchPolicy: 'network-only',
      });
      const page = data?.user?.uploads;
      if (!page) throw new Error('user uploads page missing');
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
    <section aria-labelledby="user-uploads-title" className="media-section">
      <div className="media-section__header">
        <h2 id="user-uploads-title" className="section-title">
          Uploads <span className="section-count">{totalCount}</span>
        </h2>
        <PlayAllButton songs={songs} />
      </div>
      <TrackList songs={songs} showAlbum label={`Songs uploaded by ${displayName}`} />
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
