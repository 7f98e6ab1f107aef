import {
  startTestSubgraph,
  subscribeAsRouter,
  waitUntil,
  type TestSubscription,
} from '@groovy/common/testing';
import { EmbeddedEventBus } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { MongoClient } from 'mongodb';
import { commentChangeEvent } from '../events/comment-events';
import { commentsSubgraph, type RunningCommentsSubgraph } from '../comments-subgraph';
import { CommentsTestServer, HIDE_COMMENT, newId } from './comments-test-server';

const COMMENT_ADDED = `subscription Added($targetType: CommentTargetType!, $targetId: ID!) {
  commentAdded(targetType: $targetType, targetId: $targetId) { id body author { id } parent { id } targetId }
}`;

interface Added {
  commentAdded: {
    id: string;
    body: string;
    author: { id: string };
    parent: { id: string } | null;
    targetId: string;
  };
}

describe('Subscription.commentAdded over graphql-ws, across two instances of the subgraph', () => {
  let server: CommentsTestServer;
  let second: RunningCommentsSubgraph;
  const opened: Array<TestSubscription<unknown>> = [];

  beforeAll(async () => {
    server = await CommentsTestServer.start();
    // The second instance: same database, same bus.
    second = await startTestSubgraph(server.mongo, commentsSubgraph(server.env), {
      databaseName: server.subgraph.connection.name,
    });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((subscription) => subscription.close()));
    await waitUntil(() => second.openSubscriptions() === 0, { what: 'subscriptions closed' });
  });
  afterAll(async () => {
    await second?.stop();
    await server?.stop();
  });

  const subscribe = async (as: string | undefined, variables: Record<string, unknown>) => {
    const subscription = await subscribeAsRouter<Added>(
      second.url,
      { ...(as ? { as } : {}), identitySecret: server.env.IDENTITY_TOKEN_SECRET },
      COMMENT_ADDED,
      variables,
    );
    opened.push(subscription as TestSubscription<unknown>);
    return subscription;
  };

  it('pushes a comment posted through one instance to subscribers of its target on the other', async () => {
    const owner = newId();
    const song = await server.song(owner);
    const otherSong = await server.song(owner);
    const listening = await subscribe(undefined, { targetType: 'SONG', targetId: song });
    const elsewhere = await subscribe(newId(), { targetType: 'SONG', targetId: otherSong });
    await waitUntil(() => second.openSubscriptions() === 2, { what: 'two subscriptions' });

    const author = newId();
    const top = await server.comment(author, { targetId: song, body: 'live!' });
    const first = await listening.next();
    expect(first.data?.commentAdded).toEqual({
      id: top,
      body: 'live!',
      author: { id: author },
      parent: null,
      targetId: song,
    });
    const reply = await server.comment(newId(), { targetId: song, parentId: top, body: 're' });
    expect((await listening.next()).data?.commentAdded).toMatchObject({
      id: reply,
      parent: { id: top },
    });
    // The other song's subscriber heard nothing of these; it hears its own song's comment.
    const there = await server.comment(author, { targetId: otherSong, body: 'over here' });
    expect((await elsewhere.next()).data?.commentAdded.id).toBe(there);
    expect(listening.pending()).toBe(0);
  });

  it('does not push what the subscriber may not see: a private playlist, a comment hidden before delivery', async () => {
    const owner = newId();
    const playlist = await server.playlist(owner, { visibility: 'PRIVATE' });
    const member = await subscribe(owner, { targetType: 'PLAYLIST', targetId: playlist });
    await waitUntil(() => second.openSubscriptions() === 1, { what: 'one subscription' });
    const secret = await server.comment(owner, {
      targetType: 'PLAYLIST',
      targetId: playlist,
      body: 'mine',
    });
    expect((await member.next()).data?.commentAdded.id).toBe(secret);
    // Made public, a stranger may subscribe (NOT_FOUND before: see below); their first delivery is
    // the comment posted after that, never the earlier one.
    await server.playlist(owner, { id: playlist, visibility: 'PUBLIC' });
    const stranger = await subscribe(newId(), { targetType: 'PLAYLIST', targetId: playlist });
    await waitUntil(() => second.openSubscriptions() === 2, { what: 'two subscriptions' });
    const open = await server.comment(owner, {
      targetType: 'PLAYLIST',
      targetId: playlist,
      body: 'for all',
    });
    expect((await stranger.next()).data?.commentAdded.id).toBe(open);

    // A comment hidden by the time its COMMENT_CREATED reaches this instance is not pushed: its
    // event is published again here (as a late delivery would be) after the hide.
    const song = await server.song(owner);
    const watcher = await subscribe(newId(), { targetType: 'SONG', targetId: song });
    await waitUntil(() => second.openSubscriptions() === 3, { what: 'three subscriptions' });
    const hidden = await server.comment(newId(), { targetId: song, body: 'spam' });
    expect((await watcher.next()).data?.commentAdded.id).toBe(hidden);
    await server.ok(HIDE_COMMENT, { id: hidden }, owner);
    const client = await MongoClient.connect(server.mongo.url);
    const bus = new EmbeddedEventBus({
      db: client.db(server.env.EVENT_BUS_DATABASE),
      logger: createTestLogger('bus'),
    });
    try {
      const [record] = await server.subgraph.module.comments.findByIds([hidden]);
      const late = commentChangeEvent(
        record!,
        { changeId: `${hidden}:1`, kind: 'CREATED', delta: 1, at: record!.createdAt },
        { commentCount: 1, countVersion: 1 },
      );
      await bus.publish([late]);
    } finally {
      await bus.close();
      await client.close();
    }
    const shown = await server.comment(newId(), { targetId: song, body: 'fine' });
    expect((await watcher.next()).data?.commentAdded.id).toBe(shown);
  });

  it('fails at subscribe time with NOT_FOUND on a target that does not exist or is not visible', async () => {
    const owner = newId();
    const secret = await server.playlist(owner, { visibility: 'PRIVATE' });
    const unready = await server.song(owner, { status: 'PROCESSING' });
    const refusals = [
      [undefined, { targetType: 'SONG', targetId: newId() }],
      [newId(), { targetType: 'PLAYLIST', targetId: secret }],
      [undefined, { targetType: 'SONG', targetId: unready }],
    ] as const;
    for (const [as, variables] of refusals) {
      const subscription = await subscribe(as, variables);
      const first = await subscription.next().then(
        (result) => result.errors?.[0]?.extensions?.code,
        (error: unknown) => String(error),
      );
      expect(first).toBe('NOT_FOUND');
    }
    // Those that may see it subscribe as before.
    const member = await subscribe(owner, { targetType: 'PLAYLIST', targetId: secret });
    await waitUntil(() => second.openSubscriptions() >= 1, { what: 'a subscription' });
    const id = await server.comment(owner, { targetType: 'PLAYLIST', targetId: secret });
    expect((await member.next()).data?.commentAdded.id).toBe(id);
  });

  it('reads the comment and its target once per event, however many subscribers hear it', async () => {
    const song = await server.song(newId());
    const subscriptions = await Promise.all(
      Array.from({ length: 20 }, () => subscribe(newId(), { targetType: 'SONG', targetId: song })),
    );
    await waitUntil(() => second.openSubscriptions() === 20, { what: 'twenty subscriptions' });
    const mongoose = (await import('mongoose')).default;
    const reads: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (method.startsWith('find') || method === 'aggregate')
        reads.push(`${collection}.${method}`);
    });
    try {
      const id = await server.comment(newId(), { targetId: song, body: 'to twenty' });
      for (const subscription of subscriptions)
        expect((await subscription.next()).data?.commentAdded.id).toBe(id);
    } finally {
      mongoose.set('debug', false);
    }
    // Posting reads a few documents; pushing reads the comment and the target once (not 20 or 40 times).
    expect(reads.length).toBeLessThanOrEqual(10);
  });
});
