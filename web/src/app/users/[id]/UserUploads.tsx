'use client';

import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { pagedListOf } from '@/graphql/paged-list';
import { PagedSongsSection } from '@/songs/PagedSongsSection';
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
  const loadPage = useCallback(
    async (after: string) => {
      const { data } = await client.query({
        query: USER_UPLOADS_QUERY,
        variables: { id: userId, first: USER_UPLOADS_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      const page = data?.user?.uploads;
      if (!page) throw new Error('user uploads page missing');
      return pagedListOf(page);
    },
    [client, userId],
  );
  return (
    <PagedSongsSection
      headingId="user-uploads-title"
      heading="Uploads"
      label={`Songs uploaded by ${displayName}`}
      initial={initial}
      loadPage={loadPage}
    />
  );
}
