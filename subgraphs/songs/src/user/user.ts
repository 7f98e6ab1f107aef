import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The auth subgraph's `User`, as songs knows it: the key (a song's uploader), and the fields songs
 * adds to it (`uploads`, `uploadCount`). Its name, avatar and the rest come from auth.
 */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserReference {
  @Field(() => ID)
  id!: string;
}
