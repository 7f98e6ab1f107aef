import { requireUserId } from '@groovy/common/subgraph';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { SongEntity, songEntity } from '../catalogue/entities';
import { subjectKey } from '../counter/counter.service';
import { requireId } from '../ids';
import { Library } from '../library/library';
import { pageOf, parsePageSize } from '../paging/page';
import type { PreferencesContext } from '../preferences-context';
import { PlayConnection, RecordPlayInput } from './play.types';
import type { PlayService } from './play.service';

@Resolver(() => SongEntity)
export class SongPlayFieldsResolver {
  @FieldResolver(() => Int, {
    description: 'Plays that counted (30 s or more, or the whole song when shorter).',
  })
  async playCount(@Root() song: SongEntity, @Ctx() context: PreferencesContext): Promise<number> {
    const counter = await context.loaders.counter.load(subjectKey('song', song.id));
    return counter?.playCount ?? 0;
  }
}

@Resolver(() => Library)
export class LibraryHistoryResolver {
  constructor(private readonly plays: PlayService) {}

  @FieldResolver(() => PlayConnection, {
    description:
      'What you played, newest first, consecutive repeats folded; `first` 0-100 (default 20).',
  })
  async history(
    @Root() library: Library,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PlayConnection> {
    const size = parsePageSize(first);
    const { entries, total } = await this.plays.history(library.userId, size, after);
    return {
      ...pageOf(entries, size, (entry) => ({
        cursor: this.plays.cursorOf(entry),
        node: {
          song: songEntity(entry.songId),
          playedAt: entry.playedAt,
          msPlayed: entry.msPlayed,
          repeats: entry.repeats,
        },
      })),
      totalCount: total,
    };
  }
}

@Resolver()
export class PlayMutationsResolver {
  constructor(private readonly plays: PlayService) {}

  @Mutation(() => Boolean, {
    description:
      'Report a listen. True when it counted as a play: 30 s or more (the whole song when shorter), ' +
      'and not overlapping your previous counted play (a listener cannot play faster than time passes).',
  })
  recordPlay(
    @Arg('input', () => RecordPlayInput) input: RecordPlayInput,
    @Ctx() context: PreferencesContext,
  ): Promise<boolean> {
    return this.plays.record(
      requireUserId(context),
      requireId('songId', input.songId),
      input.msPlayed,
    );
  }

  @Mutation(() => Boolean, {
    description: 'Empty your listening history (play counts stay). True once done.',
  })
  async clearHistory(@Ctx() context: PreferencesContext): Promise<boolean> {
    await this.plays.clearHistory(requireUserId(context));
    return true;
  }
}
