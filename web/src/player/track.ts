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
  /** Integrated loudness (LUFS), for volume normalisation. */
  loudnessLufs?: number | null;
  /** The waveform peaks when the page has them: they bound how far a quiet song may be boosted. */
  waveform?: readonly number[] | null;
  /** The heart's first state in the player bar (then the shared Apollo cache entry). */
  likedByMe?: boolean;
  likeCount?: number;
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
  loudnessLufs?: number | null;
  waveform?: readonly number[] | null;
  likedByMe?: boolean;
  likeCount?: number;
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
    loudnessLufs: song.loudnessLufs ?? null,
    waveform: song.waveform ?? null,
    ...(song.likedByMe === undefined ? {} : { likedByMe: song.likedByMe }),
    ...(song.likeCount === undefined ? {} : { likeCount: song.likeCount }),
  };
}

export function playableTracks(songs: readonly PlayableSongFields[]): PlayerTrack[] {
  return songs.map(trackFromSong).filter((t): t is PlayerTrack => t !== null);
}
