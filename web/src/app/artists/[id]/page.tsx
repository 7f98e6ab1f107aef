import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { query } from '@/apollo/server-client';
import { loadEntity } from '@/apollo/load-entity';
import { CoverArt } from '@/components/CoverArt';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { FollowButton } from '@/preferences/FollowButton';
import { ArtistSongs } from './ArtistSongs';
import { ARTIST_QUERY, ARTIST_SONGS_PAGE_SIZE } from './artist.query';

type Props = { params: Promise<{ id: string }> };

const loadArtist = cache((id: string) =>
  loadEntity(
    'artist',
    async () =>
      (await query({ query: ARTIST_QUERY, variables: { id, first: ARTIST_SONGS_PAGE_SIZE } })).data
        ?.artist,
  ),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadArtist((await params).id);
  return { title: loaded.kind === 'ok' ? loaded.value.name : 'Artist' };
}

export default async function ArtistPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadArtist(id);
  if (loaded.kind === 'not-found') notFound();
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref={`/artists/${id}`} />;
  const artist = loaded.value;
  return (
    <article aria-labelledby="artist-name">
      <header className="media-header media-header--artist">
        <div className="artist-avatar" aria-hidden="true">
          {[...artist.name.trim()][0]?.toUpperCase() ?? '?'}
        </div>
        <div className="media-header__text">
          <p className="eyebrow">Artist</p>
          <h1 id="artist-name">{artist.name}</h1>
          <p className="media-header__meta">
            {artist.songs.totalCount} song{artist.songs.totalCount === 1 ? '' : 's'}
            {artist.albums.length > 0
              ? ` · ${artist.albums.length} album${artist.albums.length === 1 ? '' : 's'}`
              : null}
          </p>
          <FollowButton
            kind="artist"
            id={artist.id}
            name={artist.name}
            initial={{ followedByMe: artist.followedByMe, followerCount: artist.followerCount }}
          />
        </div>
      </header>

      {artist.albums.length > 0 ? (
        <section aria-labelledby="artist-albums-title" className="media-section">
          <h2 id="artist-albums-title" className="section-title">
            Albums
          </h2>
          <ul className="album-grid">
            {artist.albums.map((album) => (
              <li key={album.id}>
                <Link href={`/albums/${album.id}`} className="album-card">
                  <CoverArt src={album.coverUrl} size="medium" />
                  <span className="album-card__title">{album.title}</span>
                  {album.releaseDate ? (
                    <span className="album-card__year">{album.releaseDate.slice(0, 4)}</span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ArtistSongs artistId={artist.id} artistName={artist.name} initial={artist.songs} />
    </article>
  );
}
