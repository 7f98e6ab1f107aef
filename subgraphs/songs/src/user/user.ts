import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The auth subgraph's `User`, as songs refers to it (a song's uploader): only the key, not
 * resolvable here. The router fetches every other field from auth.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserReference {
  @Field(() => ID)
  id!: string;
}
