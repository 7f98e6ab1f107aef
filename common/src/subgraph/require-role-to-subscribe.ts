import type { SubscribeResolverData } from 'type-graphql';
import type { Role } from '../identity/identity-token';
import { requireRole } from './require-role';
import type { BaseSubgraphContext } from './subgraph-context';

/**
 * `topics` for `@Subscription` that refuses a caller without `role` when it subscribes (FORBIDDEN,
 * before any event), instead of per event: type-graphql calls a topics function once, at subscribe
 * time, with the operation's context.
 *
 *     @Subscription(() => Comment, { topics: requireRoleToSubscribe('MODERATOR', 'COMMENT_CREATED') })
 */
export function requireRoleToSubscribe(
  role: Role,
  topics: string | string[],
): (
  resolverData: SubscribeResolverData<unknown, unknown, Pick<BaseSubgraphContext, 'identity'>>,
) => string | string[] {
  return ({ context }) => {
    requireRole(context, role);
    return topics;
  };
}
