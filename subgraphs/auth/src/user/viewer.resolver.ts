import { CachePrivate } from '@groovy/common/graphql';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey, toApiKey } from '../api-key/api-key';
import type { ApiKeyService } from '../api-key/api-key.service';
import { requirePersonalSession, requireUserId, type AuthContext } from '../auth-context';
import type { SessionService } from '../session/session.service';
import { toUser, User } from './user';
import { UpdateProfileInput } from './user.inputs';
import type { UserService } from './user.service';
import { Viewer } from './viewer';

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(
    private readonly users: UserService,
    private readonly apiKeyService: ApiKeyService,
    private readonly sessions: SessionService,
  ) {}

  @CachePrivate()
  @Query(() => Viewer, { nullable: true, description: 'The caller, or null when not signed in.' })
  async me(@Ctx() context: AuthContext): Promise<Viewer | null> {
    if (!context.identity) return null;
    const user = await this.users.findById(context.identity.userId);
    return user ? { user: toUser(user), email: user.email } : null;
  }

  @FieldResolver(() => [ApiKey], { description: 'Your active API keys, newest first.' })
  async apiKeys(@Root() viewer: Viewer, @Ctx() context: AuthContext): Promise<ApiKey[]> {
    requirePersonalSession(context);
    return (await this.apiKeyService.list(viewer.user.id)).map(toApiKey);
  }

  @Mutation(() => User)
  async updateProfile(
    @Arg('input') input: UpdateProfileInput,
    @Ctx() context: AuthContext,
  ): Promise<User> {
    const userId = requireUserId(context);
    context.userById.clear(userId);
    return toUser(await this.users.updateProfile(userId, input));
  }

  @Mutation(() => Boolean, {
    description: 'Changes your password and signs you out everywhere else.',
  })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() context: AuthContext,
  ): Promise<boolean> {
    const userId = requirePersonalSession(context);
    await this.sessions.changePassword(userId, currentPassword, newPassword);
    return true;
  }
}
