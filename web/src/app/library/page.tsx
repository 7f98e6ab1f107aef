import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { query } from '@/apollo/server-client';
import { signInRedirectPath } from '@/auth/protected-routes';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { formatDate } from '@/format/dates';
import { PlaylistList } from '@/playlists/PlaylistList';
import { requireSession } from '@/preferences/require-session';
import { PlayAllButton, TrackList } from '@/songs/TrackList';
import { ClearHistoryButton } from './ClearHistoryButton';
import { LIBRARY_PAGE_SIZE, LIBRARY_QUERY, type LibraryData } from './library.query';
import { LibraryCreatePlaylist } from './LibraryCreatePlaylist';

export const metadata: Metadata = { title: 'Your library' };

async function loadLibrary(): Promise<LibraryData | null | 'unavailable'> {
  try {
    const { data } = await query({ query: LIBRARY_QUERY, variables: { first: LIBRARY_PAGE_SIZE } });
    return data?.library ?? null;
  } catch (error) {
    console.error('[web] library: loading failed', error);
    return 'unavailable';
  }
}

export default async function LibraryPage() {
  await requireSession('/library');
  const library = await loadLibrary();
  if (library === 'unavailable') return <ServiceUnavailable retryHref="/library" />;
  if (!library) redirect(signInRedirectPath('/library', 'SessionExpired'));

  const liked = library.likedSongs.edges.map((edge) => edge.node);
  const history = library.history.edges.map((edge) => edge.node);
  const playlists = library.playlists.edges.map((edge) => edge.node);
  const artists = library.followedArtists.edges.map((edge) => edge.node);
  return (
    <>
      <header className="page-header">
        <h1>Your library</h1>
        <p>Songs you liked, what you played, your playlists and the artists you follow.</p>
      </header>

      <section aria-labelledby="library-playlists" className="media-section">
        <h2 id="library-playlists" className="section-title">
          Playlists <span className="section-count">{library.playlists.totalCount}</span>
        </h2>
        <LibraryCreatePlaylist />
        <PlaylistList
          playlists={playlists}
          empty="No playlists yet: create one above, or use “Add to playlist” on any song."
        />
      </section>

      <section aria-labelledby="library-liked" className="media-section">
        <div className="section-heading">
          <h2 id="library-liked" className="section-title">
            Liked songs <span className="section-count">{library.likedSongs.totalCount}</span>
          </h2>
          {liked.length > 0 ? <PlayAllButton songs={liked} label="Play liked songs" /> : null}
        </div>
        {liked.length > 0 ? (
          <TrackList songs={liked} showAlbum label="Liked songs" />
        ) : (
          <p className="empty-state">Tap the heart on any song to keep it here.</p>
        )}
      </section>

      <section aria-labelledby="library-history" className="media-section">
        <div className="section-heading">
          <h2 id="library-history" className="section-title">
            Recently played
          </h2>
          {history.length > 0 ? <ClearHistoryButton /> : null}
        </div>
        {history.length > 0 ? (
          <>
            <TrackList songs={history.map((play) => play.song)} showAlbum label="Recently played" />
            <p className="section-note">
              Last played{' '}
              <time dateTime={history[0]!.playedAt}>{formatDate(history[0]!.playedAt)}</time>.
            </p>
          </>
        ) : (
          <p className="empty-state">Nothing played yet.</p>
        )}
      </section>

      <section aria-labelledby="library-artists" className="media-section">
        <h2 id="library-artists" className="section-title">
          Artists you follow{' '}
          <span className="section-count">{library.followedArtists.totalCount}</span>
        </h2>
        {artists.length > 0 ? (
          <ul className="artist-chips">
            {artists.map((artist) => (
              <li key={artist.id}>
                <Link href={`/artists/${artist.id}`} className="artist-chip">
                  <span className="artist-chip__avatar" aria-hidden="true">
                    {[...artist.name.trim()][0]?.toUpperCase() ?? '?'}
                  </span>
                  {artist.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">Follow artists to hear about their new songs.</p>
        )}
      </section>
    </>
  );
}
