import { PageInfo } from '@groovy/common/graphql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CommentEntity, SongEntity, UserEntity } from '../catalogue/entities';

export enum NotificationKind {
  NEW_RELEASE = 'NEW_RELEASE',
  COMMENT_REPLY = 'COMMENT_REPLY',
  NEW_FOLLOWER = 'NEW_FOLLOWER',
  JAM_INVITE = 'JAM_INVITE',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesConfig: {
    NEW_RELEASE: { description: 'An artist you follow has a new song (`song`).' },
    COMMENT_REPLY: { description: 'Someone (`actor`) replied to your comment (`comment`).' },
    NEW_FOLLOWER: { description: 'Someone (`actor`) follows you.' },
    JAM_INVITE: { description: 'Someone (`actor`) invites you to a Jam session.' },
  },
});

@ObjectType({ description: 'Something that happened that concerns you.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field()
  createdAt!: Date;

  @Field()
  read!: boolean;

  @Field(() => SongEntity, { nullable: true })
  song!: SongEntity | null;

  @Field(() => CommentEntity, { nullable: true })
  comment!: CommentEntity | null;

  @Field(() => UserEntity, { nullable: true, description: 'Who did it (follower, replier).' })
  actor!: UserEntity | null;
}

@ObjectType()
export class NotificationEdge {
  @Field({ description: 'Opaque; stays valid while notifications are added.' })
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType({ description: 'A page of your notifications, newest first.' })
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many notifications there are in all pages together.' })
  totalCount!: number;
}
