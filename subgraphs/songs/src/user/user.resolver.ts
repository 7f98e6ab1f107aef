import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { parseObjectId } from '../object-id';
import { SongConnection, toSongConnection } from '../song/song-connection';
import type { SongService } from '../song/song.service';
import type { SongsContext } from '../songs-context';
import { UserReference } from './user';

/** What a profile shows of a user's songs: their uploads, newest first, and how many there are. */
@Resolver(() => UserReference)
export class UserUploadsResolver {
  constructor(private readonly songService: SongService) {}

  @FieldResolver(() => SongConnection, {
    description:
      'The songs they uploaded, newest first: READY ones, and every state on your own profile; `first` 0-100 (default 20).',
  })
  async uploads(
    @Root() user: UserReference,
    @Ctx() context: SongsContext,
    // type-graphql lists arguments last-parameter-first: this prints `uploads(first, after)`.
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<SongConnection> {
    return toSongConnection(
      await this.songService.listByUploader(parseObjectId('id', user.id), context.viewerId, {
        first,
        after,
      }),
    );
  }

  @FieldResolver(() => Int, {
    description: 'How many songs they uploaded that you can see (batched across users).',
  })
  uploadCount(@Root() user: UserReference, @Ctx() context: SongsContext): Promise<number> {
    return context.loaders.uploadCountByUserId.load(user.id);
  }
}
