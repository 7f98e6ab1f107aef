import { requireUserId } from '@groovy/common/subgraph';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { SongEntity, songEntity } from '../catalogue/entities';
import { requireId } from '../ids';
import type { PreferencesContext } from '../preferences-context';
import type { InterestService } from './interest.service';

@Resolver(() => SongEntity)
export class SongInterestFieldsResolver {
  @FieldResolver(() => Boolean, {
    description: 'Whether you marked it "not interested" (false when signed out).',
  })
  notInterested(@Root() song: SongEntity, @Ctx() context: PreferencesContext): Promise<boolean> {
    return context.loaders.notInterestedByViewer.load(song.id);
  }
}

@Resolver()
export class InterestMutationsResolver {
  constructor(private readonly interests: InterestService) {}

  @Mutation(() => SongEntity, {
    description:
      'Mark a song "not interested" (or take it back with false): "For you" leaves it out.',
  })
  async markNotInterested(
    @Arg('songId', () => ID) songId: string,
    @Arg('notInterested', () => Boolean, { defaultValue: true }) notInterested: boolean,
    @Ctx() context: PreferencesContext,
  ): Promise<SongEntity> {
    await this.interests.mark(requireUserId(context), requireId('songId', songId), notInterested);
    return songEntity(songId);
  }
}
