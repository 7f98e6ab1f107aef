import { insertWithEvents, type OutboxNotifier } from '@groovy/common/events';
import { Types } from 'mongoose';
import { artistUpdatedEvent } from '../events/catalogue-event-builders';
import { validObjectIds } from '../object-id';
import type { ArtistModel, ArtistRecord } from './artist.model';
import { artistNameKey } from './artist-name';

const DUPLICATE_KEY = 11000;

export class ArtistService {
  constructor(
    private readonly artists: ArtistModel,
    private readonly outbox: OutboxNotifier,
  ) {}

  /** One query for many ids, in the order asked; null where there is no such artist. */
  async findByIds(ids: readonly string[]): Promise<Array<ArtistRecord | null>> {
    const valid = validObjectIds(ids);
    const found = valid.length ? await this.artists.find({ _id: { $in: valid } }).lean() : [];
    const byId = new Map(found.map((artist) => [artist._id.toHexString(), artist]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The artist with this name (case and spacing ignored), created on first use. Concurrent first uses
   * of one name race on the unique `nameKey`: the loser reads the winner's artist. A new artist is
   * inserted with its ARTIST_UPDATED (version 1) in its outbox.
   */
  async findOrCreateByName(name: string): Promise<ArtistRecord> {
    const nameKey = artistNameKey(name);
    const existing = await this.artists.findOne({ nameKey }).lean();
    if (existing) return existing;
    try {
      const _id = new Types.ObjectId();
      return await insertWithEvents(
        this.artists,
        { _id, name, nameKey, createdAt: new Date(), version: 1 },
        [artistUpdatedEvent({ _id, name }, 1)],
        this.outbox,
      );
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const winner = await this.artists.findOne({ nameKey }).lean();
      if (!winner) throw error;
      return winner;
    }
  }
}
