import Link from 'next/link';
import type { PlaylistSummaryFragment } from '@/gql/graphql';

/** What a row needs: the owner only where it is shown (a profile's list leaves it out). */
export type PlaylistListEntry = Pick<
  PlaylistSummaryFragment,
  'id' | 'name' | 'itemCount' | 'visibility' | 'collaborative'
> & { owner?: Pick<PlaylistSummaryFragment['owner'], 'displayName'> };

/** A list of playlists (library, profiles): name, owner, size, visibility. */
export function PlaylistList({
  playlists,
  empty,
  showOwner = true,
}: {
  playlists: readonly PlaylistListEntry[];
  empty: string;
  showOwner?: boolean;
}) {
  if (playlists.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <ul className="playlist-list">
      {playlists.map((playlist) => (
        <li key={playlist.id}>
          <Link href={`/playlists/${playlist.id}`} className="playlist-card">
            <span className="playlist-card__name">{playlist.name}</span>
            <span className="playlist-card__meta">
              {playlist.itemCount} song{playlist.itemCount === 1 ? '' : 's'}
              {showOwner && playlist.owner ? ` · by ${playlist.owner.displayName}` : null}
              {' · '}
              {playlist.visibility === 'PUBLIC' ? 'Public' : 'Private'}
              {playlist.collaborative ? ' · Collaborative' : null}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
