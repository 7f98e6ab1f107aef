import { BadUserInputError } from '@groovy/common/errors';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { Clock } from '../clock';
import type { RatingModel } from './rating.model';

/** An album's ratings summed up: the average of the stars (null without ratings) and how many. */
export interface RatingSummary {
  average: number | null;
  count: number;
}

/**
 * Album ratings: one per listener and album, 1–5 stars, 0 takes it back. The summary is computed
 * from the ratings when read (one aggregation for all albums of a response), so it is always exact.
 */
export class RatingService {
  constructor(
    private readonly ratings: RatingModel,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.ratings.syncIndexes();
  }

  async rate(userId: string, albumId: string, stars: number): Promise<void> {
    if (!Number.isInteger(stars) || stars < 0 || stars > 5)
      throw new BadUserInputError('stars', 'stars must be 1 to 5, or 0 to remove your rating');
    await this.catalogue.requireAlbum(albumId);
    const _id = `${userId}:${albumId}`;
    if (stars === 0) {
      await this.ratings.deleteOne({ _id }).exec();
      return;
    }
    await this.ratings
      .updateOne(
        { _id },
        { $set: { userId, albumId, stars, at: this.clock.now() } },
        { upsert: true },
      )
      .exec();
  }

  async summaries(albumIds: readonly string[]): Promise<Map<string, RatingSummary>> {
    const rows = await this.ratings
      .aggregate<{ _id: string; sum: number; count: number }>([
        { $match: { albumId: { $in: [...albumIds] } } },
        { $group: { _id: '$albumId', sum: { $sum: '$stars' }, count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(
      rows.map((row) => [row._id, { average: row.sum / row.count, count: row.count }]),
    );
  }

  async mine(userId: string, albumIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.ratings
      .find({ _id: { $in: albumIds.map((albumId) => `${userId}:${albumId}`) } })
      .lean()
      .exec();
    return new Map(rows.map((row) => [row.albumId, row.stars]));
  }
}
