import { CATALOGUE_MAX_AGE_SECONDS, CacheMaxAge } from '@groovy/common/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The auth subgraph's `User`, as songs knows it: the key (a song's uploader), and the fields songs
 * adds to it (`uploads`, `uploadCount`). Its name, avatar and the rest come from auth.
 */
@Directive('@key(fields: "id")')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType('User')
export class UserReference {
  @Field(() => ID)
  id!: string;
}
