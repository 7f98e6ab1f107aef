import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

// Playlists with every process real: auth announces the users, songs the READY song and its
// deletion, the preferences subgraph learns both from the bus, and clients reach it only through the
// router, which joins a playlist's songs (songs) and people (auth) to it.

const CREATE =
  'mutation C($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id visibility } }';
const ADD = `mutation A($id: ID!, $songIds: [ID!]!, $position: Int) {
  addToPlaylist(playlistId: $id, songIds: $songIds, position: $position) { id itemCount } }`;
const INVITE = `mutation I($id: ID!, $userId: ID!) {
  addPlaylistCollaborator(playlistId: $id, userId: $userId) { collaborators { id displayName } } }`;
const MOVE = `mutation M($id: ID!, $itemId: ID!, $to: Int!) {
  movePlaylistItem(playlistId: $id, itemId: $itemId, toPosition: $to) { itemCount } }`;
const UPDATE = `mutation U($id: ID!, $input: UpdatePlaylistInput!) {
  updatePlaylist(id: $id, input: $input) { visibility } }`;
const DELETE_SONG = 'mutation D($id: ID!) { deleteSong(id: $id) }';
const PLAYLIST = `query P($id: ID!) { playlist(id: $id) {
  name visibility itemCount owner { displayName playlists { totalCount edges { node { id } } } }
  items(first: 10) { totalCount edges { node { id position song { id title artist { name } } addedBy { displayName } } } } } }`;
const LIBRARY = '{ library { playlists { edges { node { id name ownedByMe } } } } }';
const COUNT = 'query N($id: ID!) { playlist(id: $id) { items(first: 0) { totalCount } } }';

interface PlaylistView {
  playlist: {
    name: string;
    visibility: string;
    itemCount: number;
    owner: {
      displayName: string;
      playlists: { totalCount: number; edges: { node: { id: string } }[] };
    };
    items: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          position: number;
          song: { id: string; title: string; artist: { name: string } };
          addedBy: { displayName: string };
        };
      }[];
    };
  } | null;
}

type Result<T> = { data?: T | null; errors?: { extensions?: { code?: string } }[] };

/** Retries an operation (bounded) while the subgraph has not yet heard of what it names. */
async function untilKnown<T>(run: () => Promise<Result<T>>): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const result = await run();
    if (result.data && !result.errors?.length) return result.data;
    if (result.errors?.[0]?.extensions?.code !== 'NOT_FOUND')
      throw new Error(`failed: ${JSON.stringify(result.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('never became known to preferences');
}

describe('playlists across processes (auth, songs, worker, preferences, router)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true, preferences: true });
  }, 180_000);
  afterAll(() => stack?.stop());

  it('a private collaborative playlist through the router: invisible to strangers, songs and people joined in, a deleted song leaves it', async () => {
    const owner = await registerListener(stack, 'List Owner');
    const friend = await registerListener(stack, 'List Friend');
    const stranger = await registerListener(stack, 'Stranger');
    const ownerToken = owner.session.accessToken;
    const friendToken = friend.session.accessToken;

    const upload = await uploadSong(
      stack,
      ownerToken,
      {
        title: 'Mix Tone',
        artistName: 'Playlist Tones',
        fileName: 'tone.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(3).bytes,
    );
    expect((await waitUntilProcessed(stack, upload.song.id, ownerToken)).status).toBe('READY');
    const songId = upload.song.id;

    const created = await stack.execute<{ createPlaylist: { id: string } }>(
      CREATE,
      { input: { name: 'Road trip', visibility: 'PRIVATE' } },
      { token: ownerToken },
    );
    const id = created.data!.createPlaylist.id;
    // Preferences hears of the READY song through the bus; until then it is NOT_FOUND.
    await untilKnown(() => stack.execute(ADD, { id, songIds: [songId] }, { token: ownerToken }));
    const invited = await untilKnown(() =>
      stack.execute<{
        addPlaylistCollaborator: { collaborators: { id: string; displayName: string }[] };
      }>(INVITE, { id, userId: friend.session.user.id }, { token: ownerToken }),
    );
    expect(invited.addPlaylistCollaborator.collaborators).toEqual([
      { id: friend.session.user.id, displayName: 'List Friend' },
    ]);

    // The collaborator adds the same song again, first, and moves it to the end.
    await stack.execute(ADD, { id, songIds: [songId], position: 0 }, { token: friendToken });
    const before = (await stack.execute<PlaylistView>(PLAYLIST, { id }, { token: friendToken }))
      .data!.playlist!;
    expect(before.items.edges.map((e) => e.node.addedBy.displayName)).toEqual([
      'List Friend',
      'List Owner',
    ]);
    const moved = await stack.execute(
      MOVE,
      { id, itemId: before.items.edges[0]!.node.id, to: 1 },
      { token: friendToken },
    );
    expect(moved.errors).toBeUndefined();

    const view = (await stack.execute<PlaylistView>(PLAYLIST, { id }, { token: ownerToken })).data!
      .playlist!;
    expect(view).toMatchObject({ name: 'Road trip', visibility: 'PRIVATE', itemCount: 2 });
    expect(view.owner.displayName).toBe('List Owner');
    expect(view.items.edges.map((e) => [e.node.position, e.node.addedBy.displayName])).toEqual([
      [0, 'List Owner'],
      [1, 'List Friend'],
    ]);
    expect(view.items.edges[0]!.node.song).toEqual({
      id: songId,
      title: 'Mix Tone',
      artist: { name: 'Playlist Tones' },
    });
    // Private: not on the owner's public list, NOT_FOUND through the router for anyone else.
    expect(view.owner.playlists.totalCount).toBe(0);
    const hidden = await stack.execute<PlaylistView>(
      PLAYLIST,
      { id },
      { token: stranger.session.accessToken },
    );
    expect(hidden.data?.playlist ?? null).toBeNull();
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await stack.execute<PlaylistView>(PLAYLIST, { id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const library = await stack.execute<{
      library: { playlists: { edges: { node: { id: string; ownedByMe: boolean } }[] } };
    }>(LIBRARY, {}, { token: friendToken });
    expect(library.data!.library.playlists.edges.map((e) => e.node)).toEqual([
      { id, name: 'Road trip', ownedByMe: false },
    ]);

    // Public: the stranger sees it, and it is on the owner's profile.
    await stack.execute(UPDATE, { id, input: { visibility: 'PUBLIC' } }, { token: ownerToken });
    const shown = (
      await stack.execute<PlaylistView>(PLAYLIST, { id }, { token: stranger.session.accessToken })
    ).data!.playlist!;
    expect(shown.owner.playlists.edges.map((e) => e.node.id)).toEqual([id]);

    // The song is deleted in songs: SONG_DELETED takes both its items out of the playlist.
    expect(
      (await stack.execute(DELETE_SONG, { id: songId }, { token: ownerToken })).errors,
    ).toBeUndefined();
    let itemCount = -1;
    for (let attempt = 0; attempt < 150 && itemCount !== 0; attempt += 1) {
      const result = await stack.execute<{ playlist: { items: { totalCount: number } } }>(
        COUNT,
        { id },
        { token: ownerToken },
      );
      itemCount = result.data!.playlist.items.totalCount;
      if (itemCount !== 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(itemCount).toBe(0);
  }, 240_000);
});
