import { ForbiddenError } from '@groovy/common/errors';
import { requireUserId, type BaseSubgraphContext } from '@groovy/common/subgraph';
import type DataLoader from 'dataloader';
import type { User } from './user/user';

/** Per-request context of the auth subgraph. */
export interface AuthContext extends BaseSubgraphContext {
  /** Batches entity references and profile lookups: one database query per request tick. */
  userById: DataLoader<string, User | null>;
}

export { requireUserId };

/** Like requireUserId, but refuses API-key callers: account security is for the person, not their apps. */
export function requirePersonalSession(context: AuthContext): string {
  const userId = requireUserId(context);
  if (context.identity?.kind === 'apiKey') {
    throw new ForbiddenError(
      'Sign in as yourself to do this; API keys cannot manage account security',
    );
  }
  return userId;
}
