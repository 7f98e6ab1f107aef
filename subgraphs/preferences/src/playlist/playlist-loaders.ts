import DataLoader from 'dataloader';
import type { PlaylistRecord } from './playlist.model';
import type { PlaylistService } from './playlist.service';

/** Per-request batching for playlists (entity references, lists of playlist ids). */
export interface PlaylistLoaders {
  /** Live playlists by id, whoever may see them: callers check visibility. */
  playlistById: DataLoader<string, PlaylistRecord | null>;
}

const perRequest = new WeakMap<object, PlaylistLoaders>();

/**
 * The loaders of this request, made on first use and dropped with the request's context object:
 * batching within one request, never a cache across requests.
 */
export function playlistLoaders(context: object, playlists: PlaylistService): PlaylistLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      playlistById: new DataLoader((ids: readonly string[]) => playlists.findByIds(ids)),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
