import { EmbeddedEventBus, type EventEnvelope } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { MongoClient } from 'mongodb';
import { Types } from 'mongoose';
import type { CommentRecord } from '../comment/comment.model';
import { pageBucketOf, pageKeyOf } from '../comment/list-keys';
import {
  ADD_COMMENT,
  CommentsTestServer,
  DELETE_COMMENT,
  HIDE_COMMENT,
  newId,
  songEvent,
  targetComments,
  UNHIDE_COMMENT,
} from './comments-test-server';

const COMMENT_TYPES = ['COMMENT_CREATED', 'COMMENT_DELETED', 'COMMENT_HIDDEN', 'COMMENT_UNHIDDEN'];

interface CountData {
  commentId: string;
  target: { type: string; id: string };
  commentCount: number;
  countVersion: number;
}

describe('comments: events in (songs over the bus) and out (COMMENT_* with the count, through the outbox)', () => {
  let server: CommentsTestServer;
  let client: MongoClient;
  let bus: EmbeddedEventBus;
  const received: EventEnvelope[] = [];
  let notify: (() => void) | undefined;

  beforeAll(async () => {
    server = await CommentsTestServer.start({ COMMENTS_PER_MINUTE: '1000' });
    client = await MongoClient.connect(server.mongo.url);
    bus = new EmbeddedEventBus({
      db: client.db(server.env.EVENT_BUS_DATABASE),
      logger: createTestLogger('bus'),
    });
    await bus.subscribe({
      consumer: 'test',
      types: COMMENT_TYPES,
      handler: async (event) => {
        received.push(event);
        notify?.();
      },
    });
  });
  afterAll(async () => {
    await bus?.close();
    await client?.close();
    await server?.stop();
  });

  /** Waits (without sleeping past the event) until `count` events about `targetId` arrived. */
  const eventsAbout = async (targetId: string, count: number) => {
    const about = () =>
      received.filter((event) => (event.data as CountData).target.id === targetId);
    const deadline = Date.now() + 15_000;
    while (about().length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 200);
      });
    }
    return about();
  };

  it('learns songs from the bus: a song published by songs can be commented on', async () => {
    const owner = newId();
    const song = newId();
    await bus.publish([songEvent(song, owner, 1, { status: 'PROCESSING', durationMs: null })]);
    await bus.publish([songEvent(song, owner, 2, { durationMs: 180_000 })]);
    const deadline = Date.now() + 15_000;
    let result = await server.execute(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: song, body: 'at last', atMs: 179_000 } },
      newId(),
    );
    while (result.errors && Date.now() < deadline) {
      expect(result.errors[0]?.extensions?.code).toBe('NOT_FOUND');
      await new Promise((resolve) => setTimeout(resolve, 100));
      result = await server.execute(
        ADD_COMMENT,
        { input: { targetType: 'SONG', targetId: song, body: 'at last', atMs: 179_000 } },
        newId(),
      );
    }
    expect(result.errors).toBeUndefined();
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(1);
  });

  it('publishes COMMENT_CREATED/DELETED/HIDDEN/UNHIDDEN with the visible count and a growing countVersion', async () => {
    const owner = newId();
    const song = await server.song(owner);
    const [alice, bob] = [newId(), newId()];
    const top = await server.comment(alice, { targetId: song, atMs: 1234 });
    const reply = await server.comment(bob, { targetId: song, parentId: top });
    await server.ok(HIDE_COMMENT, { id: reply }, owner);
    await server.ok(UNHIDE_COMMENT, { id: reply }, owner);
    await server.ok(DELETE_COMMENT, { id: top }, alice);

    const events = await eventsAbout(song, 5);
    expect(events.map((event) => [event.type, event.aggregateId])).toEqual([
      ['COMMENT_CREATED', top],
      ['COMMENT_CREATED', reply],
      ['COMMENT_HIDDEN', reply],
      ['COMMENT_UNHIDDEN', reply],
      ['COMMENT_DELETED', top],
    ]);
    expect(events.map((event) => (event.data as CountData).commentCount)).toEqual([1, 2, 1, 2, 1]);
    expect(events.map((event) => (event.data as CountData).countVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.data).toMatchObject({
      authorId: alice,
      parentId: null,
      inReplyTo: null,
      atMs: 1234,
      target: { type: 'SONG', id: song },
    });
    expect(events[1]!.data).toMatchObject({
      authorId: bob,
      parentId: top,
      inReplyTo: { commentId: top, authorId: alice },
      atMs: null,
    });
    // The comment's version grows with each change: consumers can drop stale deliveries.
    const replyVersions = events
      .filter((e) => e.aggregateId === reply)
      .map((e) => e.aggregateVersion);
    expect(replyVersions).toEqual([...replyVersions].sort((a, b) => a - b));
  });

  it('under concurrent posts, the event with the highest countVersion carries the true count', async () => {
    const song = await server.song(newId());
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        server.comment(newId(), { targetId: song, body: `c${index}` }),
      ),
    );
    const events = await eventsAbout(song, 12);
    const latest = events.reduce((a, b) =>
      (a.data as CountData).countVersion > (b.data as CountData).countVersion ? a : b,
    );
    expect((latest.data as CountData).commentCount).toBe(12);
    expect(new Set(events.map((event) => (event.data as CountData).countVersion)).size).toBe(12);
  });

  it('finishes a count change a crashed process left behind, once', async () => {
    const song = await server.song(newId());
    await server.comment(newId(), { targetId: song });
    // A process wrote this comment and died before its target's count write.
    const _id = new Types.ObjectId();
    const changeAt = new Date(Date.now() - 60_000);
    const seq = await server.subgraph.module.targets.nextSeq(`SONG:${song}`);
    const orphan: Partial<CommentRecord> = {
      _id,
      targetKey: `SONG:${song}`,
      targetType: 'SONG',
      targetId: song,
      authorId: newId(),
      body: 'survivor',
      atMs: null,
      parentId: null,
      inReplyTo: null,
      createdAt: changeAt,
      editedAt: null,
      deleted: false,
      deletedAt: null,
      hidden: false,
      hiddenBy: null,
      listed: true,
      likeCount: 0,
      openReportCount: 0,
      lastReportedAt: null,
      reviewedAt: null,
      needsReview: false,
      seq,
      pageKey: pageKeyOf(`SONG:${song}`, pageBucketOf(seq)),
      momentKey: null,
      targetGone: false,
      pendingCountChanges: [
        {
          changeId: `${_id.toHexString()}:1`,
          kind: 'CREATED',
          delta: 1,
          listedDelta: 1,
          at: changeAt,
        },
      ],
      version: 1,
    };
    await server.subgraph.connection.collection('comments').insertOne(orphan as never);
    const counts = server.subgraph.module.counts;
    expect(await counts.repairAbandoned()).toBe(1);
    expect(await counts.repairAbandoned()).toBe(0);
    // Applying the same change again (a repair racing the original write) changes nothing.
    const stored = await server.subgraph.connection.collection('comments').findOne({ _id });
    await counts.apply({
      ...(stored as unknown as CommentRecord),
      pendingCountChanges: orphan.pendingCountChanges!,
    });
    const seen = await targetComments(server, 'Song', song);
    expect(seen.commentCount).toBe(2);
    expect(seen.comments.edges.map((edge) => edge.node.body)).toContain('survivor');
    const events = await eventsAbout(song, 2);
    expect(events.filter((event) => event.aggregateId === _id.toHexString())).toHaveLength(1);
  });
});
