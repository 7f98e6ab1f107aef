import { CachePrivate } from '@groovy/common/graphql';
import { requireUserId } from '@groovy/common/subgraph';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ArtistEntity, UserEntity, artistEntity, userEntity } from '../catalogue/entities';
import { subjectKey } from '../counter/counter.service';
import { requireId } from '../ids';
import { Library } from '../library/library';
import { ArtistConnection } from '../paging/connections';
import { pageOf, parsePageSize } from '../paging/page';
import type { PreferencesContext } from '../preferences-context';
import { primeListed, primeToggled } from '../preferences-loaders';
import type { FollowService } from './follow.service';

@Resolver(() => ArtistEntity)
export class ArtistFollowFieldsResolver {
  @FieldResolver(() => Int, { description: 'How many listeners follow this artist (exact).' })
  async followerCount(
    @Root() artist: ArtistEntity,
    @Ctx() context: PreferencesContext,
  ): Promise<number> {
    const counter = await context.loaders.counter.load(subjectKey('artist', artist.id));
    return Math.max(0, counter?.followerCount ?? 0);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, { description: 'Whether you follow it (false when signed out).' })
  followedByMe(@Root() artist: ArtistEntity, @Ctx() context: PreferencesContext): Promise<boolean> {
    return context.loaders.artistFollowedByViewer.load(artist.id);
  }
}

@Resolver(() => UserEntity)
export class UserFollowFieldsResolver {
  @FieldResolver(() => Int, { description: 'How many listeners follow this user (exact).' })
  async followerCount(
    @Root() user: UserEntity,
    @Ctx() context: PreferencesContext,
  ): Promise<number> {
    const counter = await context.loaders.counter.load(subjectKey('user', user.id));
    return Math.max(0, counter?.followerCount ?? 0);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, { description: 'Whether you follow them (false when signed out).' })
  followedByMe(@Root() user: UserEntity, @Ctx() context: PreferencesContext): Promise<boolean> {
    return context.loaders.userFollowedByViewer.load(user.id);
  }
}

@Resolver(() => Library)
export class LibraryFollowsResolver {
  constructor(private readonly follows: FollowService) {}

  @FieldResolver(() => ArtistConnection, {
    description: 'The artists you follow, the latest follow first; `first` 0-100 (default 20).',
  })
  async followedArtists(
    @Root() library: Library,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PreferencesContext,
  ): Promise<ArtistConnection> {
    const size = parsePageSize(first);
    const { follows, total } = await this.follows.followedArtists(library.userId, size, after);
    primeListed(
      context.loaders.artistFollowedByViewer,
      follows.map((follow) => follow.targetId),
    );
    return {
      ...pageOf(follows, size, (follow) => ({
        cursor: this.follows.cursorOf(follow),
        node: artistEntity(follow.targetId),
      })),
      totalCount: total,
    };
  }
}

@Resolver()
export class FollowMutationsResolver {
  constructor(private readonly follows: FollowService) {}

  @Mutation(() => ArtistEntity, {
    description: 'Follow an artist: you hear about their new releases. Idempotent.',
  })
  async followArtist(
    @Arg('artistId', () => ID) artistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<ArtistEntity> {
    const outcome = await this.follows.followArtist(
      requireUserId(context),
      requireId('artistId', artistId),
    );
    primeToggled(
      context.loaders.artistFollowedByViewer,
      context.loaders.counter,
      { id: artistId, subject: subjectKey('artist', artistId) },
      true,
      outcome,
    );
    return artistEntity(artistId);
  }

  @Mutation(() => ArtistEntity, { description: 'Stop following an artist. Idempotent.' })
  async unfollowArtist(
    @Arg('artistId', () => ID) artistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<ArtistEntity> {
    const outcome = await this.follows.unfollowArtist(
      requireUserId(context),
      requireId('artistId', artistId),
    );
    primeToggled(
      context.loaders.artistFollowedByViewer,
      context.loaders.counter,
      { id: artistId, subject: subjectKey('artist', artistId) },
      false,
      outcome,
    );
    return artistEntity(artistId);
  }

  @Mutation(() => UserEntity, {
    description: 'Follow another user (not yourself); they get a NEW_FOLLOWER notification.',
  })
  async followUser(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<UserEntity> {
    const outcome = await this.follows.followUser(
      requireUserId(context),
      requireId('userId', userId),
    );
    primeToggled(
      context.loaders.userFollowedByViewer,
      context.loaders.counter,
      { id: userId, subject: subjectKey('user', userId) },
      true,
      outcome,
    );
    return userEntity(userId);
  }

  @Mutation(() => UserEntity, { description: 'Stop following a user. Idempotent.' })
  async unfollowUser(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<UserEntity> {
    const outcome = await this.follows.unfollowUser(
      requireUserId(context),
      requireId('userId', userId),
    );
    primeToggled(
      context.loaders.userFollowedByViewer,
      context.loaders.counter,
      { id: userId, subject: subjectKey('user', userId) },
      false,
      outcome,
    );
    return userEntity(userId);
  }
}
