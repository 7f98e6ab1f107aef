'use client';

import type { PlaylistItemFieldsFragment } from '@/gql/graphql';
import { PlaylistCollaborators } from './PlaylistCollaborators';
import { PlaylistHeader } from './PlaylistHeader';
import { PlaylistItems } from './PlaylistItems';
import type { PlaylistPagePlaylist } from './playlist.query';

/** The playlist page's interactive part: details (rename, visibility, share), items, collaborators. */
export function PlaylistEditor({
  playlist,
  items,
  totalCount,
  endCursor,
}: {
  playlist: PlaylistPagePlaylist;
  items: PlaylistItemFieldsFragment[];
  totalCount: number;
  /** Where the next page of items starts; null when all are here. */
  endCursor: string | null;
}) {
  return (
    <>
      <PlaylistHeader playlist={playlist} songs={items.map((item) => item.song)} />
      <PlaylistItems
        playlistId={playlist.id}
        initialItems={items}
        totalCount={totalCount}
        endCursor={endCursor}
        editable={playlist.editableByMe}
        name={playlist.name}
      />
      {playlist.ownedByMe || playlist.collaborators.length > 0 ? (
        <PlaylistCollaborators playlist={playlist} />
      ) : null}
    </>
  );
}
