import { UnauthenticatedError } from '../errors/domain-errors';
import type { BaseSubgraphContext } from './subgraph-context';

/** The signed-in user's id; UNAUTHENTICATED for anonymous callers. */
export function requireUserId(context: Pick<BaseSubgraphContext, 'identity'>): string {
  if (!context.identity) throw new UnauthenticatedError();
  return context.identity.userId;
}
