import { ForbiddenError } from '../errors/domain-errors';
import type { Role, VerifiedIdentity } from '../identity/identity-token';
import type { BaseSubgraphContext } from './subgraph-context';

/** Whether the caller holds `role` (as auth granted it and the router signed it). */
export function hasRole(identity: VerifiedIdentity | null | undefined, role: Role): boolean {
  return identity?.roles.includes(role) ?? false;
}

/**
 * The caller's identity when it holds `role`; FORBIDDEN otherwise (anonymous callers included:
 * a role is a permission, not a sign-in prompt). API-key callers never hold a role.
 */
export function requireRole(
  context: Pick<BaseSubgraphContext, 'identity'>,
  role: Role,
): VerifiedIdentity {
  if (!context.identity || !hasRole(context.identity, role)) {
    throw new ForbiddenError(`This needs the ${role} role.`);
  }
  return context.identity;
}
