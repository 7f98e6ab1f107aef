import {
  Arg,
  Ctx,
  Directive,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Album, toAlbum } from '../album/album';
import { Artist, toArtist } from '../artist/artist';
import { parseObjectId } from '../object-id';
import { requireUserId } from '@groovy/common/subgraph';
import type { SongsContext } from '../songs-context';
import type { Storage } from '../storage/storage';
import { UserReference } from '../user/user';
import { Song, SongStream, toSong } from './song';
import { UpdateSongInput } from './song.inputs';
import type { SongService } from './song.service';

@Resolver(() => Song)
export class SongResolver {
  constructor(
    private readonly songs: SongService,
    private readonly storage: Storage,
  ) {}

  @Query(() => Song, {
    nullable: true,
    description: 'A song; null when there is none or it is not READY and not yours.',
  })
  async song(@Arg('id', () => ID) id: string, @Ctx() context: SongsContext): Promise<Song | null> {
    const record = await context.loaders.songById.load(parseObjectId('id', id).toHexString());
    return record ? toSong(record) : null;
  }

  @Mutation(() => Song, { description: "Changes your song's details (not its file)." })
  async updateSong(
    // type-graphql lists arguments last-parameter-first: this prints `updateSong(id, input)`.
    @Arg('input') input: UpdateSongInput,
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<Song> {
    const userId = requireUserId(context);
    const updated = await this.songs.update(userId, id, input);
    context.loaders.songById.clear(id);
    return toSong(updated);
  }

  @Mutation(() => Boolean, { description: 'Deletes your song and its stored files.' })
  async deleteSong(
    @Arg('id', () => ID) id: string,
    @Ctx() context: SongsContext,
  ): Promise<boolean> {
    const userId = requireUserId(context);
    await this.songs.delete(userId, id);
    context.loaders.songById.clear(id);
    return true;
  }

  @Directive('@shareable')
  @FieldResolver(() => Artist)
  async artist(@Root() song: Song, @Ctx() context: SongsContext): Promise<Artist> {
    const record = await context.loaders.artistById.load(song.record.artistId.toHexString());
    if (!record)
      throw new Error(
        `song ${song.id} refers to a missing artist ${song.record.artistId.toHexString()}`,
      );
    return toArtist(record);
  }

  @Directive('@shareable')
  @FieldResolver(() => Album, { nullable: true })
  async album(@Root() song: Song, @Ctx() context: SongsContext): Promise<Album | null> {
    if (!song.record.albumId) return null;
    const record = await context.loaders.albumById.load(song.record.albumId.toHexString());
    return record ? toAlbum(record) : null;
  }

  @FieldResolver(() => UserReference, { description: 'Who uploaded it.' })
  uploader(@Root() song: Song): UserReference {
    return { id: song.record.uploaderId.toHexString() };
  }

  @Directive('@shareable')
  @FieldResolver(() => SongStream, {
    nullable: true,
    description: 'How to play it; null until READY.',
  })
  async stream(@Root() song: Song): Promise<SongStream | null> {
    const stream = song.record.stream;
    if (song.record.status !== 'READY' || !stream) return null;
    const [masterUrl, ...renditionUrls] = await Promise.all([
      this.storage.readUrl(stream.masterKey),
      ...stream.renditions.map((rendition) => this.storage.readUrl(rendition.playlistKey)),
    ]);
    return {
      masterUrl: masterUrl!,
      renditions: stream.renditions.map((rendition, index) => ({
        bitrateKbps: rendition.bitrateKbps,
        codec: rendition.codec,
        url: renditionUrls[index]!,
      })),
    };
  }

  @FieldResolver(() => [Float], { nullable: true, description: 'About 1,000 peak values in 0..1.' })
  async waveform(@Root() song: Song, @Ctx() context: SongsContext): Promise<number[] | null> {
    // A record read in full (a mutation's result) has it; lists leave it out.
    if (song.record.waveform !== undefined) return song.record.waveform ?? null;
    return context.loaders.waveformBySongId.load(song.id);
  }

  @Directive('@shareable')
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The cover art embedded in the file, when it had one.',
  })
  async coverUrl(@Root() song: Song): Promise<string | null> {
    return song.record.coverKey ? this.storage.readUrl(song.record.coverKey) : null;
  }
}
