import { BadUserInputError, NotFoundError } from '@groovy/common/errors';
import { insertWithEvents, type OutboxNotifier } from '@groovy/common/events';
import { Types, type QueryFilter } from 'mongoose';
import { requireOwner, requireVisible } from './playlist-access';
import type { PlaylistCatalogue } from './playlist-catalogue';
import {
  decodePlaylistCursor,
  encodePlaylistCursor,
  isObjectIdText,
  parseObjectId,
} from './playlist-cursors';
import { playlistDeletedEvent, playlistEvent } from './playlist-events';
import {
  PLAYLIST_VERSION,
  type PlaylistItemModel,
  type PlaylistModel,
  type PlaylistRecord,
  type PlaylistVisibility,
} from './playlist.model';
import { parsePlaylistDescription, parsePlaylistName, PLAYLIST_LIMITS } from './playlist-rules';
import { writePlaylistWithEvents } from './playlist-write';

export interface CreatePlaylistCommand {
  name: string;
  description?: string | null;
  visibility?: PlaylistVisibility | null;
  collaborative?: boolean | null;
}

export interface UpdatePlaylistCommand {
  name?: string | null;
  description?: string | null;
  visibility?: PlaylistVisibility | null;
  collaborative?: boolean | null;
}

export interface PlaylistPage {
  records: PlaylistRecord[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A playlist's details, visibility and collaborators (its items: PlaylistItemService). */
export class PlaylistService {
  constructor(
    private readonly playlists: PlaylistModel,
    private readonly items: PlaylistItemModel,
    private readonly catalogue: PlaylistCatalogue,
    private readonly outbox: OutboxNotifier,
  ) {}

  async create(ownerId: string, input: CreatePlaylistCommand): Promise<PlaylistRecord> {
    const name = parsePlaylistName('input.name', input.name);
    const description = parsePlaylistDescription('input.description', input.description);
    const now = new Date();
    const record = {
      _id: new Types.ObjectId(),
      ownerId,
      name,
      description,
      visibility: input.visibility ?? 'PUBLIC',
      collaborative: input.collaborative ?? false,
      collaboratorIds: [] as string[],
      itemCount: 0,
      coverSongIds: [] as string[],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      version: 1,
    };
    return insertWithEvents(
      this.playlists,
      record,
      [playlistEvent('created', record, 1)],
      this.outbox,
    );
  }

  /** The playlist, when `viewerId` may see it; NOT_FOUND otherwise (whether it exists or not). */
  async findVisible(id: string, viewerId: string | null, field = 'id'): Promise<PlaylistRecord> {
    const playlistId = parseObjectId(field, id);
    return requireVisible(await this.findLive(playlistId), viewerId, id);
  }

  findLive(id: Types.ObjectId): Promise<PlaylistRecord | null> {
    return this.playlists.findOne({ _id: id, deletedAt: null }).lean<PlaylistRecord>().exec();
  }

  /** Live playlists by id, in the order asked, null where there is none (references, loaders). */
  async findByIds(ids: readonly string[]): Promise<Array<PlaylistRecord | null>> {
    const valid = ids.filter(isObjectIdText).map((id) => new Types.ObjectId(id));
    const found = await this.playlists
      .find({ _id: { $in: valid }, deletedAt: null })
      .lean<PlaylistRecord[]>()
      .exec();
    const byId = new Map(found.map((record) => [record._id.toHexString(), record]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  async update(userId: string, id: string, input: UpdatePlaylistCommand): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('id', id);
    const set: Partial<PlaylistRecord> = {};
    if (input.name !== null && input.name !== undefined) {
      set.name = parsePlaylistName('input.name', input.name);
    }
    if (input.description !== null && input.description !== undefined) {
      set.description = parsePlaylistDescription('input.description', input.description);
    }
    if (input.visibility) set.visibility = input.visibility;
    if (input.collaborative !== null && input.collaborative !== undefined) {
      set.collaborative = input.collaborative;
    }
    return this.writeAsOwner(userId, playlistId, id, () => set);
  }

  /** Deletes the playlist and its items (PLAYLIST_DELETED); the owner only. */
  async delete(userId: string, id: string): Promise<void> {
    const playlistId = parseObjectId('id', id);
    const at = new Date();
    const written = await writePlaylistWithEvents({
      model: this.playlists,
      filter: { _id: playlistId, deletedAt: null },
      version: PLAYLIST_VERSION,
      notifier: this.outbox,
      subject: `playlist ${id}`,
      change: (current, version) => {
        requireOwner(current, userId, id);
        return {
          set: { deletedAt: at, updatedAt: at },
          events: [playlistDeletedEvent(current, version, at)],
        };
      },
    });
    if (written.outcome !== 'written') throw new NotFoundError('Playlist', id);
    // A tombstone nobody sees; its items go with it.
    await this.items.deleteMany({ playlistId });
  }

  /** Invites a collaborator (and makes the playlist collaborative); the owner only; idempotent. */
  async addCollaborator(
    userId: string,
    id: string,
    collaboratorId: string,
  ): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('playlistId', id);
    if (
      typeof collaboratorId !== 'string' ||
      collaboratorId.length === 0 ||
      collaboratorId.length > 64
    ) {
      throw new BadUserInputError('userId', 'Not a valid user id');
    }
    requireOwner(await this.findLive(playlistId), userId, id);
    if (collaboratorId === userId) {
      throw new BadUserInputError(
        'userId',
        'You own this playlist: you cannot be its collaborator',
      );
    }
    const known = await this.catalogue.existingUserIds([collaboratorId]);
    if (!known.has(collaboratorId)) throw new NotFoundError('User', collaboratorId);
    return this.writeAsOwner(userId, playlistId, id, (current) => {
      if (current.collaboratorIds.includes(collaboratorId)) {
        return current.collaborative ? null : { collaborative: true };
      }
      if (current.collaboratorIds.length >= PLAYLIST_LIMITS.maxCollaborators) {
        throw new BadUserInputError(
          'userId',
          `A playlist has at most ${PLAYLIST_LIMITS.maxCollaborators} collaborators`,
        );
      }
      return { collaboratorIds: [...current.collaboratorIds, collaboratorId], collaborative: true };
    });
  }

  /** Takes a collaborator off; the owner only; idempotent. */
  async removeCollaborator(
    userId: string,
    id: string,
    collaboratorId: string,
  ): Promise<PlaylistRecord> {
    const playlistId = parseObjectId('playlistId', id);
    return this.writeAsOwner(userId, playlistId, id, (current) =>
      current.collaboratorIds.includes(collaboratorId)
        ? { collaboratorIds: current.collaboratorIds.filter((other) => other !== collaboratorId) }
        : null,
    );
  }

  /** A collaborator leaves a playlist; NOT_FOUND when they are not one of it. */
  async leave(userId: string, id: string): Promise<void> {
    const playlistId = parseObjectId('playlistId', id);
    const written = await writePlaylistWithEvents({
      model: this.playlists,
      filter: { _id: playlistId, deletedAt: null, collaboratorIds: userId },
      version: PLAYLIST_VERSION,
      notifier: this.outbox,
      subject: `playlist ${id}`,
      change: (current, version) => {
        const next = {
          ...current,
          collaboratorIds: current.collaboratorIds.filter((other) => other !== userId),
          updatedAt: new Date(),
        };
        return {
          set: { collaboratorIds: next.collaboratorIds, updatedAt: next.updatedAt },
          events: [playlistEvent('updated', next, version)],
        };
      },
    });
    if (written.outcome !== 'written') throw new NotFoundError('Playlist', id);
  }

  /** A user's PUBLIC playlists, newest first (User.playlists). */
  listPublicOf(
    ownerId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<PlaylistPage> {
    return this.page({ ownerId, visibility: 'PUBLIC', deletedAt: null }, first, after);
  }

  /** The playlists a user owns or collaborates on, newest first (Library.playlists). */
  listForMember(
    userId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<PlaylistPage> {
    return this.page(
      { $or: [{ ownerId: userId }, { collaboratorIds: userId }], deletedAt: null },
      first,
      after,
    );
  }

  private async page(
    filter: QueryFilter<PlaylistRecord>,
    first: number,
    after: string | null | undefined,
  ): Promise<PlaylistPage> {
    const afterId = after ? decodePlaylistCursor(after) : null;
    const pageFilter = afterId ? { $and: [filter, { _id: { $lt: afterId } }] } : filter;
    const [totalCount, found] = await Promise.all([
      this.playlists.countDocuments(filter).exec(),
      first === 0
        ? Promise.resolve([] as PlaylistRecord[])
        : this.playlists
            .find(pageFilter)
            .sort({ _id: -1 })
            .limit(first + 1)
            .lean<PlaylistRecord[]>()
            .exec(),
    ]);
    const records = found.slice(0, first);
    return {
      records,
      cursors: records.map((record) => encodePlaylistCursor(record._id)),
      hasNextPage: found.length > first,
      totalCount,
    };
  }

  /**
   * An owner's change of the playlist itself: `changes` sees the playlist as it is (and may throw
   * BAD_USER_INPUT); null or `{}` means nothing to change, and nothing is written.
   */
  private async writeAsOwner(
    userId: string,
    playlistId: Types.ObjectId,
    id: string,
    changes: (current: PlaylistRecord) => Partial<PlaylistRecord> | null,
  ): Promise<PlaylistRecord> {
    const written = await writePlaylistWithEvents<PlaylistRecord, PlaylistRecord>({
      model: this.playlists,
      filter: { _id: playlistId, deletedAt: null },
      version: PLAYLIST_VERSION,
      notifier: this.outbox,
      subject: `playlist ${id}`,
      change: (current, version) => {
        requireOwner(current, userId, id);
        const set = changes(current);
        const changed =
          set !== null &&
          Object.entries(set).some(
            ([key, value]) =>
              JSON.stringify(value) !== JSON.stringify(current[key as keyof PlaylistRecord]),
          );
        if (!changed) return { decline: current };
        const next = { ...current, ...set, updatedAt: new Date() };
        return {
          set: { ...set, updatedAt: next.updatedAt },
          events: [playlistEvent('updated', next, version)],
        };
      },
    });
    if (written.outcome === 'declined') return written.reason;
    if (written.outcome !== 'written') throw new NotFoundError('Playlist', id);
    return written.record;
  }
}
