import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { ToggleService } from '../toggle/toggle.service';
import type { FanoutJobModel, FanoutJobRecord } from './fanout.model';
import type { NotificationService } from './notification.service';

export interface FanoutOptions {
  /** Followers per batch: one read of follows, one insertMany of notifications. */
  batchSize: number;
  /** How long a worker holds a job between batches before another may take it over. */
  leaseMs?: number;
  /** How often to look for jobs nobody nudged about (another process's, a crashed worker's). */
  pollIntervalMs?: number;
  /** NEW_RELEASE fan-outs per artist per rolling 24 hours; the rest notify nobody. */
  releasesPerArtistPerDay?: number;
}

export const RELEASES_PER_ARTIST_PER_DAY = 10;
const DAY_MS = 24 * 60 * 60 * 1_000;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * Writes NEW_RELEASE notifications to every follower of an artist, beside the event consumer: the
 * consumer only records a job (one upsert) and nudges this worker, so a release to 10,000 followers
 * never holds up the events behind it. The worker takes one job at a time under a lease, walks the
 * followers in batches (insertMany, idempotent per recipient), and records its progress after each
 * batch, so a crash resumes where it was and a redelivered event changes nothing.
 */
export class FanoutWorker {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private again = false;

  constructor(
    private readonly jobs: FanoutJobModel,
    private readonly artistFollows: ToggleService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FanoutOptions,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.jobs.syncIndexes();
  }

  /** Records the release of `songId` by `artistId` (once per song, whatever the redeliveries). */
  async enqueueRelease(release: {
    songId: string;
    artistId: string;
    uploaderId: string | null;
  }): Promise<void> {
    const now = this.clock.now();
    const id = `NEW_RELEASE:${release.songId}`;
    // An artist's followers hear of at most N releases a day (a flood of uploads does not flood them).
    const releasedToday = await this.jobs
      .countDocuments({
        artistId: release.artistId,
        createdAt: { $gt: new Date(now.getTime() - DAY_MS) },
        _id: { $ne: id },
      })
      .exec();
    const cap = this.options.releasesPerArtistPerDay ?? RELEASES_PER_ARTIST_PER_DAY;
    if (releasedToday >= cap) {
      this.logger.info(
        { songId: release.songId, artistId: release.artistId, releasedToday },
        'daily release cap of the artist reached: followers not notified',
      );
      return;
    }
    try {
      await this.jobs
        .updateOne(
          { _id: id },
          {
            $setOnInsert: {
              kind: 'NEW_RELEASE',
              artistId: release.artistId,
              songId: release.songId,
              excludeUserId: release.uploaderId,
              afterUserId: null,
              notified: 0,
              done: false,
              leaseUntil: new Date(0),
              createdAt: now,
              finishedAt: null,
            },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    this.nudge();
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.options.pollIntervalMs ?? 1_000);
    this.timer.unref();
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs the pending jobs now (again right after the current run, if one is under way). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilEmpty()
      .catch((error: unknown) => this.logger.error({ err: error }, 'fan-out failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Takes and finishes jobs until none is left to take. */
  async runUntilEmpty(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const job = await this.claim();
      if (!job) return;
      await this.finish(job);
    }
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  private claim(): Promise<FanoutJobRecord | null> {
    const now = this.clock.now();
    return this.jobs
      .findOneAndUpdate(
        { done: false, leaseUntil: { $lte: now } },
        { $set: { leaseUntil: new Date(now.getTime() + this.leaseMs()) } },
        { sort: { createdAt: 1 }, returnDocument: 'after' },
      )
      .lean()
      .exec();
  }

  private async finish(job: FanoutJobRecord): Promise<void> {
    let afterUserId = job.afterUserId;
    let notified = job.notified;
    const started = Date.now();
    for (;;) {
      const followers = await this.artistFollows.usersOn(
        job.artistId,
        afterUserId,
        this.options.batchSize,
      );
      const recipients = followers.filter((userId) => userId !== job.excludeUserId);
      notified += await this.notifications.notify(recipients, {
        kind: job.kind,
        sourceKey: job._id,
        songId: job.songId,
      });
      afterUserId = followers.at(-1) ?? afterUserId;
      const done = followers.length < this.options.batchSize;
      const now = this.clock.now();
      await this.jobs
        .updateOne(
          { _id: job._id },
          {
            $set: {
              afterUserId,
              notified,
              done,
              leaseUntil: new Date(now.getTime() + this.leaseMs()),
              ...(done ? { finishedAt: now } : {}),
            },
          },
        )
        .exec();
      if (done || this.stopped) break;
    }
    this.logger.info(
      { job: job._id, notified, ms: Date.now() - started },
      'fan-out finished or paused',
    );
  }

  /** The job of a cause (tests and benchmarks wait for `done`). */
  job(id: string): Promise<FanoutJobRecord | null> {
    return this.jobs.findById(id).lean().exec();
  }
}
