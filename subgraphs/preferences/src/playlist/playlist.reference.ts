import type { PreferencesContext } from '../preferences-context';
import { requireVisible } from './playlist-access';
import { playlistLoaders } from './playlist-loaders';
import { toPlaylist, type Playlist } from './playlist';
import type { PlaylistService } from './playlist.service';

/**
 * Resolves `Playlist` references for the router (`_entities`), batched per request. A playlist the
 * caller may not see is NOT_FOUND here exactly as through Query.playlist: a PRIVATE playlist does
 * not leak through another subgraph's reference to it (a comment on it, a search hit).
 */
export function playlistReferenceResolver(playlists: PlaylistService) {
  return async (reference: { id: string }, context: PreferencesContext): Promise<Playlist> => {
    const record = await playlistLoaders(context, playlists).playlistById.load(reference.id);
    return toPlaylist(requireVisible(record, context.viewerId, reference.id));
  };
}
