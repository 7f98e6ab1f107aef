'use client';

import { useMemo, useRef, type ReactNode } from 'react';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { pagedListOf } from '@/graphql/paged-list';
import type { PagedList } from '@/graphql/paged-list';
import { usePagedList } from '@/graphql/use-paged-list';
import type { TrackFields } from './track.fragment';
import { PlayAllButton, TrackList } from './TrackList';

/** A page of songs as a connection fragment carries it (artist songs, a user's uploads). */
export interface SongConnectionPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: TrackFields }[];
}

const byId = (song: TrackFields) => song.id;

/**
 * A titled list of songs with "Play all": the first page from the server render, then "Load more"
 * asks `loadPage` for the page after the list's cursor (an artist's songs, a user's uploads).
 */
export function PagedSongsSection({
  headingId,
  heading,
  label,
  initial,
  loadPage,
}: {
  headingId: string;
  heading: ReactNode;
  /** The track list's accessible name. */
  label: string;
  initial: SongConnectionPage;
  loadPage: (after: string) => Promise<PagedList<TrackFields>>;
}) {
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: byId,
    noun: 'songs',
  });
  const listEndRef = useRef<HTMLDivElement>(null);
  const songs = state.list.nodes as TrackFields[];
  return (
    <section aria-labelledby={headingId} className="media-section">
      <div className="media-section__header">
        <h2 id={headingId} className="section-title">
          {heading} <span className="section-count">{state.list.totalCount}</span>
        </h2>
        <PlayAllButton songs={songs} />
      </div>
      <TrackList songs={songs} showAlbum label={label} />
      <LoadMoreFooter
        hasNextPage={state.list.hasNextPage}
        pending={state.pending}
        loaded={songs.length}
        totalCount={state.list.totalCount}
        error={state.error}
        announcement={state.announcement}
        onLoadMore={() => void state.loadMore()}
        footerRef={listEndRef}
      />
    </section>
  );
}
