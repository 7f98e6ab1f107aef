import { CATALOGUE_MAX_AGE_SECONDS, CacheMaxAge } from '@groovy/common/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { UserRecord } from './user.model';

/** A person's public profile; other subgraphs reference it by id. */
@Directive('@key(fields: "id")')
// Public, like the catalogue it is shown beside (a song page's uploader); a profile edit
// (USER_UPDATED) invalidates the router's cached answers.
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType({ description: 'A person on Groovy Streaming: the public part of their profile.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  avatarUrl!: string | null;

  @Field()
  createdAt!: Date;
}

export function toUser(
  record: Pick<UserRecord, '_id' | 'displayName' | 'avatarUrl' | 'createdAt'>,
): User {
  return {
    id: record._id.toHexString(),
    displayName: record.displayName,
    avatarUrl: record.avatarUrl ?? null,
    createdAt: record.createdAt,
  };
}
