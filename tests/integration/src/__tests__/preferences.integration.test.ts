import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

// Preferences with every process real: auth and songs publish on the bus, the preferences subgraph
// learns users, artists and readiness from it, and clients reach it only through the router.

const SONG_ARTIST = 'query A($id: ID!) { song(id: $id) { artist { id name } } }';
const FOLLOW_ARTIST =
  'mutation F($id: ID!) { followArtist(artistId: $id) { id name followerCount followedByMe } }';
const FOLLOW_USER =
  'mutation F($id: ID!) { followUser(userId: $id) { id displayName followerCount } }';
const LIKE = 'mutation L($id: ID!) { likeSong(songId: $id) { id title likeCount likedByMe } }';
const LIBRARY = `{ library { unreadNotificationCount
  notifications(first: 10) { edges { node { kind read song { id title artist { name } } actor { id displayName } } } }
  likedSongs(first: 5) { totalCount edges { node { id title likeCount } } }
  followedArtists(first: 5) { edges { node { id name followerCount } } } } }`;

interface Library {
  library: {
    unreadNotificationCount: number;
    notifications: {
      edges: {
        node: {
          kind: string;
          read: boolean;
          song: { id: string; title: string; artist: { name: string } } | null;
          actor: { id: string; displayName: string } | null;
        };
      }[];
    };
    likedSongs: {
      totalCount: number;
      edges: { node: { id: string; title: string; likeCount: number } }[];
    };
    followedArtists: { edges: { node: { id: string; name: string; followerCount: number } }[] };
  };
}

/** Retries an operation (bounded) while the subgraph has not yet heard of what it names. */
async function untilKnown<T>(
  run: () => Promise<{ data?: T | null; errors?: { extensions?: { code?: string } }[] }>,
): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const result = await run();
    if (result.data && !result.errors?.length) return result.data;
    if (result.errors?.[0]?.extensions?.code !== 'NOT_FOUND')
      throw new Error(`failed: ${JSON.stringify(result.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('never became known to preferences');
}

describe('preferences across processes (auth, songs, worker, preferences, router)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true, preferences: true });
  }, 180_000);
  afterAll(() => stack?.stop());

  it("brings a followed artist's new upload to a follower's notifications through the bus and the router", async () => {
    const uploader = await registerListener(stack, 'Tone Maker');
    const fan = await registerListener(stack, 'Tone Fan');
    const uploaderToken = uploader.session.accessToken;
    const fanToken = fan.session.accessToken;
    const input = { artistName: 'Test Tones', fileName: 'tone.mp3', contentType: 'audio/mpeg' };

    // The artist exists from the first upload on; the fan follows it (and its uploader).
    const first = await uploadSong(
      stack,
      uploaderToken,
      { ...input, title: 'First Tone' },
      generateTone(3).bytes,
    );
    const artist = (
      await stack.execute<{ song: { artist: { id: string; name: string } } }>(
        SONG_ARTIST,
        { id: first.song.id },
        { token: uploaderToken },
      )
    ).data!.song.artist;
    const followed = await untilKnown(() =>
      stack.execute<{
        followArtist: { id: string; name: string; followerCount: number; followedByMe: boolean };
      }>(FOLLOW_ARTIST, { id: artist.id }, { token: fanToken }),
    );
    expect(followed.followArtist).toEqual({
      id: artist.id,
      name: 'Test Tones',
      followerCount: 1,
      followedByMe: true,
    });
    const uploaderUser = await untilKnown(() =>
      stack.execute<{ followUser: { id: string; displayName: string; followerCount: number } }>(
        FOLLOW_USER,
        { id: uploader.session.user.id },
        { token: fanToken },
      ),
    );
    expect(uploaderUser.followUser).toMatchObject({ displayName: 'Tone Maker', followerCount: 1 });
    await waitUntilProcessed(stack, first.song.id, uploaderToken);

    // A new song by the followed artist becomes READY: the follower hears of it.
    const second = await uploadSong(
      stack,
      uploaderToken,
      { ...input, title: 'Second Tone' },
      generateTone(4).bytes,
    );
    const ready = await waitUntilProcessed(stack, second.song.id, uploaderToken);
    expect(ready.status).toBe('READY');

    let library: Library['library'] | undefined;
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const result = await stack.execute<Library>(LIBRARY, {}, { token: fanToken });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      library = result.data!.library;
      if (library.notifications.edges.some((e) => e.node.song?.id === second.song.id)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const release = library!.notifications.edges.find((e) => e.node.song?.id === second.song.id);
    expect(release?.node).toEqual({
      kind: 'NEW_RELEASE',
      read: false,
      song: { id: second.song.id, title: 'Second Tone', artist: { name: 'Test Tones' } },
      actor: null,
    });
    expect(library!.unreadNotificationCount).toBeGreaterThanOrEqual(1);
    expect(library!.followedArtists.edges.map((e) => e.node)).toEqual([
      { id: artist.id, name: 'Test Tones', followerCount: 1 },
    ]);

    // Likes through the router: the song's fields come from songs and preferences together.
    const liked = await stack.execute<{
      likeSong: { id: string; title: string; likeCount: number; likedByMe: boolean };
    }>(LIKE, { id: second.song.id }, { token: fanToken });
    expect(liked.data?.likeSong).toEqual({
      id: second.song.id,
      title: 'Second Tone',
      likeCount: 1,
      likedByMe: true,
    });
    const after = (await stack.execute<Library>(LIBRARY, {}, { token: fanToken })).data!.library;
    expect(after.likedSongs).toEqual({
      totalCount: 1,
      edges: [{ node: { id: second.song.id, title: 'Second Tone', likeCount: 1 } }],
    });

    // The uploader was told of their new follower.
    const uploaderLibrary = (await stack.execute<Library>(LIBRARY, {}, { token: uploaderToken }))
      .data!.library;
    expect(uploaderLibrary.notifications.edges.map((e) => e.node)).toContainEqual({
      kind: 'NEW_FOLLOWER',
      read: false,
      song: null,
      actor: { id: fan.session.user.id, displayName: 'Tone Fan' },
    });
  }, 180_000);

  it("shows anyone's public profile through the router: auth's person, songs' uploads, preferences' followers and public playlists", async () => {
    const owner = await registerListener(stack, 'Profile Owner');
    const visitor = await registerListener(stack, 'Profile Visitor');
    const ownerToken = owner.session.accessToken;
    const ownerId = owner.session.user.id;
    const tone = { artistName: 'Profile Tones', fileName: 'tone.mp3', contentType: 'audio/mpeg' };
    const shown = await uploadSong(
      stack,
      ownerToken,
      { ...tone, title: 'Shown Tone' },
      generateTone(3).bytes,
    );
    expect((await waitUntilProcessed(stack, shown.song.id, ownerToken)).status).toBe('READY');
    // Requested but never uploaded: PENDING_UPLOAD, the owner's alone to see.
    const pending = await stack.execute<{ requestSongUpload: { song: { id: string } } }>(
      'mutation U($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id } } }',
      { input: { ...tone, title: 'Pending Tone', sizeBytes: 1000 } },
      { token: ownerToken },
    );
    const pendingId = pending.data!.requestSongUpload.song.id;
    for (const [name, visibility] of [
      ['Open Mix', 'PUBLIC'],
      ['Secret Mix', 'PRIVATE'],
    ])
      await untilKnown(() =>
        stack.execute(
          'mutation P($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id } }',
          { input: { name, visibility } },
          { token: ownerToken },
        ),
      );
    await untilKnown(() =>
      stack.execute(FOLLOW_USER, { id: ownerId }, { token: visitor.session.accessToken }),
    );

    const PROFILE = `query P($id: ID!, $after: String) { user(id: $id) {
      id displayName avatarUrl createdAt followerCount followedByMe uploadCount
      uploads(first: 10, after: $after) { totalCount edges { node { id title status } } }
      playlists(first: 10) { edges { node { name visibility } } } } }`;
    interface Profile {
      user: {
        id: string;
        displayName: string;
        avatarUrl: string | null;
        createdAt: string;
        followerCount: number;
        followedByMe: boolean;
        uploadCount: number;
        uploads: { totalCount: number; edges: { node: { id: string; title: string } }[] };
        playlists: { edges: { node: { name: string; visibility: string } }[] };
      } | null;
    }
    const seen = await stack.execute<Profile>(
      PROFILE,
      { id: ownerId },
      { token: visitor.session.accessToken },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.user).toEqual({
      id: ownerId,
      displayName: 'Profile Owner',
      avatarUrl: null,
      createdAt: expect.stringMatching(/^\d{4}-/),
      followerCount: 1,
      followedByMe: true,
      uploadCount: 1,
      uploads: {
        totalCount: 1,
        edges: [{ node: { id: shown.song.id, title: 'Shown Tone', status: 'READY' } }],
      },
      playlists: { edges: [{ node: { name: 'Open Mix', visibility: 'PUBLIC' } }] },
    });
    expect(JSON.stringify(seen)).not.toContain(owner.email);

    // Signed out: the same public profile, not followed.
    const anonymous = (await stack.execute<Profile>(PROFILE, { id: ownerId })).data!.user!;
    expect(anonymous.followedByMe).toBe(false);
    expect(anonymous.uploads.edges.map((e) => e.node.id)).toEqual([shown.song.id]);

    // The owner also sees their unfinished upload, newest first.
    const own = (await stack.execute<Profile>(PROFILE, { id: ownerId }, { token: ownerToken }))
      .data!.user!;
    expect(own.uploadCount).toBe(2);
    expect(own.uploads.edges.map((e) => e.node.id)).toEqual([pendingId, shown.song.id]);

    // Unknown → null; malformed id, bad cursor → BAD_USER_INPUT; private fields are not in the schema.
    expect(
      (await stack.execute<Profile>(PROFILE, { id: '0123456789abcdef01234567' })).data,
    ).toEqual({ user: null });
    const malformed = await stack.execute(PROFILE, { id: 'nope' });
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const badCursor = await stack.execute(PROFILE, { id: ownerId, after: 'not-a-cursor' });
    expect(badCursor.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const email = await stack.execute('query E($id: ID!) { user(id: $id) { email } }', {
      id: ownerId,
    });
    expect(email.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  }, 180_000);
});
