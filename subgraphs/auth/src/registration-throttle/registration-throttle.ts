import { ForbiddenError, RateLimitedError } from '@groovy/common/errors';
import { clientAddressKey } from '@groovy/common/identity';
import type { RegistrationCountModel } from './registration-count.model';

export interface RegistrationThrottleSettings {
  /** Registrations one client address may make per window. */
  maxPerAddress: number;
  windowSeconds: number;
  /**
   * Refuse registrations that carry no router-signed client address (on in production, where every
   * request comes through the router): without one they could not be counted.
   */
  requireClientAddress: boolean;
}

export const NO_CLIENT_ADDRESS_MESSAGE =
  'Registrations must come through the router: this request carries no client address';

/**
 * Bounds account creation per client address (the address the router signed into the request's
 * identity): each attempt is counted atomically in the auth database *before* the password is
 * hashed, so parallel or aliased `register` fields cannot slip past the limit, and every replica
 * sees one count. Over the limit, RATE_LIMITED with the seconds until the window ends.
 */
export class RegistrationThrottle {
  constructor(
    private readonly counts: RegistrationCountModel,
    private readonly settings: RegistrationThrottleSettings,
  ) {}

  /**
   * Counts one registration from `clientAddress`; throws RATE_LIMITED when it is over the limit.
   * Without an address (the request did not come through the router) it throws FORBIDDEN when
   * `requireClientAddress` is on (production), and lets the registration through uncounted otherwise.
   */
  async count(clientAddress: string | null): Promise<void> {
    if (!clientAddress) {
      if (this.settings.requireClientAddress) throw new ForbiddenError(NO_CLIENT_ADDRESS_MESSAGE);
      return;
    }
    const key = `ip:${clientAddressKey(clientAddress)}`;
    const now = new Date();
    const windowMs = this.settings.windowSeconds * 1000;
    const expiresAt = new Date(now.getTime() + windowMs);
    // A window that has ended starts again at this attempt; otherwise the attempt is counted in it.
    let record = await this.counts
      .findOneAndUpdate(
        { _id: key, windowStartedAt: { $lte: new Date(now.getTime() - windowMs) } },
        { $set: { count: 1, windowStartedAt: now, expiresAt } },
        { returnDocument: 'after' },
      )
      .lean();
    record ??= await this.counts
      .findOneAndUpdate(
        { _id: key },
        { $inc: { count: 1 }, $setOnInsert: { windowStartedAt: now, expiresAt } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean()
      .catch(async (error: { code?: number }) => {
        // Two first attempts raced to insert the record: count this one in the winner's.
        if (error.code !== 11000) throw error;
        return this.counts
          .findOneAndUpdate({ _id: key }, { $inc: { count: 1 } }, { returnDocument: 'after' })
          .lean();
      });
    if (!record || record.count <= this.settings.maxPerAddress) return;
    const waitMs = record.windowStartedAt.getTime() + windowMs - now.getTime();
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new RateLimitedError(
      seconds,
      `Too many accounts created from this address; try again in ${seconds} s`,
    );
  }
}
