import { isRole, knownRoles, ROLES, type Role } from '@groovy/common/identity';
import { normaliseEmail } from '../user/email';
import type { UserModel } from '../user/user.model';

/** A user as the roles command shows it. */
export interface UserWithRoles {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

/** The roles command was given something it cannot act on: the message says what. */
export class RolesCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolesCommandError';
  }
}

/** A known role, or a RolesCommandError listing the known ones. */
export function parseRole(value: string | undefined): Role {
  const role = value?.trim().toUpperCase();
  if (!role) throw new RolesCommandError(`--role is required (one of ${ROLES.join(', ')})`);
  if (!isRole(role)) {
    throw new RolesCommandError(`unknown role "${value}": expected one of ${ROLES.join(', ')}`);
  }
  return role;
}

/**
 * Grants and revokes users' roles (an operator's job, never a GraphQL mutation). Atomic per user
 * (`$addToSet` / `$pull`), idempotent: granting a role held already, or revoking one not held,
 * changes nothing and says so. The user's next access token (sign-in or refresh) carries the change.
 */
export class UserRoles {
  constructor(private readonly users: UserModel) {}

  async grant(email: string, role: Role): Promise<{ user: UserWithRoles; changed: boolean }> {
    return this.change(email, role, 'grant');
  }

  async revoke(email: string, role: Role): Promise<{ user: UserWithRoles; changed: boolean }> {
    return this.change(email, role, 'revoke');
  }

  /** Users holding `role` (any role when omitted), by email. */
  async list(role?: Role): Promise<UserWithRoles[]> {
    const filter = role ? { roles: role } : { roles: { $in: [...ROLES] } };
    const users = await this.users.find(filter).sort({ emailNormalised: 1 }).lean();
    return users.map(toUserWithRoles);
  }

  private async change(
    rawEmail: string,
    role: Role,
    action: 'grant' | 'revoke',
  ): Promise<{ user: UserWithRoles; changed: boolean }> {
    const email = normaliseEmail(rawEmail);
    if (!email || !email.includes('@') || email.length > 254) {
      throw new RolesCommandError(`--email must be an email address (got "${rawEmail}")`);
    }
    const before = await this.users
      .findOneAndUpdate(
        { emailNormalised: email },
        action === 'grant' ? { $addToSet: { roles: role } } : { $pull: { roles: role } },
        { returnDocument: 'before' },
      )
      .lean();
    if (!before) throw new RolesCommandError(`no user has the email ${email}`);
    const held = knownRoles(before.roles).includes(role);
    const after = await this.users.findById(before._id).lean();
    return {
      user: toUserWithRoles(after ?? before),
      changed: action === 'grant' ? !held : held,
    };
  }
}

function toUserWithRoles(user: {
  _id: { toHexString(): string };
  email: string;
  displayName: string;
  roles?: string[];
}): UserWithRoles {
  return {
    id: user._id.toHexString(),
    email: user.email,
    displayName: user.displayName,
    roles: knownRoles(user.roles ?? []),
  };
}
