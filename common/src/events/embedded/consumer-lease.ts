import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';

/** A consumer's saved position in the log and who may move it. */
export interface Checkpoint {
  _id: string;
  seq: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date;
}

/**
 * Where a subscriber keeps its position and who may move it: a consumer's shared lease and
 * checkpoint (`ConsumerLease`), or one instance's own position in memory (`InstancePosition`).
 */
export interface SubscriberPosition {
  /** Takes or renews the right to deliver: the position to go on from, or null when another instance holds it. */
  acquire(): Promise<Pick<Checkpoint, 'seq'> | null>;
  /** Extends the hold (never takes it); false when it is held no more. */
  renew(now: number): Promise<boolean>;
  /** Saves the position while holding; false when the hold was lost. */
  saveCheckpoint(seq: number): Promise<boolean>;
  /** Hands the hold back, and forgets what only this instance needed. */
  release(): Promise<void>;
}

/**
 * One instance's hold on a consumer: the checkpoint document doubles as a lease, so only one
 * instance of a consumer works at a time and only the holder moves the checkpoint. Another instance
 * takes over once the lease has not been renewed for `leaseMs`.
 */
export class ConsumerLease implements SubscriberPosition {
  private readonly owner = randomUUID();

  constructor(
    private readonly checkpoints: Collection<Checkpoint>,
    private readonly consumer: string,
    readonly leaseMs: number,
  ) {}

  /** Takes or renews the lease: the checkpoint when this instance holds it now; null when another does. */
  async acquire(): Promise<Checkpoint | null> {
    const now = new Date();
    try {
      return await this.checkpoints.findOneAndUpdate(
        {
          _id: this.consumer,
          $or: [{ leaseOwner: this.owner }, { leaseOwner: null }, { leaseExpiresAt: { $lt: now } }],
        },
        {
          $set: { leaseOwner: this.owner, leaseExpiresAt: new Date(now.getTime() + this.leaseMs) },
          $setOnInsert: { seq: 0 },
        },
        { upsert: true, returnDocument: 'after' },
      );
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null; // another instance holds it
      throw error;
    }
  }

  /** Extends the lease this instance holds (never takes it); false when it is held no more. */
  async renew(now: number): Promise<boolean> {
    const renewed = await this.checkpoints.updateOne(
      { _id: this.consumer, leaseOwner: this.owner },
      { $set: { leaseExpiresAt: new Date(now + this.leaseMs) } },
    );
    return renewed.matchedCount > 0;
  }

  /** Saves the checkpoint while holding the lease; false when the lease was lost. */
  async saveCheckpoint(seq: number): Promise<boolean> {
    const saved = await this.checkpoints.updateOne(
      { _id: this.consumer, leaseOwner: this.owner },
      { $set: { seq } },
    );
    return saved.matchedCount > 0;
  }

  /** Hands the lease back so another instance can take over at once (best effort). */
  async release(): Promise<void> {
    await this.checkpoints
      .updateOne(
        { _id: this.consumer, leaseOwner: this.owner },
        { $set: { leaseOwner: null, leaseExpiresAt: new Date(0) } },
      )
      .catch(() => undefined);
  }
}
