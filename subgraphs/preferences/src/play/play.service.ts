import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { Clock } from '../clock';
import { subjectKey, type CounterService } from '../counter/counter.service';
import { songPlayedEvent } from '../events/preference-events';
import { afterPosition, decodeCursor, encodeCursor, OBJECT_ID_KEY } from '../paging/page';
import type { HistoryEntryRecord, PlayModels, PlayRecord } from './play.model';
import { countsAsPlay, latestPreviousEndAllowed, songReplayWindowMs } from './play-rules';

const CURSOR_KIND = 'history';

export interface PlayOptions {
  /** How far past the song's duration a reported msPlayed may go. */
  slackMs: number;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** Listening: recording plays (the counting rules), the per-song play count, the folded history. */
export class PlayService {
  constructor(
    private readonly models: PlayModels,
    private readonly catalogue: CatalogueService,
    private readonly counters: CounterService,
    private readonly clock: Clock,
    private readonly options: PlayOptions,
  ) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all(Object.values(this.models).map((model) => model.syncIndexes()));
  }

  /**
   * Records a listen the player reports (song ended, skipped, page left). Returns whether it counted
   * as a play: ≥ 30 s or the whole song, and not overlapping the listener's previous counted play.
   */
  async record(userId: string, songId: string, msPlayed: number): Promise<boolean> {
    if (!Number.isInteger(msPlayed) || msPlayed < 0)
      throw new BadUserInputError('msPlayed', 'msPlayed must be a whole number of ms, 0 or more');
    const song = await this.catalogue.requireVisibleSong(songId, userId);
    if (song.durationMs === null || song.status !== 'READY')
      throw new BadUserInputError('songId', 'This song cannot be played yet');
    if (msPlayed > song.durationMs + this.options.slackMs)
      throw new BadUserInputError(
        'msPlayed',
        `msPlayed is longer than the song (${song.durationMs} ms)`,
      );
    if (!countsAsPlay(msPlayed, song.durationMs)) return false;

    const at = this.clock.now();
    const songClaim = await this.claimSongReplay(userId, songId, at, msPlayed);
    if (!songClaim) return false;
    if (!(await this.claimListeningTime(userId, at, msPlayed))) {
      await songClaim.release();
      return false;
    }

    const play: PlayRecord = {
      _id: new Types.ObjectId(),
      userId,
      songId,
      msPlayed,
      at,
      pendingCount: true,
    };
    await this.models.plays.create(play);
    await this.addToHistory(play);
    await this.countPlay(play);
    return true;
  }

  /**
   * Atomically records a counted play of this song by this listener, if their last counted play
   * of it ended at least max(msPlayed, 30 s) ago; null otherwise. `release` gives the claim back
   * (if nothing else took it since) when the listener rule refuses the play after all.
   */
  private async claimSongReplay(
    userId: string,
    songId: string,
    at: Date,
    msPlayed: number,
  ): Promise<{ release(): Promise<void> } | null> {
    const _id = `${userId}:${songId}`;
    const latestAllowed = new Date(at.getTime() - songReplayWindowMs(msPlayed));
    let before: { lastCountedAt: Date } | null;
    try {
      before = await this.models.listenerSongs
        .findOneAndUpdate(
          { _id, lastCountedAt: { $lte: latestAllowed } },
          { $set: { lastCountedAt: at } },
          { upsert: true, returnDocument: 'before' },
        )
        .lean()
        .exec();
    } catch (error) {
      // Too soon: the upsert hit the existing key.
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    return {
      release: async () => {
        const mine = { _id, lastCountedAt: at };
        if (before)
          await this.models.listenerSongs
            .updateOne(mine, { $set: { lastCountedAt: before.lastCountedAt } })
            .exec();
        else await this.models.listenerSongs.deleteOne(mine).exec();
      },
    };
  }

  /** Atomically moves the listener's "last play ended" to now, if this play does not overlap it. */
  private async claimListeningTime(userId: string, at: Date, msPlayed: number): Promise<boolean> {
    try {
      const claimed = await this.models.listeners
        .updateOne(
          { _id: userId, lastPlayEndedAt: { $lte: latestPreviousEndAllowed(at, msPlayed) } },
          { $set: { lastPlayEndedAt: at } },
          { upsert: true },
        )
        .exec();
      return claimed.modifiedCount + claimed.upsertedCount > 0;
    } catch (error) {
      // The listener exists and the play overlaps their previous one: the upsert hit the key.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** A repeat of the newest line's song folds into it; anything else starts a new line. */
  private async addToHistory(play: PlayRecord): Promise<void> {
    const newest = await this.models.history
      .findOne({ userId: play.userId, songDeleted: false })
      .sort({ playedAt: -1, _id: -1 })
      .lean()
      .exec();
    if (newest && newest.songId === play.songId) {
      await this.models.history
        .updateOne(
          { _id: newest._id },
          { $set: { playedAt: play.at, msPlayed: play.msPlayed }, $inc: { repeats: 1 } },
        )
        .exec();
      return;
    }
    await this.models.history.create({
      userId: play.userId,
      songId: play.songId,
      playedAt: play.at,
      msPlayed: play.msPlayed,
      repeats: 1,
    });
  }

  private async countPlay(play: PlayRecord): Promise<void> {
    const playId = play._id.toHexString();
    const subject = subjectKey('song', play.songId);
    const opId = `play:${playId}`;
    await this.counters.apply(subject, 'playCount', {
      opId,
      delta: 1,
      event: (snapshot) => songPlayedEvent({ ...play, playId }, snapshot),
    });
    await this.models.plays.updateOne({ _id: play._id }, { $set: { pendingCount: false } }).exec();
    this.counters.settled(subject, opId);
  }

  /** Counts plays a stopped process recorded but did not count. */
  async repairPending(olderThan: Date): Promise<number> {
    const stuck = await this.models.plays
      .find({ pendingCount: true, at: { $lt: olderThan } })
      .limit(1000)
      .lean()
      .exec();
    let repaired = 0;
    for (const play of stuck) {
      // Still pending? (Counted meanwhile by its request or another instance's repair: the counter
      // forgets settled op ids after a grace period, so read it again right before.)
      if (!(await this.models.plays.exists({ _id: play._id, pendingCount: true }).exec())) continue;
      await this.countPlay(play);
      repaired += 1;
    }
    return repaired;
  }

  async history(
    userId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<{ entries: HistoryEntryRecord[]; total: number }> {
    const position = after ? decodeCursor(CURSOR_KIND, after, OBJECT_ID_KEY) : null;
    const filter = { userId, songDeleted: false };
    const [entries, total] = await Promise.all([
      this.models.history
        .find({
          ...filter,
          ...afterPosition(position, 'playedAt', '_id', (key) => new Types.ObjectId(key)),
        })
        .sort({ playedAt: -1, _id: -1 })
        .limit(first + 1)
        .lean()
        .exec(),
      this.models.history.countDocuments(filter).exec(),
    ]);
    return { entries, total };
  }

  cursorOf(entry: HistoryEntryRecord): string {
    return encodeCursor(CURSOR_KIND, { at: entry.playedAt, key: entry._id.toHexString() });
  }

  /** Empties the listener's history (play counts stay: they are the songs'). */
  async clearHistory(userId: string): Promise<number> {
    const cleared = await this.models.history.deleteMany({ userId }).exec();
    return cleared.deletedCount;
  }

  /** A deleted song leaves every history. */
  async songDeleted(songId: string): Promise<void> {
    await this.models.history.updateMany({ songId }, { $set: { songDeleted: true } }).exec();
  }
}
