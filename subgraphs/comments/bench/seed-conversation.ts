/**
 * Seeds a song with a big conversation the fastest honest way: the documents the subgraphs store
 * after the real flows, inserted into their databases — the READY song in songs' database (so the
 * router resolves `song(id)`), and in comments' database the song as comments knows it from
 * SONG_CREATED (owner, READY, duration, the visible count) with its comments, replies and likes.
 */
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { momentBucketOf, momentKeyOf, pageBucketOf, pageKeyOf } from '../src/comment/list-keys';

export interface SeededConversation {
  songId: string;
  /** Songs with a few comments each, for the commentCount figure. */
  otherSongIds: string[];
  topLevel: number;
  replies: number;
}

const DURATION_MS = 240_000;

function songDocument(id: ObjectId, uploaderId: ObjectId, title: string): Record<string, unknown> {
  const hex = id.toHexString();
  const at = new Date();
  return {
    _id: id,
    title,
    artistId: new ObjectId(),
    albumId: null,
    genre: 'house',
    tags: [],
    uploaderId,
    status: 'READY',
    failureReason: null,
    failureCode: null,
    uploadKey: `uploads/${hex}/original.mp3`,
    uploadContentType: 'audio/mpeg',
    uploadSizeBytes: 5_000_000,
    uploadExpiresAt: at,
    durationMs: DURATION_MS,
    loudnessLufs: -9,
    truePeakDbtp: -1,
    waveform: null,
    stream: null,
    coverKey: null,
    processing: {
      jobId: 'seed',
      lastEventAt: at,
      lastOutcome: 'READY',
      attempts: 1,
      startedAt: at,
    },
    revision: 0,
    deletedAt: null,
    _outbox: [],
    createdAt: at,
    updatedAt: at,
    __v: 0,
  };
}

function target(
  songId: string,
  ownerId: string,
  counts: { commentCount: number; listedCount: number; timedCount: number; lastSeq: number },
): Record<string, unknown> {
  const { commentCount } = counts;
  return {
    ...counts,
    _id: `SONG:${songId}`,
    type: 'SONG',
    targetId: songId,
    ownerId,
    memberIds: [],
    public: true,
    durationMs: DURATION_MS,
    known: true,
    gone: false,
    countVersion: commentCount,
    appliedChanges: [],
    version: commentCount,
    _outbox: [],
  };
}

function comment(
  songId: string,
  authorId: string,
  createdAt: Date,
  index: number,
  parent: { id: ObjectId; authorId: string } | null,
): Record<string, unknown> {
  const targetKey = `SONG:${songId}`;
  const seq = parent ? null : index + 1;
  const atMs = parent ? null : (index * 7919) % DURATION_MS;
  return {
    seq,
    pageKey: seq === null ? null : pageKeyOf(targetKey, pageBucketOf(seq)),
    momentKey: atMs === null ? null : momentKeyOf(targetKey, momentBucketOf(atMs)),
    _id: new ObjectId(),
    targetKey: `SONG:${songId}`,
    targetType: 'SONG',
    targetId: songId,
    authorId,
    body: `Comment ${index}: this part at the drop is what I come back for, again and again.`,
    atMs,
    parentId: parent?.id ?? null,
    inReplyTo: parent ? { commentId: parent.id, authorId: parent.authorId } : null,
    createdAt,
    editedAt: null,
    deleted: false,
    deletedAt: null,
    hidden: false,
    hiddenBy: null,
    listed: true,
    likeCount: index % 17,
    openReportCount: 0,
    lastReportedAt: null,
    reviewedAt: null,
    needsReview: false,
    targetGone: false,
    pendingCountChanges: [],
    version: 1,
  };
}

async function insertAll(db: Db, collection: string, docs: Record<string, unknown>[]) {
  for (let offset = 0; offset < docs.length; offset += 1000)
    await db
      .collection(collection)
      .insertMany(docs.slice(offset, offset + 1000), { ordered: false });
}

/** `authorIds`: real users (registered with auth), so `author { displayName }` resolves. */
export async function seedConversation(
  mongoUrl: string,
  databases: { songs: string; comments: string },
  authorIds: string[],
  sizes: { topLevel: number; replies: number; otherSongs: number },
): Promise<SeededConversation> {
  const client = await MongoClient.connect(mongoUrl);
  try {
    const songsDb = client.db(databases.songs);
    const commentsDb = client.db(databases.comments);
    const uploader = new ObjectId();
    const song = new ObjectId();
    const others = Array.from({ length: sizes.otherSongs }, () => new ObjectId());
    await songsDb
      .collection('songs')
      .insertMany(
        [song, ...others].map((id, index) => songDocument(id, uploader, `Song ${index}`)),
      );
    const songId = song.toHexString();
    const start = Date.now() - (sizes.topLevel + sizes.replies) * 1000;
    const tops = Array.from({ length: sizes.topLevel }, (_, index) =>
      comment(
        songId,
        authorIds[index % authorIds.length]!,
        new Date(start + index * 1000),
        index,
        null,
      ),
    );
    // Replies go to the newest 200 threads (what the first page shows), 10 each.
    const newest = tops.slice(-200);
    const replies = Array.from({ length: sizes.replies }, (_, index) => {
      const parent = newest[index % newest.length]!;
      return comment(
        songId,
        authorIds[(index + 1) % authorIds.length]!,
        new Date(start + (sizes.topLevel + index) * 1000),
        index,
        { id: parent._id as ObjectId, authorId: parent.authorId as string },
      );
    });
    await insertAll(commentsDb, 'comments', [...tops, ...replies]);
    const otherComments = others.flatMap((id, songIndex) =>
      Array.from({ length: songIndex + 1 }, (_, index) =>
        comment(
          id.toHexString(),
          authorIds[index % authorIds.length]!,
          new Date(start),
          index,
          null,
        ),
      ),
    );
    if (otherComments.length) await insertAll(commentsDb, 'comments', otherComments);
    await commentsDb.collection('comment_targets').insertMany([
      target(songId, uploader.toHexString(), {
        commentCount: tops.length + replies.length,
        listedCount: tops.length,
        timedCount: tops.length,
        lastSeq: tops.length,
      }),
      ...others.map((id, index) =>
        target(id.toHexString(), uploader.toHexString(), {
          commentCount: index + 1,
          listedCount: index + 1,
          timedCount: index + 1,
          lastSeq: index + 1,
        }),
      ),
    ] as never[]);
    return {
      songId,
      otherSongIds: others.map((id) => id.toHexString()),
      topLevel: tops.length,
      replies: replies.length,
    };
  } finally {
    await client.close();
  }
}
