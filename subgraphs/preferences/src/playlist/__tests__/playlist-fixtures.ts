import {
  createEvent,
  EmbeddedEventBus,
  SongCreated,
  SongDeleted,
  SongUpdated,
  UserRegistered,
  type EventEnvelope,
} from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { newId, type PreferencesTestServer } from '../../__tests__/preferences-test-server';

/** Waits (bounded) until `check` holds; polls a condition the test awaits, never a fixed sleep. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const songRevisions = new Map<string, number>();

function songEvent(
  songId: string,
  status: 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED',
): EventEnvelope {
  const revision = (songRevisions.get(songId) ?? 0) + 1;
  songRevisions.set(songId, revision);
  const definition = revision === 1 ? SongCreated : SongUpdated;
  return createEvent({
    type: definition.type,
    version: definition.version,
    producer: 'songs',
    aggregateId: songId,
    aggregateVersion: revision,
    data: {
      songId,
      title: `Song ${songId}`,
      artist: { id: 'artist-1', name: 'The Artist' },
      album: null,
      genre: 'Electronic',
      tags: [],
      durationMs: 200_000,
      status,
      failureReason: null,
      coverKey: null,
      uploaderId: 'uploader-1',
      createdAt: new Date().toISOString(),
    },
  });
}

/** Playlist tests: the server, plus the songs and users other subgraphs would announce. */
export class PlaylistWorld {
  constructor(readonly server: PreferencesTestServer) {}

  private collection(name: string) {
    return this.server.subgraph.connection.collection(name);
  }

  /** Songs that songs announced as READY (SONG_CREATED then SONG_UPDATED), once the catalogue has them. */
  async readySongs(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => newId('song'));
    await this.server.publish(
      ids.flatMap((id) => [songEvent(id, 'PENDING_UPLOAD'), songEvent(id, 'READY')]),
    );
    await until('the catalogue to know the songs', async () => {
      const known = await this.collection('known_songs').countDocuments({
        _id: { $in: ids } as never,
        status: 'READY',
      });
      return known === ids.length;
    });
    return ids;
  }

  async readySong(): Promise<string> {
    return (await this.readySongs(1))[0]!;
  }

  /** A song still processing: known, not playable. */
  async processingSong(): Promise<string> {
    const id = newId('song');
    await this.server.publish([songEvent(id, 'PENDING_UPLOAD'), songEvent(id, 'PROCESSING')]);
    await until('the catalogue to know the song', async () =>
      Boolean(
        await this.collection('known_songs').findOne({ _id: id as never, status: 'PROCESSING' }),
      ),
    );
    return id;
  }

  /** songs deleted a song: SONG_DELETED on the bus. */
  async deleteSong(songId: string): Promise<void> {
    const revision = (songRevisions.get(songId) ?? 0) + 1;
    songRevisions.set(songId, revision);
    await this.server.publish([
      createEvent({
        type: SongDeleted.type,
        version: SongDeleted.version,
        producer: 'songs',
        aggregateId: songId,
        aggregateVersion: revision,
        data: { songId },
      }),
    ]);
  }

  /** A user auth announced (USER_REGISTERED), once the catalogue knows them. */
  async registeredUser(): Promise<string> {
    const userId = newId('user');
    await this.server.publish([
      createEvent({
        type: UserRegistered.type,
        version: UserRegistered.version,
        producer: 'auth',
        aggregateId: userId,
        aggregateVersion: 1,
        data: {
          userId,
          displayName: `User ${userId.slice(-6)}`,
          avatarUrl: null,
          createdAt: new Date().toISOString(),
        },
      }),
    ]);
    await until('the catalogue to know the user', async () =>
      Boolean(await this.collection('known_users').findOne({ _id: userId as never })),
    );
    return userId;
  }

  /** A new playlist of `ownerId`; its id. */
  async playlist(ownerId: string, input: Record<string, unknown> = {}): Promise<string> {
    const data = await this.server.ok<{ createPlaylist: { id: string } }>(
      CREATE_PLAYLIST,
      { input: { name: 'Mix', ...input } },
      ownerId,
    );
    return data.createPlaylist.id;
  }

  /** The items of a playlist in order, every page, as `as` sees them. */
  async allItems(playlistId: string, as?: string, pageSize = 100): Promise<PlaylistItemView[]> {
    const items: PlaylistItemView[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { playlist: { items: ItemsPage } } = await this.server.ok(
        ITEMS,
        { id: playlistId, first: pageSize, after },
        as,
      );
      items.push(...data.playlist.items.edges.map((edge) => edge.node));
      if (!data.playlist.items.pageInfo.hasNextPage) return items;
      after = data.playlist.items.pageInfo.endCursor;
    }
  }
}

/** A bus reader for what the subgraph publishes. */
export class PublishedEvents {
  readonly received: EventEnvelope[] = [];
  private constructor(private readonly bus: EmbeddedEventBus) {}

  static async listen(server: PreferencesTestServer, types: string[]): Promise<PublishedEvents> {
    const bus = new EmbeddedEventBus({
      db: server.client.db(server.env.EVENT_BUS_DATABASE),
      logger: createTestLogger('playlist-events'),
    });
    const reader = new PublishedEvents(bus);
    await bus.subscribe({
      consumer: `test-${newId('reader')}`,
      types,
      handler: async (event) => {
        reader.received.push(event);
      },
    });
    return reader;
  }

  of(aggregateId: string): EventEnvelope[] {
    return this.received.filter((event) => event.aggregateId === aggregateId);
  }

  async waitFor(
    what: string,
    predicate: (events: EventEnvelope[]) => boolean,
  ): Promise<EventEnvelope[]> {
    await until(what, async () => predicate(this.received));
    return this.received;
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}

export interface PlaylistItemView {
  id: string;
  position: number;
  addedAt: string;
  song: { id: string };
  addedBy: { id: string };
}

interface ItemsPage {
  totalCount: number;
  edges: Array<{ cursor: string; node: PlaylistItemView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const PLAYLIST_FIELDS = `id name description visibility collaborative itemCount createdAt updatedAt
  owner { id } collaborators { id } ownedByMe editableByMe`;

export const CREATE_PLAYLIST = `mutation Create($input: CreatePlaylistInput!) { createPlaylist(input: $input) { ${PLAYLIST_FIELDS} } }`;
export const UPDATE_PLAYLIST = `mutation Update($id: ID!, $input: UpdatePlaylistInput!) { updatePlaylist(id: $id, input: $input) { ${PLAYLIST_FIELDS} } }`;
export const DELETE_PLAYLIST = 'mutation Delete($id: ID!) { deletePlaylist(id: $id) }';
export const PLAYLIST = `query Playlist($id: ID!) { playlist(id: $id) { ${PLAYLIST_FIELDS} } }`;
export const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Playlist { id name visibility itemCount } }
}`;
export const ITEM_FIELDS = 'id position addedAt song { id } addedBy { id }';
export const ITEMS = `query Items($id: ID!, $first: Int, $after: String) {
  playlist(id: $id) { itemCount items(first: $first, after: $after) {
    totalCount edges { cursor node { ${ITEM_FIELDS} } } pageInfo { hasNextPage endCursor } } }
}`;
export const ADD = `mutation Add($playlistId: ID!, $songIds: [ID!]!, $position: Int) {
  addToPlaylist(playlistId: $playlistId, songIds: $songIds, position: $position) { id itemCount }
}`;
export const REMOVE = `mutation Remove($playlistId: ID!, $itemIds: [ID!]!) {
  removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) { id itemCount }
}`;
export const MOVE = `mutation Move($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {
  movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) { id itemCount }
}`;
export const ADD_COLLABORATOR = `mutation AddCollaborator($playlistId: ID!, $userId: ID!) {
  addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) { ${PLAYLIST_FIELDS} }
}`;
export const REMOVE_COLLABORATOR = `mutation RemoveCollaborator($playlistId: ID!, $userId: ID!) {
  removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) { ${PLAYLIST_FIELDS} }
}`;
export const LEAVE = 'mutation Leave($playlistId: ID!) { leavePlaylist(playlistId: $playlistId) }';
export const USER_PLAYLISTS = `query UserPlaylists($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) { ... on User { id playlists(first: $first, after: $after) {
    totalCount edges { cursor node { id name visibility } } pageInfo { hasNextPage endCursor } } } }
}`;
export const LIBRARY_PLAYLISTS = `query LibraryPlaylists($first: Int, $after: String) {
  library { playlists(first: $first, after: $after) {
    totalCount edges { cursor node { id name visibility ownedByMe } } pageInfo { hasNextPage endCursor } } }
}`;
