import { hasRole, type BaseSubgraphContext } from '@groovy/common/subgraph';

/** Who is asking, as far as comments cares: a user (or nobody), and whether they moderate. */
export interface Viewer {
  userId: string | null;
  moderator: boolean;
}

export const ANONYMOUS: Viewer = { userId: null, moderator: false };

/** The viewer of a request, from its router-signed identity (MODERATOR: held in auth, signed by the router). */
export function viewerOf(identity: BaseSubgraphContext['identity']): Viewer {
  if (!identity) return ANONYMOUS;
  return { userId: identity.userId, moderator: hasRole(identity, 'MODERATOR') };
}
