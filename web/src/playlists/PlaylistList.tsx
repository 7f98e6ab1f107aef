import Link from 'next/link';
import type { PlaylistSummaryFragment } from '@/gql/graphql';

/** A list of playlists (library, profiles): name, owner, size, visibility. */
export function PlaylistList({
  playlists,
  empty,
  showOwner = true,
}: {
  playlists: readonly PlaylistSummaryFragment[];
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
              {showOwner ? ` · by ${playlist.owner.displayName}` : null}
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
