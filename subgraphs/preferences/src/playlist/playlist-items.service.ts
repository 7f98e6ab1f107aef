import { BadUserInputError, NotFoundError } from '@groovy/common/errors';
import type { OutboxNotifier } from '@groovy/common/events';
import { Types } from 'mongoose';
import { CoalescedRuns } from './coalesced-runs';
import { requireItemEditor } from './playlist-access';
import type { PlaylistEditLimits } from './playlist-edit-limits';
import type { PlaylistCatalogue } from './playlist-catalogue';
import { decodeItemCursor, encodeItemCursor, parseObjectId } from './playlist-cursors';
import { playlistEvent } from './playlist-events';
import { isRankCollision, rankBetween, ranksBetween } from './playlist-ranks';
import { parseIdBatch, parsePosition, PLAYLIST_LIMITS } from './playlist-rules';
import { writePlaylistWithEvents } from './playlist-write';
import {
  PLAYLIST_VERSION,
  type PlaylistItemModel,
  type PlaylistItemRecord,
  type PlaylistModel,
  type PlaylistRecord,
  type RemovedSongModel,
} from './playlist.model';

/** A rank longer than this (after many moves into one gap) makes the playlist's ranks rewritten evenly. */
export const MAX_RANK_LENGTH = 64;

/** Tries at a place before giving up (each lost one means another writer took that exact rank). */
const RANK_ATTEMPTS = 10;

export interface PlaylistItemPage {
  items: Array<{ record: PlaylistItemRecord; position: number; cursor: string }>;
  hasNextPage: boolean;
  totalCount: number;
}

const tooManyItems = (field: string, count: number) =>
  new BadUserInputError(
    field,
    `A playlist holds at most ${PLAYLIST_LIMITS.maxItems.toLocaleString('en')} items; ` +
      `this one has ${count.toLocaleString('en')}, so at most ` +
      `${Math.max(0, PLAYLIST_LIMITS.maxItems - count).toLocaleString('en')} more can be added`,
  );

/**
 * A playlist's items: adding at a place, removing, moving, paging. Every item has a fractional
 * rank (see playlist-ranks.ts): a change writes only the items it adds, removes or moves, never
 * renumbers the others. After each change the playlist itself is written again (itemCount,
 * coverSongIds, updatedAt) with its PLAYLIST_UPDATED event, counted from the items as they are then.
 */
export class PlaylistItemService {
  /** Concurrent changes of one playlist in this process share its rewrite (see `sync`). */
  private readonly syncs = new CoalescedRuns<PlaylistRecord | null>();

  constructor(
    private readonly playlists: PlaylistModel,
    private readonly items: PlaylistItemModel,
    private readonly removedSongs: RemovedSongModel,
    private readonly catalogue: PlaylistCatalogue,
    private readonly outbox: OutboxNotifier,
    private readonly editLimits: PlaylistEditLimits,
  ) {}

  /** Adds READY songs at `position` (0 = first; the end when omitted). */
  async add(
    userId: string,
    id: string,
    songIdsInput: readonly string[],
    position: number | null | undefined,
  ): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('playlistId', id);
    const songIds = parseIdBatch('songIds', songIdsInput, 'song');
    await this.editLimits.takeAdd(userId);
    const playlist = await this.requireEditor(playlistId, userId, id);
    if (playlist.itemCount + songIds.length > PLAYLIST_LIMITS.maxItems) {
      throw tooManyItems('songIds', playlist.itemCount);
    }
    await this.requireReadySongs(songIds);

    const inserted: Types.ObjectId[] = [];
    for (let attempt = 0; ; attempt++) {
      // Appending (the common case) needs only the last rank; a position needs the count too.
      let lower: string | null;
      let upper: string | null;
      if (position === null || position === undefined) {
        [lower, upper] = [await this.lastRank(playlistId), null];
      } else {
        const count = await this.countItems({ playlistId });
        [lower, upper] = await this.neighbours(
          playlistId,
          parsePosition('position', position, count),
          null,
        );
      }
      const ranks = ranksBetween(lower, upper, songIds.length);
      const addedAt = new Date();
      const docs = songIds.map((songId, index) => ({
        _id: new Types.ObjectId(),
        playlistId,
        songId,
        rank: ranks[index]!,
        addedBy: userId,
        addedAt,
      }));
      try {
        await this.items.insertMany(docs, { ordered: true, lean: true });
        inserted.push(...docs.map((doc) => doc._id));
        break;
      } catch (error) {
        // Whatever of this batch went in before the collision comes out again: all or nothing.
        await this.items.deleteMany({ _id: { $in: docs.map((doc) => doc._id) } });
        if (!isRankCollision(error) || attempt + 1 >= RANK_ATTEMPTS) throw error;
      }
    }

    const undo = () => this.items.deleteMany({ _id: { $in: inserted } });
    // Concurrent adds may each have seen room for their songs: the later ones give way.
    const total = await this.countItems({ playlistId });
    if (total > PLAYLIST_LIMITS.maxItems) {
      await undo();
      throw tooManyItems('songIds', total - inserted.length);
    }
    // A song deleted while this ran would stay behind its SONG_DELETED: check once more, also
    // against the deletions this service applied itself (the catalogue may not have seen them yet).
    const [stillReady, removed] = await Promise.all([
      this.catalogue.readySongIds(songIds),
      this.removedSongs
        .find({ _id: { $in: songIds } }, { _id: 1 })
        .lean()
        .exec(),
    ]);
    const removedIds = new Set(removed.map((song) => song._id));
    const gone = songIds.filter((songId) => !stillReady.has(songId) || removedIds.has(songId));
    if (gone.length > 0) {
      await undo();
      throw new NotFoundError('Song', [...new Set(gone)].join(', '));
    }
    const synced = await this.sync(playlistId);
    if (!synced) {
      await undo();
      throw new NotFoundError('Playlist', id);
    }
    return synced;
  }

  /** Removes items by id; NOT_FOUND (naming them, nothing removed) when some are not in it. */
  async remove(
    userId: string,
    id: string,
    itemIdsInput: readonly string[],
  ): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('playlistId', id);
    const itemIds = parseIdBatch('itemIds', itemIdsInput, 'item').map((itemId) =>
      parseObjectId('itemIds', itemId),
    );
    await this.requireEditor(playlistId, userId, id);
    const found = await this.items
      .find({ playlistId, _id: { $in: itemIds } }, { _id: 1 })
      .lean<Array<Pick<PlaylistItemRecord, '_id'>>>()
      .exec();
    const foundIds = new Set(found.map((item) => item._id.toHexString()));
    const missing = itemIds
      .map((itemId) => itemId.toHexString())
      .filter((itemId) => !foundIds.has(itemId));
    if (missing.length > 0)
      throw new NotFoundError('Playlist item', [...new Set(missing)].join(', '));
    await this.items.deleteMany({ playlistId, _id: { $in: itemIds } });
    return this.syncOrNotFound(playlistId, id);
  }

  /**
   * Moves an item so that it ends up at `toPosition` (0-based, among all items). Writes only that
   * item's rank: concurrent moves each pick a rank between the neighbours they saw, so the result
   * is always one total order with every item exactly once.
   */
  async move(
    userId: string,
    id: string,
    itemIdText: string,
    toPosition: number,
  ): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('playlistId', id);
    const itemId = parseObjectId('itemId', itemIdText);
    await this.editLimits.takeMove(userId);
    const playlist = await this.requireEditor(playlistId, userId, id);
    for (let attempt = 0; ; attempt++) {
      const item = await this.items
        .findOne({ _id: itemId, playlistId })
        .lean<PlaylistItemRecord>()
        .exec();
      if (!item) throw new NotFoundError('Playlist item', itemIdText);
      // The count as of the playlist's last write: a position past the end of a list that shrank
      // meanwhile simply lands at the end.
      const count = attempt === 0 ? playlist.itemCount : await this.countItems({ playlistId });
      const to = parsePosition('toPosition', toPosition, Math.max(0, count - 1));
      const [lower, upper] = await this.neighbours(playlistId, to, itemId);
      const alreadyThere =
        (lower === null || item.rank > lower) && (upper === null || item.rank < upper);
      if (alreadyThere) break;
      try {
        const rank = rankBetween(lower, upper);
        const updated = await this.items.updateOne({ _id: itemId, playlistId }, { $set: { rank } });
        if (updated.matchedCount === 0) throw new NotFoundError('Playlist item', itemIdText);
        if (rank.length > MAX_RANK_LENGTH) await this.rebalance(playlistId);
        break;
      } catch (error) {
        if (!isRankCollision(error) || attempt + 1 >= RANK_ATTEMPTS) throw error;
      }
    }
    return this.syncOrNotFound(playlistId, id);
  }

  /**
   * Rewrites a playlist's ranks evenly (short again), keeping the order. Each item's new rank is a
   * compare-and-set on its old one, so an item moved meanwhile keeps the place its mover gave it;
   * a new rank another writer took first is skipped (the unique index refuses it, the item keeps
   * its old rank). Either way every item stays exactly once with a unique rank. New ranks never
   * equal a rank in use when read, so the rewrite itself does not collide with items not yet
   * rewritten.
   */
  async rebalance(playlistId: Types.ObjectId): Promise<number> {
    const items = await this.items
      .find({ playlistId }, { _id: 1, rank: 1 })
      .sort({ rank: 1 })
      .lean<Array<Pick<PlaylistItemRecord, '_id' | 'rank'>>>()
      .exec();
    if (items.length === 0) return 0;
    const inUse = new Set(items.map((item) => item.rank));
    let ranks = ranksBetween(null, null, items.length);
    for (
      let attempt = 0;
      ranks.some((rank) => inUse.has(rank)) && attempt < RANK_ATTEMPTS;
      attempt++
    )
      ranks = ranksBetween(null, null, items.length);
    if (ranks.some((rank) => inUse.has(rank))) return 0;
    try {
      const result = await this.items.bulkWrite(
        items.map((item, index) => ({
          updateOne: {
            filter: { _id: item._id, playlistId, rank: item.rank },
            update: { $set: { rank: ranks[index]! } },
          },
        })),
        { ordered: false },
      );
      return result.modifiedCount;
    } catch (error) {
      if (isRankCollision(error)) return 0;
      throw error;
    }
  }

  /** A page of items in order; `after` is a cursor from an earlier page. */
  async page(
    playlistId: Types.ObjectId,
    first: number,
    after: string | null | undefined,
  ): Promise<PlaylistItemPage> {
    const afterRank = after ? decodeItemCursor(after) : null;
    const rankFilter = afterRank === null ? {} : { rank: { $gt: afterRank } };
    const [totalCount, offset, found] = await Promise.all([
      this.countItems({ playlistId }),
      afterRank === null
        ? Promise.resolve(0)
        : this.countItems({ playlistId, rank: { $lte: afterRank } }),
      first === 0
        ? Promise.resolve([] as PlaylistItemRecord[])
        : this.items
            .find({ playlistId, ...rankFilter })
            .sort({ rank: 1 })
            .limit(first + 1)
            .lean<PlaylistItemRecord[]>()
            .exec(),
    ]);
    const records = found.slice(0, first);
    return {
      items: records.map((record, index) => ({
        record,
        position: offset + index,
        cursor: encodeItemCursor(record.rank),
      })),
      hasNextPage: found.length > first,
      totalCount,
    };
  }

  /** SONG_DELETED: the song leaves every playlist it was in (each playlist gets its PLAYLIST_UPDATED). */
  async removeSongEverywhere(songId: string): Promise<number> {
    await this.removedSongs.updateOne(
      { _id: songId },
      { $setOnInsert: { removedAt: new Date() } },
      { upsert: true },
    );
    const playlistIds = (await this.items
      .distinct('playlistId', { songId })
      .exec()) as Types.ObjectId[];
    for (const playlistId of playlistIds) {
      await this.items.deleteMany({ playlistId, songId });
      await this.sync(playlistId);
    }
    return playlistIds.length;
  }

  /**
   * Writes the playlist's item-derived fields (itemCount, coverSongIds) as the items are now, with
   * updatedAt and a PLAYLIST_UPDATED; null when the playlist is gone. Counting inside the
   * compare-and-set keeps the last write right: a writer whose count may predate another's items
   * loses its write to that other's and counts again. Callers in this process that change the same
   * playlist at once share one rewrite that starts after their item writes (CoalescedRuns), so a
   * burst of moves does not turn into a burst of lost compare-and-sets.
   */
  sync(playlistId: Types.ObjectId): Promise<PlaylistRecord | null> {
    return this.syncs.run(playlistId.toHexString(), () => this.rewrite(playlistId));
  }

  private async rewrite(playlistId: Types.ObjectId): Promise<PlaylistRecord | null> {
    const written = await writePlaylistWithEvents({
      model: this.playlists,
      filter: { _id: playlistId, deletedAt: null },
      version: PLAYLIST_VERSION,
      notifier: this.outbox,
      subject: `playlist ${playlistId.toHexString()}`,
      change: async (current, version) => {
        const [itemCount, coverSongIds] = await Promise.all([
          this.countItems({ playlistId }),
          this.coverSongIds(playlistId),
        ]);
        const next = { ...current, itemCount, coverSongIds, updatedAt: new Date() };
        return {
          set: { itemCount, coverSongIds, updatedAt: next.updatedAt },
          events: [playlistEvent('updated', next, version)],
        };
      },
    });
    return written.outcome === 'written' ? written.record : null;
  }

  /**
   * The `count` command rather than countDocuments (an aggregation): the same answer, about three
   * times cheaper on the embedded engine, index-backed on mongod.
   */
  private async countItems(filter: Record<string, unknown>): Promise<number> {
    const result = await this.items.db.db!.command({
      count: this.items.collection.collectionName,
      query: filter,
    });
    return (result as { n: number }).n;
  }

  private async syncOrNotFound(playlistId: Types.ObjectId, id: string): Promise<PlaylistRecord> {
    const synced = await this.sync(playlistId);
    if (!synced) throw new NotFoundError('Playlist', id);
    return synced;
  }

  /** The first 4 distinct songs in order, for cover mosaics. */
  private async coverSongIds(playlistId: Types.ObjectId): Promise<string[]> {
    const first = await this.items
      .find({ playlistId }, { songId: 1 })
      .sort({ rank: 1 })
      .limit(40)
      .lean<Array<Pick<PlaylistItemRecord, 'songId'>>>()
      .exec();
    return [...new Set(first.map((item) => item.songId))].slice(0, 4);
  }

  private async lastRank(playlistId: Types.ObjectId): Promise<string | null> {
    const last = await this.items
      .findOne({ playlistId }, { rank: 1 })
      .sort({ rank: -1 })
      .lean<Pick<PlaylistItemRecord, 'rank'>>()
      .exec();
    return last?.rank ?? null;
  }

  /**
   * The ranks on either side of position `at` (null past either end), leaving out `excluding` (the
   * item being moved, so positions are counted as if it were already taken out).
   */
  private async neighbours(
    playlistId: Types.ObjectId,
    at: number,
    excluding: Types.ObjectId | null,
  ): Promise<[string | null, string | null]> {
    const filter = excluding ? { playlistId, _id: { $ne: excluding } } : { playlistId };
    const around = await this.items
      .find(filter, { rank: 1 })
      .sort({ rank: 1 })
      .skip(Math.max(0, at - 1))
      .limit(2)
      .lean<Array<Pick<PlaylistItemRecord, 'rank'>>>()
      .exec();
    if (at === 0) return [null, around[0]?.rank ?? null];
    return [around[0]?.rank ?? null, around[1]?.rank ?? null];
  }

  private async requireEditor(
    playlistId: Types.ObjectId,
    userId: string,
    id: string,
  ): Promise<PlaylistRecord> {
    const playlist = await this.playlists
      .findOne({ _id: playlistId, deletedAt: null })
      .lean<PlaylistRecord>()
      .exec();
    return requireItemEditor(playlist, userId, id);
  }

  private async requireReadySongs(songIds: readonly string[]): Promise<void> {
    const ready = await this.catalogue.readySongIds([...new Set(songIds)]);
    const missing = [...new Set(songIds.filter((songId) => !ready.has(songId)))];
    if (missing.length > 0) throw new NotFoundError('Song', missing.join(', '));
  }
}
