import { subscribeAsRouter, waitUntil, type TestSubscription } from '@groovy/common/testing';
import {
  artistUpdated,
  commentCreated,
  newId,
  PreferencesTestServer,
  songEvent,
  userRegistered,
} from './preferences-test-server';

const NOTIFICATION_ADDED = `subscription { notificationAdded { id kind read song { id } comment { id } actor { id } } }`;
const NOTIFICATIONS = `{ library { notifications { edges { node { id } } } } }`;
const FOLLOW_ARTIST = `mutation F($id: ID!) { followArtist(artistId: $id) { id } }`;
const FOLLOW_USER = `mutation F($id: ID!) { followUser(userId: $id) { id } }`;

interface Added {
  notificationAdded: {
    id: string;
    kind: string;
    read: boolean;
    song: { id: string } | null;
    comment: { id: string } | null;
    actor: { id: string } | null;
  };
}

let server: PreferencesTestServer;
const open: TestSubscription<unknown>[] = [];
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.close()));
  await server.stop();
});

async function subscribe(as?: string): Promise<TestSubscription<Added>> {
  const before = server.subgraph.openSubscriptions();
  const subscription = await subscribeAsRouter<Added>(
    server.subgraph.url,
    { identitySecret: server.env.IDENTITY_TOKEN_SECRET, ...(as ? { as } : {}) },
    NOTIFICATION_ADDED,
  );
  open.push(subscription as TestSubscription<unknown>);
  if (as) await waitUntil(() => server.subgraph.openSubscriptions() > before);
  return subscription;
}

async function firstNotificationId(user: string): Promise<string> {
  const data = await server.ok<{
    library: { notifications: { edges: { node: { id: string } }[] } };
  }>(NOTIFICATIONS, {}, user);
  return data.library.notifications.edges[0]!.node.id;
}

describe('Subscription.notificationAdded', () => {
  it("pushes each listener's own notifications as they are written, and nobody else's", async () => {
    const [star, fan, bystander] = [newId('user'), newId('user'), newId('user')];
    await server.publish([userRegistered(star)]);
    const starFeed = await subscribe(star);
    const bystanderFeed = await subscribe(bystander);

    await server.ok(FOLLOW_USER, { id: star }, fan);
    const follower = await starFeed.next();
    expect(follower.errors).toBeUndefined();
    expect(follower.data!.notificationAdded).toEqual({
      id: await firstNotificationId(star),
      kind: 'NEW_FOLLOWER',
      read: false,
      song: null,
      comment: null,
      actor: { id: fan },
    });

    const reply = commentCreated({
      commentId: newId('comment'),
      authorId: fan,
      songId: 'song-1',
      inReplyTo: { commentId: 'c-star', authorId: star },
    });
    await server.publish([reply]);
    expect((await starFeed.next()).data!.notificationAdded).toMatchObject({
      kind: 'COMMENT_REPLY',
      comment: { id: reply.aggregateId },
      actor: { id: fan },
    });
    expect(bystanderFeed.pending()).toBe(0);
  });

  it('pushes a NEW_RELEASE to every subscribed follower of the artist', async () => {
    const artistId = newId('artist');
    await server.publish([artistUpdated(artistId)]);
    const followers = [newId('user'), newId('user'), newId('user')];
    for (const user of followers) await server.ok(FOLLOW_ARTIST, { id: artistId }, user);
    const feeds = await Promise.all(followers.map((user) => subscribe(user)));

    const songId = newId('song');
    await server.publish([songEvent({ songId, artistId })]);
    for (const feed of feeds) {
      expect((await feed.next()).data!.notificationAdded).toMatchObject({
        kind: 'NEW_RELEASE',
        song: { id: songId },
      });
    }
  });

  it('refuses signed-out callers', async () => {
    const anonymous = await subscribe();
    const refused = await anonymous.next();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
