import { knownRoles } from '@groovy/common/identity';
import { randomUUID } from 'node:crypto';
import { ConflictError, UnauthenticatedError } from '@groovy/common/errors';
import { Types } from 'mongoose';
import type { GoogleIdTokenVerifier } from '../google/google-id-token-verifier';
import type { LoginThrottle } from '../login-throttle/login-throttle';
import type { PasswordHasher } from '../password/password-hasher';
import type { RegistrationThrottle } from '../registration-throttle/registration-throttle';
import { assertPasswordAcceptable } from '../password/password-policy';
import type { AccessTokenSigner } from '../signing-key/access-token-signer';
import { parseEmail } from '../user/email';
import { parseDisplayName } from '../user/profile-rules';
import type { OutboxNotifier } from '@groovy/common/events';
import { userRegisteredEvent } from '../user/user-events';
import type { UserModel, UserRecord } from '../user/user.model';
import { deriveOpaqueToken, hashOpaqueToken, newOpaqueToken, newSalt } from './opaque-token';
import type { RefreshTokenModel, RefreshTokenRecord } from './refresh-token.model';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: UserRecord;
}

export interface SessionServiceDependencies {
  users: UserModel;
  refreshTokens: RefreshTokenModel;
  hasher: PasswordHasher;
  signer: AccessTokenSigner;
  throttle: LoginThrottle;
  registrations: RegistrationThrottle;
  /** A rotated refresh token presented again within this many seconds gets the same successor. */
  refreshReuseGraceSeconds: number;
  google: GoogleIdTokenVerifier;
  refreshTokenTtlDays: number;
  outbox: OutboxNotifier;
}

const INVALID_CREDENTIALS = 'Email or password is incorrect';
const INVALID_REFRESH = 'Your session has expired; sign in again';

/** Sign-up, sign-in (password and Google), refresh-token rotation with reuse detection, sign-out. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDependencies) {}

  /** `clientAddress`: the router-signed client address; registrations per address are limited. */
  async register(
    input: { email: string; password: string; displayName: string },
    clientAddress: string | null,
  ): Promise<Session> {
    const email = parseEmail('email', input.email);
    const displayName = parseDisplayName('displayName', input.displayName);
    assertPasswordAcceptable('password', input.password, email);
    // Counted before the (deliberately slow) hash, so a burst of attempts costs no CPU past the limit.
    await this.deps.registrations.count(clientAddress);
    const passwordHash = await this.deps.hasher.hash(input.password);
    let user: UserRecord;
    try {
      user = await this.createUser({
        email: input.email.trim(),
        emailNormalised: email,
        displayName,
        avatarUrl: null,
        passwordHash,
        googleSubject: null,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError('An account with this email already exists', 'email');
      }
      throw error;
    }
    return this.startSession(user);
  }

  async login(rawEmail: string, password: string, ip: string | null): Promise<Session> {
    const email = parseEmail('email', rawEmail);
    const attempt = { email, ip };
    await this.deps.throttle.begin(attempt);
    const user = await this.deps.users.findOne({ emailNormalised: email }).lean();
    // Verified even when there is no user or no password, so both failures take the same time.
    const ok = await this.deps.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    await this.deps.throttle.succeeded(attempt);
    return this.startSession(user);
  }

  async signInWithGoogle(idToken: string): Promise<Session> {
    const google = await this.deps.google.verify(idToken);
    const email = google.email.trim().toLowerCase();
    const users = this.deps.users;
    let user: UserRecord | null = await users.findOne({ googleSubject: google.subject }).lean();
    if (!user) {
      // Google verified this email: link to the account that has it, or create one.
      user = await users
        .findOneAndUpdate(
          { emailNormalised: email },
          { $set: { googleSubject: google.subject } },
          { returnDocument: 'after' },
        )
        .lean();
    }
    if (!user) {
      try {
        user = await this.createUser({
          email: google.email,
          emailNormalised: email,
          displayName: parseDisplayName('idToken', google.name ?? email.split('@')[0]!),
          avatarUrl: google.picture?.startsWith('https://') ? google.picture : null,
          passwordHash: null,
          googleSubject: google.subject,
        });
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        user = await users.findOne({ emailNormalised: email }).lean();
        if (!user) throw error;
      }
    }
    return this.startSession(user!);
  }

  /**
   * Rotates a refresh token. A token already rotated or revoked means theft: its family is revoked —
   * except within the reuse grace window after its rotation, when concurrent refreshes with one
   * token (two tabs, a retry, two web replicas) all get the same successor, derived from the
   * presented token and the salt stored at rotation. That successor is handed out again only while
   * it is still the newest token of its family: once it has been rotated (or revoked) itself, the
   * old token coming back is reuse, not a retry, and revokes the family.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const tokens = this.deps.refreshTokens;
    const tokenHash = hashOpaqueToken(refreshToken);
    const now = new Date();
    // Claim the token atomically: of two concurrent uses, only one finds rotatedAt still null.
    const claimed = await tokens
      .findOneAndUpdate(
        { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { rotatedAt: now, successorSalt: newSalt() } },
        { returnDocument: 'after' },
      )
      .lean();
    const rotated = claimed ?? (await this.rotatedWithinGrace(tokenHash, now));
    if (!rotated?.successorSalt) {
      const known = await tokens.findOne({ tokenHash }).lean();
      if (known && (known.rotatedAt || known.revokedAt)) {
        await this.revokeFamily(known.familyId);
      }
      throw new UnauthenticatedError(INVALID_REFRESH);
    }
    const successor = deriveOpaqueToken('grt_', refreshToken, rotated.successorSalt);
    if (!claimed && !(await this.isNewestOfFamily(successor))) {
      await this.revokeFamily(rotated.familyId);
      throw new UnauthenticatedError(INVALID_REFRESH);
    }
    const user = await this.deps.users.findById(rotated.userId).lean();
    if (!user) throw new UnauthenticatedError(INVALID_REFRESH);
    return this.issue(user, rotated.familyId, successor);
  }

  /**
   * Whether a derived successor is neither rotated nor revoked. Not stored yet counts as newest: the
   * refresh that claimed its predecessor is still on its way to storing it.
   */
  private async isNewestOfFamily(successor: string): Promise<boolean> {
    const stored = await this.deps.refreshTokens
      .findOne({ tokenHash: hashOpaqueToken(successor) })
      .lean();
    return !stored || (!stored.rotatedAt && !stored.revokedAt);
  }

  /** The token, when it was rotated (not revoked) no longer ago than the reuse grace window. */
  private async rotatedWithinGrace(
    tokenHash: string,
    now: Date,
  ): Promise<RefreshTokenRecord | null> {
    if (this.deps.refreshReuseGraceSeconds === 0) return null;
    const graceStart = new Date(now.getTime() - this.deps.refreshReuseGraceSeconds * 1000);
    return this.deps.refreshTokens
      .findOne({
        tokenHash,
        revokedAt: null,
        expiresAt: { $gt: now },
        rotatedAt: { $gte: graceStart },
        successorSalt: { $type: 'string' },
      })
      .lean();
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are fine: signing out is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const known = await this.deps.refreshTokens
      .findOne({ tokenHash: hashOpaqueToken(refreshToken) })
      .lean();
    if (known) await this.revokeFamily(known.familyId);
  }

  /** Signs the user out everywhere (after a password change). */
  async revokeAllSessions(userId: string): Promise<void> {
    await this.deps.refreshTokens.updateMany(
      { userId: new Types.ObjectId(userId), revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
  }

  /** Checks the current password, applies the policy to the new one, and ends every other session. */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.deps.users.findById(userId).lean();
    if (!user) throw new UnauthenticatedError();
    if (!(await this.deps.hasher.verify(user.passwordHash, currentPassword))) {
      throw new UnauthenticatedError('Current password is incorrect');
    }
    assertPasswordAcceptable('newPassword', newPassword, user.emailNormalised);
    const passwordHash = await this.deps.hasher.hash(newPassword);
    await this.deps.users.updateOne({ _id: user._id }, { $set: { passwordHash } });
    await this.revokeAllSessions(userId);
  }

  /** Inserts the account and its USER_REGISTERED event in one write (the outbox). */
  private async createUser(
    fields: Pick<
      UserRecord,
      'email' | 'emailNormalised' | 'displayName' | 'avatarUrl' | 'passwordHash' | 'googleSubject'
    >,
  ): Promise<UserRecord> {
    const _id = new Types.ObjectId();
    const createdAt = new Date();
    const event = userRegisteredEvent({
      _id,
      displayName: fields.displayName,
      avatarUrl: fields.avatarUrl,
      createdAt,
    });
    const user = (
      await this.deps.users.create({ ...fields, _id, createdAt, version: 1, _outbox: [event] })
    ).toObject();
    this.deps.outbox.recorded();
    return user;
  }

  private startSession(user: UserRecord): Promise<Session> {
    return this.issue(user, randomUUID());
  }

  /**
   * Stores `refreshToken` (by hash) in the family and signs an access token. A successor derived
   * for a concurrent refresh may already be stored: storing it again is a no-op.
   */
  private async issue(
    user: UserRecord,
    familyId: string,
    refreshToken = newOpaqueToken('grt_'),
  ): Promise<Session> {
    const now = Date.now();
    const tokenHash = hashOpaqueToken(refreshToken);
    await this.deps.refreshTokens
      .updateOne(
        { tokenHash },
        {
          $setOnInsert: {
            tokenHash,
            familyId,
            userId: user._id,
            expiresAt: new Date(now + this.deps.refreshTokenTtlDays * 24 * 60 * 60 * 1000),
            rotatedAt: null,
            successorSalt: null,
            revokedAt: null,
            createdAt: new Date(now),
          },
        },
        { upsert: true },
      )
      .catch((error: { code?: number }) => {
        // Two concurrent refreshes inserted the same successor: the other one stored it.
        if (error.code !== 11000) throw error;
      });
    // The roles as stored now: a grant or revoke shows in the next token (sign-in or refresh).
    const access = await this.deps.signer.sign(user._id.toHexString(), knownRoles(user.roles));
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      user,
    };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.deps.refreshTokens.updateMany(
      { familyId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
  }
}
