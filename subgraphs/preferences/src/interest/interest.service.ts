import { insertWithEvents, writeWithEvents, type OutboxNotifier } from '@groovy/common/events';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { Clock } from '../clock';
import { songInterestMarkedEvent } from '../events/preference-events';
import { INTEREST_VERSION, type InterestModel, type InterestRecord } from './interest.model';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * "Not interested": a listener marks a song (or takes the mark back); SONG_INTEREST_MARKED tells the
 * query subgraph's "For you" to leave it out. Setting the state it already has publishes nothing.
 */
export class InterestService {
  constructor(
    private readonly marks: InterestModel,
    private readonly catalogue: CatalogueService,
    private readonly outbox: OutboxNotifier,
    private readonly clock: Clock,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.marks.syncIndexes();
  }

  async mark(userId: string, songId: string, notInterested: boolean): Promise<void> {
    await this.catalogue.requireVisibleSong(songId, userId);
    const _id = `${userId}:${songId}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.marks.findById(_id).lean().exec();
      const at = this.clock.now();
      if (!current) {
        if (!notInterested) return;
        try {
          await insertWithEvents(
            this.marks,
            { _id, userId, songId, notInterested, at, version: 1 },
            [songInterestMarkedEvent({ userId, songId, at, version: 1, notInterested })],
            this.outbox,
          );
          return;
        } catch (error) {
          if (isDuplicateKey(error)) continue;
          throw error;
        }
      }
      await writeWithEvents<InterestRecord, 'unchanged'>({
        model: this.marks,
        filter: { _id },
        version: INTEREST_VERSION,
        notifier: this.outbox,
        current,
        subject: `interest ${_id}`,
        change: (mark, version) =>
          mark.notInterested === notInterested
            ? { decline: 'unchanged' }
            : {
                set: { notInterested, at },
                events: [songInterestMarkedEvent({ userId, songId, at, version, notInterested })],
              },
      });
      return;
    }
  }

  async notInterestedAmong(userId: string, songIds: readonly string[]): Promise<Set<string>> {
    const marks = await this.marks
      .find({ _id: { $in: songIds.map((songId) => `${userId}:${songId}`) }, notInterested: true })
      .lean()
      .exec();
    return new Set(marks.map((mark) => mark.songId));
  }
}
