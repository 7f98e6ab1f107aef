import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { query } from '@/apollo/server-client';
import { loadEntity } from '@/apollo/load-entity';
import { Conversation } from '@/comments/Conversation';
import { CoverArt } from '@/components/CoverArt';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { formatDate } from '@/format/dates';
import { formatDuration } from '@/format/durations';
import { AlbumRating } from '@/preferences/AlbumRating';
import { PlayAllButton, TrackList } from '@/songs/TrackList';
import { ALBUM_QUERY } from './album.query';

type Props = { params: Promise<{ id: string }> };

const loadAlbum = cache((id: string) =>
  loadEntity(
    'album',
    async () => (await query({ query: ALBUM_QUERY, variables: { id } })).data?.album,
  ),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadAlbum((await params).id);
  if (loaded.kind !== 'ok') return { title: 'Album' };
  return { title: `${loaded.value.title} · ${loaded.value.artist.name}` };
}

export default async function AlbumPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadAlbum(id);
  if (loaded.kind === 'not-found') notFound();
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref={`/albums/${id}`} />;
  const album = loaded.value;
  const totalMs = album.songs.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  return (
    <article aria-labelledby="album-title">
      <header className="media-header">
        <CoverArt src={album.coverUrl} alt={`Cover of ${album.title}`} />
        <div className="media-header__text">
          <p className="eyebrow">Album</p>
          <h1 id="album-title">{album.title}</h1>
          <p className="media-header__meta">
            <Link href={`/artists/${album.artist.id}`} className="media-header__artist">
              {album.artist.name}
            </Link>
            {album.releaseDate ? (
              <>
                <span aria-hidden="true"> · </span>
                <time dateTime={album.releaseDate}>{formatDate(album.releaseDate)}</time>
              </>
            ) : null}
            <span aria-hidden="true"> · </span>
            {album.songs.length} song{album.songs.length === 1 ? '' : 's'}
            {totalMs > 0 ? `, ${formatDuration(totalMs)}` : null}
          </p>
          <div className="form-actions">
            <PlayAllButton songs={album.songs} />
          </div>
          <AlbumRating albumId={album.id} title={album.title} initial={album.rating} />
        </div>
      </header>
      <TrackList songs={album.songs} label={`Songs of ${album.title}`} />
      <Conversation targetType="ALBUM" targetId={album.id} />
    </article>
  );
}
