import { CachePrivate } from '@groovy/common/graphql';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { PreferencesContext } from '../preferences-context';
import { Library } from './library';

@Resolver(() => Library)
export class LibraryResolver {
  @CachePrivate()
  @Query(() => Library, {
    nullable: true,
    description:
      "The caller's library: liked songs, history, playlists, follows, notifications. Null when signed out.",
  })
  library(@Ctx() context: PreferencesContext): Library | null {
    return context.viewerId ? { userId: context.viewerId } : null;
  }
}
