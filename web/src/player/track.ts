/** What the player needs to know about a song (a READY one: it has a stream). */
export interface PlayerTrack {
  id: string;
  title: string;
  artistId: string;
  artistName: string;
  albumId?: string | null;
  albumTitle?: string | null;
  coverUrl?: string | null;
  durationMs?: number | null;
  /** HLS master playlist. */
  masterUrl: string;
}

/** The subset of API.md's `Song` the pages fetch to make a track from it. */
export interface PlayableSongFields {
  id: string;
  title: string;
  status: string;
  durationMs: number | null;
  coverUrl: string | null;
  artist: { id: string; name: string };
  album?: { id: string; title: string; coverUrl?: string | null } | null;
  stream: { masterUrl: string } | null;
}

/** A track for the player, or null for a song that cannot be played (yet). */
export function trackFromSong(song: PlayableSongFields): PlayerTrack | null {
  if (song.status !== 'READY' || !song.stream?.masterUrl) return null;
  return {
    id: song.id,
    title: song.title,
    artistId: song.artist.id,
    artistName: song.artist.name,
    albumId: song.album?.id ?? null,
    albumTitle: song.album?.title ?? null,
    coverUrl: song.coverUrl ?? song.album?.coverUrl ?? null,
    durationMs: song.durationMs,
    masterUrl: song.stream.masterUrl,
  };
}

export function playableTracks(songs: readonly PlayableSongFields[]): PlayerTrack[] {
  return songs.map(trackFromSong).filter((t): t is PlayerTrack => t !== null);
}
