import type { BaseSubgraphContext } from '@groovy/common/subgraph';
import DataLoader from 'dataloader';
import type { AlbumRecord } from './album/album.model';
import type { AlbumService } from './album/album.service';
import type { ArtistRecord } from './artist/artist.model';
import type { ArtistService } from './artist/artist.service';
import type { SongRecord } from './song/song.model';
import type { SongService } from './song/song.service';

/** Per-request batching: each loader turns the lookups of one tick into one database query. */
export interface SongsLoaders {
  /** Songs the caller may see (others resolve to null). */
  songById: DataLoader<string, SongRecord | null>;
  albumById: DataLoader<string, AlbumRecord | null>;
  artistById: DataLoader<string, ArtistRecord | null>;
  /** The songs of an album the caller may see, in the order they were added. */
  songsByAlbumId: DataLoader<string, SongRecord[]>;
  albumsByArtistId: DataLoader<string, AlbumRecord[]>;
  /** How many songs each user uploaded that the caller may see. */
  uploadCountByUserId: DataLoader<string, number>;
  /** Waveforms, read only when asked for (`LISTED_SONG_PROJECTION` leaves them out). */
  waveformBySongId: DataLoader<string, number[] | null>;
}

/** Per-request context of the songs subgraph. */
export interface SongsContext extends BaseSubgraphContext {
  /** The caller's user id, or null for anonymous calls. */
  viewerId: string | null;
  loaders: SongsLoaders;
}

export function createLoaders(
  viewerId: string | null,
  services: { songs: SongService; albums: AlbumService; artists: ArtistService },
): SongsLoaders {
  return {
    songById: new DataLoader((ids: readonly string[]) =>
      services.songs.findVisibleByIds(ids, viewerId),
    ),
    albumById: new DataLoader((ids: readonly string[]) => services.albums.findByIds(ids)),
    artistById: new DataLoader((ids: readonly string[]) => services.artists.findByIds(ids)),
    songsByAlbumId: new DataLoader((ids: readonly string[]) =>
      services.songs.findVisibleByAlbumIds(ids, viewerId),
    ),
    albumsByArtistId: new DataLoader((ids: readonly string[]) =>
      services.albums.findByArtistIds(ids),
    ),
    uploadCountByUserId: new DataLoader((ids: readonly string[]) =>
      services.songs.countVisibleByUploaders(ids, viewerId),
    ),
    waveformBySongId: new DataLoader((ids: readonly string[]) => services.songs.findWaveforms(ids)),
  };
}
