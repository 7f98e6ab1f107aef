import type { Types } from 'mongoose';
import type { AlbumModel } from '../album/album.model';
import type { ArtistModel } from '../artist/artist.model';
import type { SongNames } from './catalogue-event-builders';

const UNKNOWN_ARTIST = 'Unknown artist';

/** Reads the names an event carries, for writers that hold only the ids (a status change, a detach). */
export class CatalogueNames {
  constructor(
    private readonly artists: ArtistModel,
    private readonly albums: AlbumModel,
  ) {}

  async artistName(artistId: Types.ObjectId): Promise<string> {
    return (await this.artists.findById(artistId).lean())?.name ?? UNKNOWN_ARTIST;
  }

  async forSong(song: {
    artistId: Types.ObjectId;
    albumId?: Types.ObjectId | null;
  }): Promise<SongNames> {
    const [artistName, album] = await Promise.all([
      this.artistName(song.artistId),
      song.albumId ? this.albums.findById(song.albumId).lean() : Promise.resolve(null),
    ]);
    return { artistName, album };
  }
}
