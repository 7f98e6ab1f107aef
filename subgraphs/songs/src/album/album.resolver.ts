import {
  Arg,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Artist, toArtist } from '../artist/artist';
import { parseObjectId } from '../object-id';
import { Song, toSong } from '../song/song';
import { requireUserId } from '@groovy/common/subgraph';
import type { SongsContext } from '../songs-context';
import { Album, toAlbum } from './album';
import { CreateAlbumInput, UpdateAlbumInput } from './album.inputs';
import type { AlbumService } from './album.service';

@Resolver(() => Album)
export class AlbumResolver {
  constructor(private readonly albums: AlbumService) {}

  @Query(() => Album, { nullable: true })
  async album(
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<Album | null> {
    const record = await context.loaders.albumById.load(parseObjectId('id', id).toHexString());
    return record ? toAlbum(record) : null;
  }

  @Mutation(() => Album, {
    description: 'Creates an album you own; add songs to it with requestSongUpload or updateSong.',
  })
  async createAlbum(
    @Arg('input') input: CreateAlbumInput,
    @Ctx() context: SongsContext,
  ): Promise<Album> {
    return toAlbum(await this.albums.create(requireUserId(context), input));
  }

  @Mutation(() => Album)
  async updateAlbum(
    @Arg('input') input: UpdateAlbumInput,
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<Album> {
    const updated = await this.albums.update(requireUserId(context), id, input);
    context.loaders.albumById.clear(id);
    return toAlbum(updated);
  }

  @Mutation(() => Boolean, { description: 'Deletes your album; its songs stay, without an album.' })
  async deleteAlbum(
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<boolean> {
    await this.albums.delete(requireUserId(context), id);
    context.loaders.albumById.clear(id);
    return true;
  }

  @Directive('@shareable')
  @FieldResolver(() => Artist)
  async artist(@Root() album: Album, @Ctx() context: SongsContext): Promise<Artist> {
    const record = await context.loaders.artistById.load(album.record.artistId.toHexString());
    if (!record)
      throw new Error(
        `album ${album.id} refers to a missing artist ${album.record.artistId.toHexString()}`,
      );
    return toArtist(record);
  }

  @FieldResolver(() => [Song], {
    description: 'The songs you may see (READY, or yours), in the order they were added.',
  })
  async songs(@Root() album: Album, @Ctx() context: SongsContext): Promise<Song[]> {
    return (await context.loaders.songsByAlbumId.load(album.id)).map(toSong);
  }
}
