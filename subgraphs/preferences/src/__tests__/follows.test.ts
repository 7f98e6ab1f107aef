import {
  artistUpdated,
  eventually,
  newId,
  PreferencesTestServer,
  userRegistered,
} from './preferences-test-server';

const FOLLOW_ARTIST = `mutation F($id: ID!) { followArtist(artistId: $id) { id followerCount followedByMe } }`;
const UNFOLLOW_ARTIST = `mutation U($id: ID!) { unfollowArtist(artistId: $id) { id followerCount followedByMe } }`;
const FOLLOW_USER = `mutation F($id: ID!) { followUser(userId: $id) { id followerCount followedByMe } }`;
const UNFOLLOW_USER = `mutation U($id: ID!) { unfollowUser(userId: $id) { id followerCount followedByMe } }`;
const FOLLOWED = `query F($first: Int, $after: String) { library { followedArtists(first: $first, after: $after) {
  totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
const NOTIFICATIONS = `{ library { unreadNotificationCount notifications { edges { node { kind actor { id } read } } } } }`;

interface Followed {
  id: string;
  followerCount: number;
  followedByMe: boolean;
}

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(() => server.stop());

async function artist(): Promise<string> {
  const artistId = newId('artist');
  await server.publish([artistUpdated(artistId)]);
  return artistId;
}

async function user(): Promise<string> {
  const userId = newId('user');
  await server.publish([userRegistered(userId)]);
  return userId;
}

describe('following artists', () => {
  it('follows idempotently with an exact follower count, and publishes each change once', async () => {
    const artistId = await artist();
    const [ann, bob] = [newId('user'), newId('user')];
    const first = await server.ok<{ followArtist: Followed }>(FOLLOW_ARTIST, { id: artistId }, ann);
    expect(first.followArtist).toEqual({ id: artistId, followerCount: 1, followedByMe: true });
    await server.ok(FOLLOW_ARTIST, { id: artistId }, ann);
    const second = await server.ok<{ followArtist: Followed }>(
      FOLLOW_ARTIST,
      { id: artistId },
      bob,
    );
    expect(second.followArtist.followerCount).toBe(2);
    const gone = await server.ok<{ unfollowArtist: Followed }>(
      UNFOLLOW_ARTIST,
      { id: artistId },
      ann,
    );
    expect(gone.unfollowArtist).toEqual({ id: artistId, followerCount: 1, followedByMe: false });
    await server.ok(UNFOLLOW_ARTIST, { id: artistId }, ann);

    const ofArtist = (e: { data: unknown }) =>
      (e.data as { artistId: string }).artistId === artistId;
    await eventually(
      async () =>
        server.published.of('ARTIST_FOLLOWED', ofArtist).length === 2 &&
        server.published.of('ARTIST_UNFOLLOWED', ofArtist).length === 1,
    );
    expect(server.published.of('ARTIST_UNFOLLOWED', ofArtist)[0]!.data).toMatchObject({
      userId: ann,
      followerCount: 1,
      countVersion: 3,
    });
  });

  it('refuses unknown artists (NOT_FOUND) and signed-out callers', async () => {
    expect(await server.errorOf(FOLLOW_ARTIST, { id: 'artist-unknown' }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await server.errorOf(FOLLOW_ARTIST, { id: await artist() })).toEqual({
      code: 'UNAUTHENTICATED',
    });
  });

  it('lists followed artists, the latest follow first, paged', async () => {
    const me = newId('user');
    const artists = [await artist(), await artist(), await artist()];
    for (const artistId of artists) {
      await server.ok(FOLLOW_ARTIST, { id: artistId }, me);
      server.clock.advance(1_000);
    }
    await server.ok(UNFOLLOW_ARTIST, { id: artists[1] }, me);
    type Data = {
      library: {
        followedArtists: {
          totalCount: number;
          edges: { node: { id: string } }[];
          pageInfo: { endCursor: string };
        };
      };
    };
    const page = await server.ok<Data>(FOLLOWED, { first: 1 }, me);
    expect(page.library.followedArtists.totalCount).toBe(2);
    expect(page.library.followedArtists.edges.map((e) => e.node.id)).toEqual([artists[2]]);
    const next = await server.ok<Data>(
      FOLLOWED,
      { first: 1, after: page.library.followedArtists.pageInfo.endCursor },
      me,
    );
    expect(next.library.followedArtists.edges.map((e) => e.node.id)).toEqual([artists[0]]);
  });
});

describe('following users', () => {
  it('follows another user, counts followers, and notifies them once per follower', async () => {
    const [star, fan] = [await user(), await user()];
    const followed = await server.ok<{ followUser: Followed }>(FOLLOW_USER, { id: star }, fan);
    expect(followed.followUser).toEqual({ id: star, followerCount: 1, followedByMe: true });
    await server.ok(UNFOLLOW_USER, { id: star }, fan);
    await server.ok(FOLLOW_USER, { id: star }, fan);

    type Data = {
      library: {
        unreadNotificationCount: number;
        notifications: { edges: { node: { kind: string; actor: { id: string } } }[] };
      };
    };
    const inbox = await server.ok<Data>(NOTIFICATIONS, {}, star);
    expect(inbox.library.unreadNotificationCount).toBe(1);
    expect(inbox.library.notifications.edges.map((e) => e.node)).toEqual([
      { kind: 'NEW_FOLLOWER', actor: { id: fan }, read: false },
    ]);

    const ofStar = (e: { data: unknown }) =>
      (e.data as { followedUserId: string }).followedUserId === star;
    await eventually(
      async () =>
        server.published.of('USER_FOLLOWED', ofStar).length === 2 &&
        server.published.of('USER_UNFOLLOWED', ofStar).length === 1,
    );
  });

  it('refuses following yourself and unknown users', async () => {
    const me = await user();
    expect(await server.errorOf(FOLLOW_USER, { id: me }, me)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await server.errorOf(FOLLOW_USER, { id: 'user-unknown' }, me)).toEqual({
      code: 'NOT_FOUND',
    });
  });
});
