import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { UserEntity } from '../catalogue/entities';
import { Library } from '../library/library';
import { MAX_PLAYLIST_PAGE_SIZE, parseFirst } from './playlist-cursors';
import { PlaylistConnection, toPlaylist } from './playlist';
import type { PlaylistPage, PlaylistService } from './playlist.service';

function toConnection(page: PlaylistPage): PlaylistConnection {
  return {
    edges: page.records.map((record, index) => ({
      cursor: page.cursors[index]!,
      node: toPlaylist(record),
    })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount,
  };
}

/** User.playlists: a user's PUBLIC playlists, newest first (their profile page). */
@Resolver(() => UserEntity)
export class UserPlaylistsResolver {
  constructor(private readonly playlistService: PlaylistService) {}

  @FieldResolver(() => PlaylistConnection, {
    description: "The user's PUBLIC playlists, newest first; `first` up to 100 (default 20).",
  })
  async playlists(
    @Root() user: UserEntity,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PlaylistConnection> {
    return toConnection(
      await this.playlistService.listPublicOf(
        user.id,
        parseFirst(first, MAX_PLAYLIST_PAGE_SIZE),
        after,
      ),
    );
  }
}

/** Library.playlists: the caller's own playlists and those they collaborate on, newest first. */
@Resolver(() => Library)
export class LibraryPlaylistsResolver {
  constructor(private readonly playlistService: PlaylistService) {}

  @FieldResolver(() => PlaylistConnection, {
    description:
      'Your playlists and those you collaborate on (PRIVATE ones too), newest first; `first` up to 100 (default 20).',
  })
  async playlists(
    @Root() library: Library,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PlaylistConnection> {
    return toConnection(
      await this.playlistService.listForMember(
        library.userId,
        parseFirst(first, MAX_PLAYLIST_PAGE_SIZE),
        after,
      ),
    );
  }
}
