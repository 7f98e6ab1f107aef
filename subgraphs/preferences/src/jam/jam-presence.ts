import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { JamConnectionModel } from './jam.model';
import type { JamService } from './jam.service';

export interface JamPresenceOptions {
  /** How often this instance renews its connection records. */
  heartbeatMs: number;
  /** How long a record lives without renewal (a crashed instance's connections end after this). */
  ttlMs: number;
}

/**
 * Presence: a participant is `connected` while at least one subscription of theirs is open on any
 * instance. Each open subscription is a record (this instance's id, an expiry this instance's
 * heartbeat renews); adding or removing one re-decides the participant's `connected` (a PRESENCE
 * event when it changes). Any instance's sweep removes expired records (a crashed instance's).
 */
export class JamPresence {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connections: JamConnectionModel,
    private readonly jams: JamService,
    private readonly options: JamPresenceOptions,
    private readonly logger: Logger,
  ) {}

  async connect(sessionId: string, userId: string): Promise<string> {
    const recordId = randomUUID();
    await this.connections.create({
      _id: recordId,
      sessionId,
      userId,
      instanceId: this.instanceId,
      expiresAt: new Date(Date.now() + this.options.ttlMs),
    });
    await this.jams.bumpPresence(sessionId);
    await this.jams.reconcilePresence(sessionId, userId);
    return recordId;
  }

  async disconnect(recordId: string, sessionId: string, userId: string): Promise<void> {
    await this.connections.deleteOne({ _id: recordId }).exec();
    await this.jams.bumpPresence(sessionId);
    await this.jams.reconcilePresence(sessionId, userId);
  }

  /** Renews this instance's records, then removes every expired one and re-decides their users. */
  async tick(): Promise<void> {
    const now = Date.now();
    await this.connections
      .updateMany(
        { instanceId: this.instanceId },
        { $set: { expiresAt: new Date(now + this.options.ttlMs) } },
      )
      .exec();
    const expired = await this.connections
      .find({ expiresAt: { $lte: new Date(now) } })
      .limit(1_000)
      .lean()
      .exec();
    if (expired.length === 0) return;
    await this.connections.deleteMany({ _id: { $in: expired.map((record) => record._id) } }).exec();
    const pairs = new Map(
      expired.map((record) => [`${record.sessionId}\n${record.userId}`, record]),
    );
    for (const record of pairs.values()) {
      await this.jams.bumpPresence(record.sessionId);
      await this.jams.reconcilePresence(record.sessionId, record.userId);
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.logger.error({ err: error }, 'jam presence tick failed'),
      );
    }, this.options.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat; this instance's remaining records are removed (a clean stop disconnects at once). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const mine = await this.connections.find({ instanceId: this.instanceId }).lean().exec();
    await this.connections.deleteMany({ instanceId: this.instanceId }).exec();
    for (const record of mine) {
      await this.jams.bumpPresence(record.sessionId);
      await this.jams.reconcilePresence(record.sessionId, record.userId);
    }
  }
}
