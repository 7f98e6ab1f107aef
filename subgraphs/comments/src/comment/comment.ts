import { PageInfo } from '@groovy/common/graphql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Viewer } from '../viewer/viewer';
import type { CommentRecord } from './comment.model';

export enum CommentTargetType {
  SONG = 'SONG',
  ALBUM = 'ALBUM',
  PLAYLIST = 'PLAYLIST',
}

registerEnumType(CommentTargetType, {
  name: 'CommentTargetType',
  description: 'What a comment is about.',
});

export enum CommentOrder {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  TIMELINE = 'TIMELINE',
}

registerEnumType(CommentOrder, {
  name: 'CommentOrder',
  description: 'How a list of top-level comments is sorted.',
  valuesConfig: {
    NEWEST: { description: 'Newest first (the default).' },
    OLDEST: { description: 'Oldest first.' },
    TIMELINE: {
      description:
        'Song comments only: the timed comments (those with atMs), by their moment in the song, earliest first; comments without a moment are left out.',
    },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A comment on a song, album or playlist, or a reply in its thread (one level: replies to replies join the thread of its top comment).',
})
export class Comment {
  @Field(() => ID)
  id!: string;

  @Field({
    description:
      'The text (links are kept as text). "" when deleted, and when hidden for everyone but its author and moderators.',
  })
  body!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its author last edited it.' })
  editedAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The moment of the song (ms) it is pinned to; null when not timed.',
  })
  atMs!: number | null;

  @Field({ description: 'Deleted: body "" and author null; its replies stay.' })
  deleted!: boolean;

  @Field({
    description: 'Hidden by moderation: body "" for everyone but its author and moderators.',
  })
  hidden!: boolean;

  @Field(() => Int)
  likeCount!: number;

  @Field(() => CommentTargetType)
  targetType!: CommentTargetType;

  @Field(() => ID, { description: 'The id of the song, album or playlist it is on.' })
  targetId!: string;

  /** The stored comment, for field resolvers. */
  record!: CommentRecord;
}

/** The comment as `viewer` may see it. */
export function toComment(record: CommentRecord, viewer: Viewer): Comment {
  const seesHidden =
    viewer.moderator || (viewer.userId !== null && viewer.userId === record.authorId);
  const comment = new Comment();
  comment.id = record._id.toHexString();
  comment.body = record.deleted || (record.hidden && !seesHidden) ? '' : record.body;
  comment.createdAt = record.createdAt;
  comment.editedAt = record.deleted ? null : record.editedAt;
  comment.atMs = record.atMs;
  comment.deleted = record.deleted;
  comment.hidden = record.hidden;
  comment.likeCount = record.likeCount;
  comment.targetType = record.targetType as CommentTargetType;
  comment.targetId = record.targetId;
  comment.record = record;
  return comment;
}

@ObjectType()
export class CommentEdge {
  @Field({ description: 'Opaque; valid for the same list and order.' })
  cursor!: string;

  @Field(() => Comment)
  node!: Comment;
}

@ObjectType({ description: 'A page of comments.' })
export class CommentConnection {
  @Field(() => [CommentEdge])
  edges!: CommentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counted only when asked for (see CommentConnectionResolver). */
  countAll!: () => Promise<number>;
}
