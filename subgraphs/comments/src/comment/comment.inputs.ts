import { Field, ID, InputType, Int } from 'type-graphql';
import { CommentTargetType } from './comment';

@InputType({ description: 'A new comment, or a reply (with parentId).' })
export class AddCommentInput {
  @Field(() => CommentTargetType)
  targetType!: CommentTargetType;

  @Field(() => ID, { description: 'The song, album or playlist.' })
  targetId!: string;

  @Field({ description: '1 to 2,000 characters after trimming; line breaks are kept.' })
  body!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Pins a top-level song comment to a moment of the song: 0 ≤ atMs ≤ the song's duration.",
  })
  atMs?: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Makes it a reply to this comment; a reply to a reply joins the thread's top comment and records whom it answers.",
  })
  parentId?: string | null;
}
