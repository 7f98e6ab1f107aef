import { PageInfo } from '@groovy/common/graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SongEntity } from '../catalogue/entities';

@InputType({
  description: 'What the player reports when a song ends, is skipped or the page is left.',
})
export class RecordPlayInput {
  @Field(() => ID)
  songId!: string;

  @Field(() => Int, {
    description: "Milliseconds actually listened (0 to the song's duration, plus a little slack).",
  })
  msPlayed!: number;
}

@ObjectType({
  description: 'A line of your listening history; consecutive plays of one song fold into one.',
})
export class Play {
  @Field(() => SongEntity)
  song!: SongEntity;

  @Field({ description: 'When the (newest) play of this line ended.' })
  playedAt!: Date;

  @Field(() => Int, { description: 'How long the newest play of this line lasted.' })
  msPlayed!: number;

  @Field(() => Int, { description: 'How many plays in a row this line stands for (1 or more).' })
  repeats!: number;
}

@ObjectType()
export class PlayEdge {
  @Field({ description: 'Opaque; stays valid while plays are added.' })
  cursor!: string;

  @Field(() => Play)
  node!: Play;
}

@ObjectType({ description: 'A page of your history, newest first.' })
export class PlayConnection {
  @Field(() => [PlayEdge])
  edges!: PlayEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many history lines there are in all pages together.' })
  totalCount!: number;
}
