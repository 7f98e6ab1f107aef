'use client';

import { useRouter } from 'next/navigation';
import { CreatePlaylistForm } from '@/playlists/CreatePlaylistForm';

/** The library's "New playlist" form: opens the playlist it created. */
export function LibraryCreatePlaylist() {
  const router = useRouter();
  return <CreatePlaylistForm onCreated={(playlist) => router.push(`/playlists/${playlist.id}`)} />;
}
