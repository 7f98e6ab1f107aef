import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Album, toAlbum } from '../album/album';
import { parseObjectId } from '../object-id';
import { SongConnection, toSongConnection } from '../song/song-connection';
import type { SongService } from '../song/song.service';
import type { SongsContext } from '../songs-context';
import { Artist, toArtist } from './artist';

@Resolver(() => Artist)
export class ArtistResolver {
  constructor(private readonly songService: SongService) {}

  @Query(() => Artist, { nullable: true })
  async artist(
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<Artist | null> {
    const record = await context.loaders.artistById.load(parseObjectId('id', id).toHexString());
    return record ? toArtist(record) : null;
  }

  @FieldResolver(() => SongConnection, { description: 'Newest first; `first` 0-100 (default 20).' })
  async songs(
    @Root() artist: Artist,
    @Ctx() context: SongsContext,
    // type-graphql lists arguments last-parameter-first: this prints `songs(first, after)`.
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<SongConnection> {
    return toSongConnection(
      await this.songService.listByArtist(parseObjectId('id', artist.id), context.viewerId, {
        first,
        after,
      }),
    );
  }

  @FieldResolver(() => [Album], { description: 'Newest release first.' })
  async albums(@Root() artist: Artist, @Ctx() context: SongsContext): Promise<Album[]> {
    return (await context.loaders.albumsByArtistId.load(artist.id)).map(toAlbum);
  }
}
