import { CachePrivate } from '@groovy/common/graphql';
import { requireUserId } from '@groovy/common/subgraph';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SongEntity, songEntity, UserEntity, userEntity } from '../catalogue/entities';
import type { PreferencesContext } from '../preferences-context';
import { canEditItems } from './playlist-access';
import { MAX_ITEM_PAGE_SIZE, parseFirst } from './playlist-cursors';
import type { PlaylistItemService } from './playlist-items.service';
import { Playlist, PlaylistItemConnection, toPlaylist, toPlaylistItem } from './playlist';
import { CreatePlaylistInput, UpdatePlaylistInput } from './playlist.inputs';
import type { PlaylistService } from './playlist.service';

/** Playlists: Query.playlist, the mutations, and Playlist's own fields. Thin: the services decide. */
@Resolver(() => Playlist)
export class PlaylistResolver {
  constructor(
    private readonly playlists: PlaylistService,
    private readonly itemService: PlaylistItemService,
  ) {}

  @Query(() => Playlist, {
    nullable: true,
    description:
      'A playlist; NOT_FOUND when there is none or it is PRIVATE and not yours or shared with you.',
  })
  async playlist(
    @Arg('id', () => ID) id: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(await this.playlists.findVisible(id, context.viewerId));
  }

  @Mutation(() => Playlist, { description: 'A new playlist, owned by the caller.' })
  async createPlaylist(
    @Arg('input') input: CreatePlaylistInput,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(await this.playlists.create(requireUserId(context), input));
  }

  @Mutation(() => Playlist, {
    description: 'Renames, describes, shows or hides a playlist; the owner only.',
  })
  async updatePlaylist(
    // type-graphql lists arguments last-parameter-first: this prints `updatePlaylist(id, input)`.
    @Arg('input') input: UpdatePlaylistInput,
    @Arg('id', () => ID) id: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(await this.playlists.update(requireUserId(context), id, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes a playlist and its items; the owner only.' })
  async deletePlaylist(
    @Arg('id', () => ID) id: string,
    @Ctx() context: PreferencesContext,
  ): Promise<boolean> {
    await this.playlists.delete(requireUserId(context), id);
    return true;
  }

  @Mutation(() => Playlist, {
    description:
      'Adds READY songs at `position` (0 = first, the end when omitted); the same song may be added more than once. At most 500 songs per call and 10,000 items per playlist.',
  })
  async addToPlaylist(
    @Arg('position', () => Int, { nullable: true }) position: number | null,
    @Arg('songIds', () => [ID]) songIds: string[],
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(
      await this.itemService.add(requireUserId(context), playlistId, songIds, position),
    );
  }

  @Mutation(() => Playlist, { description: 'Removes items (by item id, at most 500 per call).' })
  async removeFromPlaylist(
    @Arg('itemIds', () => [ID]) itemIds: string[],
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(await this.itemService.remove(requireUserId(context), playlistId, itemIds));
  }

  @Mutation(() => Playlist, {
    description: 'Moves an item so it ends up at `toPosition` (0-based).',
  })
  async movePlaylistItem(
    @Arg('toPosition', () => Int) toPosition: number,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(
      await this.itemService.move(requireUserId(context), playlistId, itemId, toPosition),
    );
  }

  @Mutation(() => Playlist, {
    description:
      'Invites a collaborator (the owner only; idempotent). Makes the playlist collaborative: collaborators may add, remove and move songs, and see it when PRIVATE.',
  })
  async addPlaylistCollaborator(
    @Arg('userId', () => ID) userId: string,
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(
      await this.playlists.addCollaborator(requireUserId(context), playlistId, userId),
    );
  }

  @Mutation(() => Playlist, {
    description: 'Takes a collaborator off (the owner only; idempotent).',
  })
  async removePlaylistCollaborator(
    @Arg('userId', () => ID) userId: string,
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<Playlist> {
    return toPlaylist(
      await this.playlists.removeCollaborator(requireUserId(context), playlistId, userId),
    );
  }

  @Mutation(() => Boolean, { description: 'The caller stops collaborating on a playlist.' })
  async leavePlaylist(
    @Arg('playlistId', () => ID) playlistId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<boolean> {
    await this.playlists.leave(requireUserId(context), playlistId);
    return true;
  }

  @FieldResolver(() => UserEntity)
  owner(@Root() playlist: Playlist): UserEntity {
    return userEntity(playlist.record.ownerId);
  }

  @FieldResolver(() => [UserEntity], {
    description: 'The people the owner invited, in the order invited.',
  })
  collaborators(@Root() playlist: Playlist): UserEntity[] {
    return playlist.record.collaboratorIds.map(userEntity);
  }

  @FieldResolver(() => [SongEntity], {
    description: 'Up to 4 distinct songs from the top of the list, for a cover mosaic.',
  })
  coverSongs(@Root() playlist: Playlist): SongEntity[] {
    return playlist.record.coverSongIds.map(songEntity);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, { description: 'Whether the caller owns it.' })
  ownedByMe(@Root() playlist: Playlist, @Ctx() context: PreferencesContext): boolean {
    return context.viewerId !== null && playlist.record.ownerId === context.viewerId;
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, {
    description: 'Whether the caller may add, remove and move its songs.',
  })
  editableByMe(@Root() playlist: Playlist, @Ctx() context: PreferencesContext): boolean {
    return context.viewerId !== null && canEditItems(playlist.record, context.viewerId);
  }

  @FieldResolver(() => PlaylistItemConnection, {
    description: 'Its items in order; `first` up to 500 (default 20).',
  })
  async items(
    @Root() playlist: Playlist,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PlaylistItemConnection> {
    const page = await this.itemService.page(
      playlist.record._id,
      parseFirst(first, MAX_ITEM_PAGE_SIZE),
      after,
    );
    return {
      edges: page.items.map(({ record, position, cursor }) => ({
        cursor,
        node: toPlaylistItem(record, position),
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}
