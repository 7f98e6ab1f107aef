import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { query } from '@/apollo/server-client';
import { signInRedirectPath } from '@/auth/protected-routes';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { requireSession } from '@/preferences/require-session';
import { LIBRARY_PAGE_SIZE, LIBRARY_QUERY, type LibraryData } from './library.query';
import { LibraryCreatePlaylist } from './LibraryCreatePlaylist';
import {
  LibraryArtists,
  LibraryHistory,
  LibraryLikedSongs,
  LibraryPlaylists,
} from './LibraryLists';

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
        <LibraryPlaylists initial={library.playlists} />
      </section>

      <LibraryLikedSongs initial={library.likedSongs} />
      <LibraryHistory initial={library.history} />
      <LibraryArtists initial={library.followedArtists} />
    </>
  );
}
