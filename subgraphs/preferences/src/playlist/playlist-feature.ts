import type { ReferenceResolvers } from '@groovy/common/graphql';
import type { OutboxSource, SubscribeOptions } from '@groovy/common/events';
import type { RelayNotifier, ResolverClass } from '@groovy/common/subgraph';
import type { Connection } from 'mongoose';
import type { PlaylistCatalogue } from './playlist-catalogue';
import { PlaylistItemResolver } from './playlist-item.resolver';
import { PlaylistEditLimits, type PlaylistEditRates } from './playlist-edit-limits';
import { PlaylistItemService } from './playlist-items.service';
import { LibraryPlaylistsResolver, UserPlaylistsResolver } from './playlist-lists.resolver';
import {
  createPlaylistItemModel,
  createPlaylistModel,
  createRemovedSongModel,
} from './playlist.model';
import { playlistReferenceResolver } from './playlist.reference';
import { PlaylistResolver } from './playlist.resolver';
import { PlaylistService } from './playlist.service';
import { PlaylistSongsConsumer } from './playlist-songs.consumer';

/**
 * Playlists, wired: the models, services, resolvers, the `Playlist` reference resolver, the outbox
 * source (PLAYLIST_*) and the SONG_DELETED consumer. The subgraph's module and description add
 * these to theirs, so the feature stays in this folder.
 */
export function createPlaylistFeature({
  connection,
  outbox,
  catalogue,
  editRates,
  now,
}: {
  connection: Connection;
  outbox: RelayNotifier;
  catalogue: PlaylistCatalogue;
  editRates: PlaylistEditRates;
  now: () => Date;
}) {
  const editLimits = new PlaylistEditLimits(
    () => connection.getClient().db(connection.name),
    editRates,
    now,
  );
  const playlistModel = createPlaylistModel(connection);
  const itemModel = createPlaylistItemModel(connection);
  const removedSongModel = createRemovedSongModel(connection);
  const playlists = new PlaylistService(playlistModel, itemModel, catalogue, outbox);
  const items = new PlaylistItemService(
    playlistModel,
    itemModel,
    removedSongModel,
    catalogue,
    outbox,
    editLimits,
  );
  return {
    playlists,
    items,
    /** `[class, instance]` pairs for `resolverContainer`. */
    resolvers: [
      [PlaylistResolver, new PlaylistResolver(playlists, items)],
      [PlaylistItemResolver, new PlaylistItemResolver()],
      [UserPlaylistsResolver, new UserPlaylistsResolver(playlists)],
      [LibraryPlaylistsResolver, new LibraryPlaylistsResolver(playlists)],
    ] as Array<[ResolverClass, object]>,
    referenceResolvers: {
      Playlist: { __resolveReference: playlistReferenceResolver(playlists) as never },
    } satisfies ReferenceResolvers,
    ensureIndexes: async () => {
      await Promise.all([
        playlistModel.syncIndexes(),
        itemModel.syncIndexes(),
        removedSongModel.syncIndexes(),
        editLimits.ensureIndexes(),
      ]);
    },
    outboxSources: (): OutboxSource[] => [
      {
        name: 'playlist',
        collection: connection.getClient().db(connection.name).collection('playlists'),
      },
    ],
    consumers: (): SubscribeOptions[] => [
      new PlaylistSongsConsumer(connection.getClient().db(connection.name), items).subscription(),
    ],
  };
}

export type PlaylistFeature = ReturnType<typeof createPlaylistFeature>;
