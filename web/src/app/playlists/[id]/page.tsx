import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { loadEntity } from '@/apollo/load-entity';
import { Conversation } from '@/comments/Conversation';
import { query } from '@/apollo/server-client';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { PlaylistEditor } from './PlaylistEditor';
import { PLAYLIST_ITEMS_PAGE_SIZE, PLAYLIST_PAGE_QUERY } from './playlist.query';

type Props = { params: Promise<{ id: string }> };

const loadPlaylist = cache((id: string) =>
  loadEntity(
    'playlist',
    async () =>
      (
        await query({
          query: PLAYLIST_PAGE_QUERY,
          variables: { id, first: PLAYLIST_ITEMS_PAGE_SIZE },
        })
      ).data?.playlist,
  ),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadPlaylist((await params).id);
  if (loaded.kind !== 'ok') return { title: 'Playlist' };
  return { title: `${loaded.value.name} · playlist by ${loaded.value.owner.displayName}` };
}

export default async function PlaylistPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadPlaylist(id);
  // A PRIVATE playlist of someone else is NOT_FOUND, like one that does not exist.
  if (loaded.kind === 'not-found') notFound();
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref={`/playlists/${id}`} />;
  const playlist = loaded.value;
  return (
    <article aria-labelledby="playlist-title" className="playlist-page">
      <PlaylistEditor
        key={playlist.updatedAt}
        playlist={playlist}
        items={playlist.items.edges.map((edge) => edge.node)}
        totalCount={playlist.items.totalCount}
        endCursor={playlist.items.pageInfo.hasNextPage ? playlist.items.pageInfo.endCursor : null}
      />
      <Conversation targetType="PLAYLIST" targetId={playlist.id} ownerId={playlist.owner.id} />
    </article>
  );
}
