import { PageInfo } from '@groovy/common/graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Comment } from '../comment/comment';

@ObjectType({ description: 'A comment waiting for a moderator, with what its reporters said.' })
export class ModerationQueueEdge {
  @Field()
  cursor!: string;

  @Field(() => Comment)
  node!: Comment;

  @Field(() => Int, { description: 'Reports from different users since it was last reviewed.' })
  reportCount!: number;

  @Field(() => [String], { description: 'Their reasons, latest first (at most 10).' })
  reasons!: string[];

  @Field(() => Date, { nullable: true })
  lastReportedAt!: Date | null;
}

@ObjectType({
  description:
    'Reported comments (hidden ones among them) not reviewed since, the latest reported first.',
})
export class ModerationQueueConnection {
  @Field(() => [ModerationQueueEdge])
  edges!: ModerationQueueEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
