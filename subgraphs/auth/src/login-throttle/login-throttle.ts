import { RateLimitedError } from '@groovy/common/errors';
import { clientAddressKey } from '@groovy/common/identity';
import type { LoginFailureModel, LoginFailureRecord } from './login-failure.model';

export interface LoginThrottleSettings {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
  /** First lockout; each further attempt while over the limit doubles it, up to the window. */
  lockoutSeconds: number;
}

export interface LoginAttempt {
  email: string;
  ip: string | null;
}

/**
 * Counts sign-in attempts per account and per IP (an IPv6 client by its /64: clientAddressKey) in
 * the auth database, so every replica, every alias and every concurrent request sees one count. An
 * attempt is counted atomically *before* the password is checked (so parallel guesses can't slip
 * past the limit) and forgiven when it succeeds. Over the limit, sign-in answers RATE_LIMITED with
 * the time to wait.
 */
export class LoginThrottle {
  constructor(
    private readonly failures: LoginFailureModel,
    private readonly settings: LoginThrottleSettings,
  ) {}

  private keys(attempt: LoginAttempt): Array<{ key: string; max: number }> {
    const keys = [{ key: `account:${attempt.email}`, max: this.settings.maxFailuresPerAccount }];
    if (attempt.ip)
      keys.push({ key: `ip:${clientAddressKey(attempt.ip)}`, max: this.settings.maxFailuresPerIp });
    return keys;
  }

  /**
   * Throws RATE_LIMITED while the account or the IP is locked (without counting: waiting it out is
   * enough); otherwise counts the attempt, and locks once the count passes the limit. Each attempt
   * over the limit doubles the lockout, up to the window.
   */
  async begin(attempt: LoginAttempt): Promise<void> {
    const now = new Date();
    const windowMs = this.settings.windowSeconds * 1000;
    const keys = this.keys(attempt);
    const current = await this.failures.find({ _id: { $in: keys.map(({ key }) => key) } }).lean();
    const lockedUntil = Math.max(0, ...current.map((record) => record.lockedUntil?.getTime() ?? 0));
    if (lockedUntil > now.getTime()) throw rateLimited(lockedUntil - now.getTime());

    let waitMs = 0;
    for (const { key, max } of keys) {
      let record: LoginFailureRecord | null = await this.failures
        .findOneAndUpdate(
          { _id: key },
          {
            $inc: { failures: 1 },
            $setOnInsert: { windowStartedAt: now, lockedUntil: null },
            $set: { expiresAt: new Date(now.getTime() + windowMs * 2) },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
      if (record && now.getTime() - record.windowStartedAt.getTime() > windowMs) {
        record = await this.failures
          .findOneAndUpdate(
            { _id: key },
            { $set: { failures: 1, windowStartedAt: now, lockedUntil: null } },
            { returnDocument: 'after' },
          )
          .lean();
      }
      if (!record || record.failures <= max) continue;
      const doublings = Math.min(record.failures - max - 1, 10);
      const lockMs = Math.min(this.settings.lockoutSeconds * 1000 * 2 ** doublings, windowMs);
      const lockedUntil = Math.max(record.lockedUntil?.getTime() ?? 0, now.getTime() + lockMs);
      await this.failures.updateOne({ _id: key }, { $set: { lockedUntil: new Date(lockedUntil) } });
      waitMs = Math.max(waitMs, lockedUntil - now.getTime());
    }
    if (waitMs > 0) throw rateLimited(waitMs);
  }

  /** A successful sign-in clears the account's count and gives the IP its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failures.deleteOne({ _id: `account:${attempt.email}` });
    if (attempt.ip)
      await this.failures.updateOne(
        { _id: `ip:${clientAddressKey(attempt.ip)}`, failures: { $gt: 0 } },
        { $inc: { failures: -1 } },
      );
  }
}

function rateLimited(waitMs: number): RateLimitedError {
  const seconds = Math.ceil(waitMs / 1000);
  return new RateLimitedError(
    seconds,
    `Too many failed sign-in attempts; try again in ${seconds} s`,
  );
}
