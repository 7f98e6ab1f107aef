import { CachePrivate } from '@groovy/common/graphql';
import { requireUserId } from '@groovy/common/subgraph';
import {
  Arg,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import { SongEntity, songEntity } from '../catalogue/entities';
import { subjectKey } from '../counter/counter.service';
import { requireId } from '../ids';
import { Library } from '../library/library';
import { SongConnection } from '../paging/connections';
import { pageOf, parsePageSize } from '../paging/page';
import type { PreferencesContext } from '../preferences-context';
import { primeListed, primeToggled } from '../preferences-loaders';
import type { ToggleOutcome } from '../toggle/toggle.service';
import type { LikeService } from './like.service';

@Resolver(() => SongEntity)
export class SongLikeFieldsResolver {
  /** `@shareable` with query, which folds this count from the like events (see its types.ts). */
  @Directive('@shareable')
  @FieldResolver(() => Int, { description: 'How many listeners like this song (exact).' })
  async likeCount(@Root() song: SongEntity, @Ctx() context: PreferencesContext): Promise<number> {
    const counter = await context.loaders.counter.load(subjectKey('song', song.id));
    return Math.max(0, counter?.likeCount ?? 0);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, { description: 'Whether you like it (false when signed out).' })
  likedByMe(@Root() song: SongEntity, @Ctx() context: PreferencesContext): Promise<boolean> {
    return context.loaders.likedByViewer.load(song.id);
  }
}

@Resolver(() => Library)
export class LibraryLikesResolver {
  constructor(private readonly likes: LikeService) {}

  @FieldResolver(() => SongConnection, {
    description: 'The songs you like, the latest like first; `first` 0-100 (default 20).',
  })
  async likedSongs(
    @Root() library: Library,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PreferencesContext,
  ): Promise<SongConnection> {
    const size = parsePageSize(first);
    const { likes, total } = await this.likes.likedSongs(library.userId, size, after);
    primeListed(
      context.loaders.likedByViewer,
      likes.map((like) => like.targetId),
    );
    return {
      ...pageOf(likes, size, (like) => ({
        cursor: this.likes.cursorOf(like),
        node: songEntity(like.targetId),
      })),
      totalCount: total,
    };
  }
}

function primeLike(
  context: PreferencesContext,
  songId: string,
  on: boolean,
  outcome: ToggleOutcome,
): void {
  primeToggled(
    context.loaders.likedByViewer,
    context.loaders.counter,
    { id: songId, subject: subjectKey('song', songId) },
    on,
    outcome,
  );
}

@Resolver()
export class LikeMutationsResolver {
  constructor(private readonly likes: LikeService) {}

  @Mutation(() => SongEntity, {
    description: 'Like a song you can see. Idempotent: liking it again changes nothing.',
  })
  async likeSong(
    @Arg('songId', () => ID) songId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<SongEntity> {
    const outcome = await this.likes.like(requireUserId(context), requireId('songId', songId));
    primeLike(context, songId, true, outcome);
    return songEntity(songId);
  }

  @Mutation(() => SongEntity, { description: 'Take a like back. Idempotent.' })
  async unlikeSong(
    @Arg('songId', () => ID) songId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<SongEntity> {
    const outcome = await this.likes.unlike(requireUserId(context), requireId('songId', songId));
    primeLike(context, songId, false, outcome);
    return songEntity(songId);
  }
}
