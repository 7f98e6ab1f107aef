import type { BaseSubgraphContext } from '@groovy/common/subgraph';

/** Who is asking, as far as comments cares: a user (or nobody), and whether they moderate. */
export interface Viewer {
  userId: string | null;
  moderator: boolean;
}

export const ANONYMOUS: Viewer = { userId: null, moderator: false };

/** The MODERATOR role, as the router-signed identity carries it (auth grants it). */
export const MODERATOR_ROLE = 'MODERATOR';

/** The viewer of a request, from its router-signed identity. */
export function viewerOf(identity: BaseSubgraphContext['identity']): Viewer {
  if (!identity) return ANONYMOUS;
  const roles = (identity as { roles?: readonly string[] }).roles ?? [];
  return { userId: identity.userId, moderator: roles.includes(MODERATOR_ROLE) };
}
