import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AuthContext } from '../auth-context';
import { User } from './user';
import { parseUserId } from './user-id';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, {
    nullable: true,
    description:
      "A person's public profile (name, avatar, member since; never their email); null when there is no such user.",
  })
  user(@Arg('id', () => ID) id: string, @Ctx() context: AuthContext): Promise<User | null> {
    return context.userById.load(parseUserId('id', id));
  }
}
