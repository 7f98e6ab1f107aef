import { PreferencesTestServer, newId } from '../../__tests__/preferences-test-server';
import {
  ADD_COLLABORATOR,
  CREATE_PLAYLIST,
  DELETE_PLAYLIST,
  ENTITIES,
  LEAVE,
  LIBRARY_PLAYLISTS,
  PLAYLIST,
  PlaylistWorld,
  PublishedEvents,
  REMOVE_COLLABORATOR,
  UPDATE_PLAYLIST,
  USER_PLAYLISTS,
} from './playlist-fixtures';

let server: PreferencesTestServer;
let world: PlaylistWorld;
let events: PublishedEvents;

beforeAll(async () => {
  server = await PreferencesTestServer.start();
  world = new PlaylistWorld(server);
  events = await PublishedEvents.listen(server, [
    'PLAYLIST_CREATED',
    'PLAYLIST_UPDATED',
    'PLAYLIST_DELETED',
  ]);
});
afterAll(async () => {
  await events?.close();
  await server?.stop();
});

interface PlaylistView {
  id: string;
  name: string;
  description: string | null;
  visibility: string;
  collaborative: boolean;
  itemCount: number;
  owner: { id: string };
  collaborators: Array<{ id: string }>;
  ownedByMe: boolean;
  editableByMe: boolean;
  createdAt: string;
  updatedAt: string;
}

describe('createPlaylist', () => {
  it('creates a PUBLIC, non-collaborative playlist owned by the caller, with PLAYLIST_CREATED', async () => {
    const owner = newId('user');
    const { createPlaylist } = await server.ok<{ createPlaylist: PlaylistView }>(
      CREATE_PLAYLIST,
      { input: { name: '  Road   trip  ', description: 'For the drive\nnorth' } },
      owner,
    );
    expect(createPlaylist).toMatchObject({
      name: 'Road trip',
      description: 'For the drive\nnorth',
      visibility: 'PUBLIC',
      collaborative: false,
      itemCount: 0,
      owner: { id: owner },
      collaborators: [],
      ownedByMe: true,
      editableByMe: true,
    });
    const [created] = await events
      .waitFor('PLAYLIST_CREATED', () =>
        events.of(createPlaylist.id).some((e) => e.type === 'PLAYLIST_CREATED'),
      )
      .then(() => events.of(createPlaylist.id));
    expect(created).toMatchObject({
      type: 'PLAYLIST_CREATED',
      producer: 'preferences',
      aggregateVersion: 1,
      data: {
        playlistId: createPlaylist.id,
        name: 'Road trip',
        ownerId: owner,
        visibility: 'PUBLIC',
        collaborative: false,
        collaboratorIds: [],
        itemCount: 0,
        coverSongIds: [],
      },
    });
  });

  it('takes visibility and collaborative from the input', async () => {
    const { createPlaylist } = await server.ok<{ createPlaylist: PlaylistView }>(
      CREATE_PLAYLIST,
      { input: { name: 'Secret', visibility: 'PRIVATE', collaborative: true } },
      newId('user'),
    );
    expect(createPlaylist).toMatchObject({ visibility: 'PRIVATE', collaborative: true });
  });

  it.each([
    ['an empty name', { name: '   ' }, 'input.name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'input.name'],
    ['a name with a zero-width space', { name: 'Mi\u200Bx' }, 'input.name'],
    [
      'a description of 1,001 characters',
      { name: 'Ok', description: 'd'.repeat(1001) },
      'input.description',
    ],
  ])('refuses %s (BAD_USER_INPUT naming the field)', async (_label, input, field) => {
    const result = await server.execute(CREATE_PLAYLIST, { input }, newId('user'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts a name of exactly 100 characters (emoji count as one)', async () => {
    const name = `${'x'.repeat(99)}🎧`;
    const { createPlaylist } = await server.ok<{ createPlaylist: PlaylistView }>(
      CREATE_PLAYLIST,
      { input: { name } },
      newId('user'),
    );
    expect(createPlaylist.name).toBe(name);
  });

  it('needs a signed-in caller', async () => {
    const result = await server.execute(CREATE_PLAYLIST, { input: { name: 'Nope' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('visibility', () => {
  let owner: string;
  let collaborator: string;
  let stranger: string;
  let privateId: string;
  let publicId: string;

  beforeAll(async () => {
    owner = newId('user');
    stranger = newId('user');
    collaborator = await world.registeredUser();
    privateId = await world.playlist(owner, { name: 'Diary', visibility: 'PRIVATE' });
    publicId = await world.playlist(owner, { name: 'Hits' });
    await server.ok(ADD_COLLABORATOR, { playlistId: privateId, userId: collaborator }, owner);
  });

  it('a PRIVATE playlist is NOT_FOUND for strangers and anonymous callers', async () => {
    for (const as of [stranger, undefined]) {
      const result = await server.execute(PLAYLIST, { id: privateId }, as);
      expect(result.data?.playlist ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('a PRIVATE playlist is there for its owner and its collaborators', async () => {
    for (const as of [owner, collaborator]) {
      const data = await server.ok<{ playlist: PlaylistView }>(PLAYLIST, { id: privateId }, as);
      expect(data.playlist).toMatchObject({ id: privateId, name: 'Diary', visibility: 'PRIVATE' });
    }
  });

  it('through _entities (as the router resolves a reference) a PRIVATE playlist is NOT_FOUND for others', async () => {
    const representations = [
      { __typename: 'Playlist', id: publicId },
      { __typename: 'Playlist', id: privateId },
    ];
    const asStranger = await server.execute<{ _entities: unknown[] }>(
      ENTITIES,
      { representations },
      stranger,
    );
    expect(asStranger.data?._entities).toEqual([
      { id: publicId, name: 'Hits', visibility: 'PUBLIC', itemCount: 0 },
      null,
    ]);
    expect(asStranger.errors).toHaveLength(1);
    expect(asStranger.errors?.[0]).toMatchObject({
      path: ['_entities', 1],
      extensions: { code: 'NOT_FOUND' },
    });

    const asOwner = await server.ok<{ _entities: unknown[] }>(ENTITIES, { representations }, owner);
    expect(asOwner._entities).toEqual([
      { id: publicId, name: 'Hits', visibility: 'PUBLIC', itemCount: 0 },
      { id: privateId, name: 'Diary', visibility: 'PRIVATE', itemCount: 0 },
    ]);
  });

  it('making it PUBLIC shows it to everyone; PRIVATE again hides it', async () => {
    const id = await world.playlist(owner, { visibility: 'PRIVATE' });
    await server.ok(UPDATE_PLAYLIST, { id, input: { visibility: 'PUBLIC' } }, owner);
    expect((await server.execute(PLAYLIST, { id }, stranger)).errors).toBeUndefined();
    await server.ok(UPDATE_PLAYLIST, { id, input: { visibility: 'PRIVATE' } }, owner);
    const hidden = await server.execute(PLAYLIST, { id }, stranger);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('an unknown or malformed id is NOT_FOUND / BAD_USER_INPUT', async () => {
    const unknown = await server.execute(PLAYLIST, { id: 'a'.repeat(24) }, owner);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.execute(PLAYLIST, { id: 'nope' }, owner);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });
});

describe('updatePlaylist and deletePlaylist', () => {
  it('the owner renames, describes and clears the description, with PLAYLIST_UPDATED at the next version', async () => {
    const owner = newId('user');
    const id = await world.playlist(owner, { name: 'Old', description: 'was' });
    const renamed = await server.ok<{ updatePlaylist: PlaylistView }>(
      UPDATE_PLAYLIST,
      { id, input: { name: 'New', collaborative: true } },
      owner,
    );
    expect(renamed.updatePlaylist).toMatchObject({
      name: 'New',
      description: 'was',
      collaborative: true,
    });
    const cleared = await server.ok<{ updatePlaylist: PlaylistView }>(
      UPDATE_PLAYLIST,
      { id, input: { description: '' } },
      owner,
    );
    expect(cleared.updatePlaylist.description).toBeNull();
    expect(Date.parse(cleared.updatePlaylist.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(renamed.updatePlaylist.updatedAt),
    );
    await events.waitFor(
      'two PLAYLIST_UPDATED',
      () => events.of(id).filter((e) => e.type === 'PLAYLIST_UPDATED').length >= 2,
    );
    const updates = events.of(id).filter((e) => e.type === 'PLAYLIST_UPDATED');
    expect(updates.map((e) => e.aggregateVersion)).toEqual([2, 3]);
    expect(updates[0]!.data).toMatchObject({
      name: 'New',
      description: 'was',
      collaborative: true,
    });
    expect(updates[1]!.data).toMatchObject({ name: 'New', description: null });
  });

  it('an update that changes nothing writes nothing', async () => {
    const owner = newId('user');
    const id = await world.playlist(owner, { name: 'Same' });
    await server.ok(UPDATE_PLAYLIST, { id, input: { name: 'Same' } }, owner);
    const stored = await server.subgraph.connection
      .collection('playlists')
      .findOne({ name: 'Same', ownerId: owner });
    expect(stored?.version).toBe(1);
  });

  it('others may not update or delete: FORBIDDEN on a public playlist, NOT_FOUND on a private one', async () => {
    const owner = newId('user');
    const other = newId('user');
    const publicId = await world.playlist(owner);
    const privateId = await world.playlist(owner, { visibility: 'PRIVATE' });
    const update = await server.execute(
      UPDATE_PLAYLIST,
      { id: publicId, input: { name: 'Mine' } },
      other,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const remove = await server.execute(DELETE_PLAYLIST, { id: publicId }, other);
    expect(remove.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const hidden = await server.execute(
      UPDATE_PLAYLIST,
      { id: privateId, input: { name: 'x' } },
      other,
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { playlist } = await server.ok<{ playlist: PlaylistView }>(
      PLAYLIST,
      { id: publicId },
      owner,
    );
    expect(playlist.name).toBe('Mix');
  });

  it('a collaborator may not rename it (owner only)', async () => {
    const owner = newId('user');
    const collaborator = await world.registeredUser();
    const id = await world.playlist(owner);
    await server.ok(ADD_COLLABORATOR, { playlistId: id, userId: collaborator }, owner);
    const result = await server.execute(
      UPDATE_PLAYLIST,
      { id, input: { name: 'Ours' } },
      collaborator,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the owner deletes it: gone for everyone (also _entities), PLAYLIST_DELETED published', async () => {
    const owner = newId('user');
    const id = await world.playlist(owner);
    expect(await server.ok(DELETE_PLAYLIST, { id }, owner)).toEqual({ deletePlaylist: true });
    expect((await server.execute(PLAYLIST, { id }, owner)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const entities = await server.execute<{ _entities: unknown[] }>(
      ENTITIES,
      { representations: [{ __typename: 'Playlist', id }] },
      owner,
    );
    expect(entities.data?._entities).toEqual([null]);
    const again = await server.execute(DELETE_PLAYLIST, { id }, owner);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await events.waitFor('PLAYLIST_DELETED', () =>
      events.of(id).some((e) => e.type === 'PLAYLIST_DELETED'),
    );
    expect(events.of(id).find((e) => e.type === 'PLAYLIST_DELETED')).toMatchObject({
      aggregateVersion: 2,
      data: { playlistId: id, ownerId: owner },
    });
  });
});

describe('collaborators', () => {
  it('the owner invites a registered user (making it collaborative) and takes them off again, idempotently', async () => {
    const owner = newId('user');
    const friend = await world.registeredUser();
    const id = await world.playlist(owner);
    const added = await server.ok<{ addPlaylistCollaborator: PlaylistView }>(
      ADD_COLLABORATOR,
      { playlistId: id, userId: friend },
      owner,
    );
    expect(added.addPlaylistCollaborator).toMatchObject({
      collaborative: true,
      collaborators: [{ id: friend }],
    });
    const twice = await server.ok<{ addPlaylistCollaborator: PlaylistView }>(
      ADD_COLLABORATOR,
      { playlistId: id, userId: friend },
      owner,
    );
    expect(twice.addPlaylistCollaborator.collaborators).toEqual([{ id: friend }]);
    const asFriend = await server.ok<{ playlist: PlaylistView }>(PLAYLIST, { id }, friend);
    expect(asFriend.playlist).toMatchObject({ ownedByMe: false, editableByMe: true });

    await events.waitFor('the collaborator in a PLAYLIST_UPDATED', () =>
      events
        .of(id)
        .some((e) => (e.data as { collaboratorIds: string[] }).collaboratorIds?.includes(friend)),
    );

    const removed = await server.ok<{ removePlaylistCollaborator: PlaylistView }>(
      REMOVE_COLLABORATOR,
      { playlistId: id, userId: friend },
      owner,
    );
    expect(removed.removePlaylistCollaborator.collaborators).toEqual([]);
    const again = await server.ok<{ removePlaylistCollaborator: PlaylistView }>(
      REMOVE_COLLABORATOR,
      { playlistId: id, userId: friend },
      owner,
    );
    expect(again.removePlaylistCollaborator.collaborators).toEqual([]);
  });

  it('an unknown user is NOT_FOUND; the owner is BAD_USER_INPUT; only the owner invites', async () => {
    const owner = newId('user');
    const friend = await world.registeredUser();
    const id = await world.playlist(owner);
    const unknown = await server.execute(
      ADD_COLLABORATOR,
      { playlistId: id, userId: 'nobody-at-all' },
      owner,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('nobody-at-all');
    const self = await server.execute(ADD_COLLABORATOR, { playlistId: id, userId: owner }, owner);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const notOwner = await server.execute(
      ADD_COLLABORATOR,
      { playlistId: id, userId: friend },
      friend,
    );
    expect(notOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a collaborator may leave; a private playlist is then NOT_FOUND for them', async () => {
    const owner = newId('user');
    const friend = await world.registeredUser();
    const id = await world.playlist(owner, { visibility: 'PRIVATE' });
    await server.ok(ADD_COLLABORATOR, { playlistId: id, userId: friend }, owner);
    expect(await server.ok(LEAVE, { playlistId: id }, friend)).toEqual({ leavePlaylist: true });
    const after = await server.execute(PLAYLIST, { id }, friend);
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const again = await server.execute(LEAVE, { playlistId: id }, friend);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('User.playlists and Library.playlists', () => {
  interface ListView {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: { id: string; name: string; visibility: string; ownedByMe?: boolean };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  }

  it("User.playlists lists only a user's PUBLIC playlists, newest first, paged", async () => {
    const owner = newId('user');
    const first = await world.playlist(owner, { name: 'One' });
    await world.playlist(owner, { name: 'Hidden', visibility: 'PRIVATE' });
    const third = await world.playlist(owner, { name: 'Three' });
    const deleted = await world.playlist(owner, { name: 'Gone' });
    await server.ok(DELETE_PLAYLIST, { id: deleted }, owner);

    const representations = [{ __typename: 'User', id: owner }];
    const page1 = await server.ok<{ _entities: Array<{ playlists: ListView }> }>(
      USER_PLAYLISTS,
      { representations, first: 1 },
      newId('user'),
    );
    const list1 = page1._entities[0]!.playlists;
    expect(list1.totalCount).toBe(2);
    expect(list1.edges.map((e) => e.node.id)).toEqual([third]);
    expect(list1.pageInfo.hasNextPage).toBe(true);
    const page2 = await server.ok<{ _entities: Array<{ playlists: ListView }> }>(USER_PLAYLISTS, {
      representations,
      first: 1,
      after: list1.pageInfo.endCursor,
    });
    const list2 = page2._entities[0]!.playlists;
    expect(list2.edges.map((e) => e.node.id)).toEqual([first]);
    expect(list2.pageInfo).toEqual({ hasNextPage: false, endCursor: list2.edges[0]!.cursor });
  });

  it("Library.playlists lists the caller's own (private too) and those they collaborate on", async () => {
    const me = await world.registeredUser();
    const friend = newId('user');
    const mine = await world.playlist(me, { name: 'Mine', visibility: 'PRIVATE' });
    const shared = await world.playlist(friend, { name: 'Shared', visibility: 'PRIVATE' });
    await world.playlist(friend, { name: 'Not mine' });
    await server.ok(ADD_COLLABORATOR, { playlistId: shared, userId: me }, friend);

    const data = await server.ok<{ library: { playlists: ListView } }>(LIBRARY_PLAYLISTS, {}, me);
    expect(data.library.playlists.totalCount).toBe(2);
    expect(data.library.playlists.edges.map((e) => [e.node.id, e.node.ownedByMe])).toEqual([
      [shared, false],
      [mine, true],
    ]);
  });

  it('refuses a bad page size or cursor', async () => {
    const me = newId('user');
    const big = await server.execute(LIBRARY_PLAYLISTS, { first: 101 }, me);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await server.execute(LIBRARY_PLAYLISTS, { after: 'garbage' }, me);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
