import { Field, ObjectType } from 'type-graphql';
import { User } from './user';

/** The signed-in caller: their profile plus what only they may see. */
@ObjectType({ description: 'The signed-in caller: their profile and private details.' })
export class Viewer {
  @Field(() => User)
  user!: User;

  @Field()
  email!: string;
}
