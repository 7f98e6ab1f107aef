import { CachePrivate } from '@groovy/common/graphql';
import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import type { ForYouService } from '../for-you/for-you.service';
import type { QueryContext } from '../query-context';
import { songReference } from './search.resolver';
import { PROVIDED_SONG_FIELDS, SongReference } from './types';

@Resolver()
export class ForYouResolver {
  constructor(private readonly service: ForYouService) {}

  @CachePrivate()
  @Directive(PROVIDED_SONG_FIELDS)
  @Query(() => [SongReference], {
    nullable: true,
    description:
      "Songs picked for the signed-in listener (followed artists, the artists and genres of what they liked and played; never what they played or marked 'not interested'; fresh ones first), filled up with trending and new releases. Null when signed out, and for API-key callers (a third-party app does not read a listener's taste).",
  })
  async forYou(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() context: QueryContext,
  ): Promise<SongReference[] | null> {
    // Only the listener themself: an API key's app gets null, not the user's taste.
    if (!context.identity || context.identity.kind !== 'user') return null;
    return (await this.service.forYou(context.identity.userId, first)).map(songReference);
  }
}
