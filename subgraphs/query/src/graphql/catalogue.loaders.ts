import DataLoader from 'dataloader';
import type { AlbumDocument, ArtistDocument, SongDocument } from '../read-model/documents';
import type { ReadModel } from '../read-model/read-model';

/**
 * Per-request batching over the read model: the songs, albums and artists of one response are
 * read with one query per collection (ids the read model does not know resolve to null).
 */
export interface CatalogueLoaders {
  songById: DataLoader<string, SongDocument | null>;
  albumById: DataLoader<string, AlbumDocument | null>;
  artistById: DataLoader<string, Pick<ArtistDocument, '_id' | 'name'> | null>;
}

function byId<T extends { _id: string }>(ids: readonly string[], found: T[]): (T | null)[] {
  const map = new Map(found.map((item) => [item._id, item]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createCatalogueLoaders(readModel: ReadModel): CatalogueLoaders {
  return {
    songById: new DataLoader(async (ids) => byId(ids, await readModel.findSongs(ids))),
    albumById: new DataLoader(async (ids) => byId(ids, await readModel.findAlbums(ids))),
    artistById: new DataLoader(async (ids) => byId(ids, await readModel.findArtists(ids))),
  };
}
