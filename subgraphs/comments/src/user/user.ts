import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The auth subgraph's `User`, as comments refers to it (an author, whom a reply answers): only the
 * key, not resolvable here. The router fetches every other field from auth.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserReference {
  @Field(() => ID)
  id!: string;
}
