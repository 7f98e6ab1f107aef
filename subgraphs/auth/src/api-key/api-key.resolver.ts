import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requirePersonalSession, type AuthContext } from '../auth-context';
import { CreatedApiKey, toApiKey } from './api-key';
import type { ApiKeyService } from './api-key.service';

@Resolver()
export class ApiKeyResolver {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key for a third-party client; the secret is shown once.',
  })
  async createApiKey(
    @Arg('name') name: string,
    @Ctx() context: AuthContext,
  ): Promise<CreatedApiKey> {
    const userId = requirePersonalSession(context);
    const { record, secret } = await this.apiKeys.create(userId, name);
    return { apiKey: toApiKey(record), secret };
  }

  @Mutation(() => Boolean, {
    description: 'Revokes one of your keys; the router stops accepting it within 30 s.',
  })
  async revokeApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: AuthContext,
  ): Promise<boolean> {
    const userId = requirePersonalSession(context);
    await this.apiKeys.revoke(userId, id);
    return true;
  }
}
