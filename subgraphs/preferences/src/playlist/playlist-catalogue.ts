import type { Collection, Document } from 'mongodb';

/**
 * What playlists need to know of the rest of the platform, learnt from events by the subgraph's
 * catalogue (SONG_* from songs, USER_REGISTERED from auth). An interface so the playlist rules do
 * not depend on how the catalogue stores its copies.
 */
export interface PlaylistCatalogue {
  /** The ids among `songIds` of songs that exist (not deleted) and are READY. */
  readySongIds(songIds: readonly string[]): Promise<Set<string>>;
  /** The ids among `userIds` of accounts that exist. */
  existingUserIds(userIds: readonly string[]): Promise<Set<string>>;
}

/**
 * The catalogue's collections (catalogue/catalogue.model.ts: `known_songs` with `status` and a
 * `deleted` tombstone, `known_users`), read directly: playlists only ask which ids qualify.
 */
export interface PlaylistCatalogueCollections {
  songs: Collection;
  users: Collection;
}

/** The catalogue as playlists ask it: READY songs that are not deleted, users that registered. */
export function catalogueForPlaylists(
  collections: PlaylistCatalogueCollections,
): PlaylistCatalogue {
  // The catalogue's ids are strings (other subgraphs' ids, opaque here).
  const ids = async (
    collection: Collection,
    wanted: readonly string[],
    filter: Document = {},
  ): Promise<Set<string>> =>
    new Set(
      (
        await collection
          .find({ _id: { $in: [...wanted] }, ...filter } as Document, { projection: { _id: 1 } })
          .toArray()
      ).map((doc) => String(doc._id)),
    );
  return {
    readySongIds: (songIds) =>
      ids(collections.songs, songIds, { deleted: { $ne: true }, status: 'READY' }),
    existingUserIds: (userIds) => ids(collections.users, userIds),
  };
}
