import { CachePrivate } from '@groovy/common/graphql';
import { requireUserId } from '@groovy/common/subgraph';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { AlbumEntity, albumEntity } from '../catalogue/entities';
import { requireId } from '../ids';
import type { PreferencesContext } from '../preferences-context';
import type { RatingService } from './rating.service';

@ObjectType({ description: "An album's stars from its listeners." })
export class Rating {
  @Field(() => Float, { nullable: true, description: 'Average stars (1-5); null without ratings.' })
  average!: number | null;

  @Field(() => Int, { description: 'How many listeners rated it.' })
  count!: number;

  @CachePrivate()
  @Field(() => Int, {
    nullable: true,
    description: 'Your stars; null when you did not rate it or are signed out.',
  })
  mine!: number | null;
}

@Resolver(() => AlbumEntity)
export class AlbumRatingFieldsResolver {
  @FieldResolver(() => Rating)
  async rating(@Root() album: AlbumEntity, @Ctx() context: PreferencesContext): Promise<Rating> {
    const [summary, mine] = await Promise.all([
      context.loaders.albumRating.load(album.id),
      context.loaders.viewerAlbumRating.load(album.id),
    ]);
    return { ...summary, mine };
  }
}

@Resolver()
export class RatingMutationsResolver {
  constructor(private readonly ratings: RatingService) {}

  @Mutation(() => AlbumEntity, { description: 'Rate an album 1-5 stars; 0 removes your rating.' })
  async rateAlbum(
    @Arg('albumId', () => ID) albumId: string,
    @Arg('stars', () => Int) stars: number,
    @Ctx() context: PreferencesContext,
  ): Promise<AlbumEntity> {
    await this.ratings.rate(requireUserId(context), requireId('albumId', albumId), stars);
    return albumEntity(albumId);
  }
}
