import { createEvent, type EventEnvelope } from '@groovy/common/events';
import type { VerifiedIdentity } from '@groovy/common/identity';
import {
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestGraphQLResult,
  type TestMongo,
} from '@groovy/common/testing';
import { Types } from 'mongoose';
import type { NewComment } from '../comment/comment.service';
import { commentsSubgraph, type RunningCommentsSubgraph } from '../comments-subgraph';
import { commentsEnvironmentSchema, type CommentsEnvironment } from '../environment';

export type GraphQLResult<T = Record<string, unknown>> = TestGraphQLResult<T>;

/** A comments subgraph on a free port with a fresh database, and a small client for it. */
export class CommentsTestServer {
  private versions = new Map<string, number>();

  private constructor(
    readonly mongo: TestMongo,
    readonly subgraph: RunningCommentsSubgraph,
    readonly env: CommentsEnvironment,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<CommentsTestServer> {
    const env = commentsEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      EVENT_BUS_DATABASE: `events_${new Types.ObjectId().toHexString()}`,
      // Tests that need the repair call it themselves.
      REPAIR_INTERVAL_SECONDS: '3600',
      ...overrides,
    });
    const mongo = await startTestMongo();
    const subgraph = await startTestSubgraph(mongo, commentsSubgraph(env));
    return new CommentsTestServer(mongo, subgraph, env);
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.mongo.stop();
  }

  /** Runs an operation; `as` signs a router identity the way the router would (a user id or an identity). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string | VerifiedIdentity,
  ): Promise<GraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      ...(as ? { as } : {}),
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
    });
  }

  /** Like `execute`, but fails the test on any error and returns `data`. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string | VerifiedIdentity,
  ): Promise<T> {
    const result = await this.execute<T>(query, variables, as);
    if (result.errors?.length || !result.data)
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The first error's code (and field), failing the test when the operation succeeded. */
  async error(
    query: string,
    variables: Record<string, unknown>,
    as?: string | VerifiedIdentity,
  ): Promise<{ code?: string; field?: string; message: string; retryAfterSeconds?: number }> {
    const result = await this.execute(query, variables, as);
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return {
      message: error.message,
      ...(error.extensions?.code ? { code: error.extensions.code } : {}),
      ...(error.extensions?.field ? { field: error.extensions.field } : {}),
      ...(error.extensions?.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.extensions.retryAfterSeconds }
        : {}),
    };
  }

  /** Hands an event to the subgraph's consumer, as the bus would (tests of the bus itself publish on it). */
  async feed(event: EventEnvelope): Promise<void> {
    await this.subgraph.module.consumer.handle(event);
  }

  private nextVersion(aggregateId: string): number {
    const version = (this.versions.get(aggregateId) ?? 0) + 1;
    this.versions.set(aggregateId, version);
    return version;
  }

  /** A song the subgraph has heard of: READY (public) unless told otherwise. */
  async song(
    ownerId: string,
    options: { durationMs?: number | null; status?: string; id?: string } = {},
  ): Promise<string> {
    const id = options.id ?? newId();
    await this.feed(songEvent(id, ownerId, this.nextVersion(id), options));
    return id;
  }

  async deleteSong(id: string): Promise<void> {
    await this.feed(
      createEvent({
        type: 'SONG_DELETED',
        version: 1,
        producer: 'songs',
        aggregateId: id,
        aggregateVersion: this.nextVersion(id),
        data: { songId: id },
      }),
    );
  }

  async album(ownerId: string): Promise<string> {
    const id = newId();
    await this.feed(
      createEvent({
        type: 'ALBUM_CREATED',
        version: 1,
        producer: 'songs',
        aggregateId: id,
        aggregateVersion: this.nextVersion(id),
        data: {
          albumId: id,
          title: 'Discovery',
          artist: { id: newId(), name: 'Daft Punk' },
          releaseDate: null,
          ownerId,
        },
      }),
    );
    return id;
  }

  async playlist(
    ownerId: string,
    options: { visibility?: 'PUBLIC' | 'PRIVATE'; id?: string; collaboratorIds?: string[] } = {},
  ): Promise<string> {
    const id = options.id ?? newId();
    const version = this.nextVersion(id);
    const now = new Date().toISOString();
    await this.feed(
      createEvent({
        type: version === 1 ? 'PLAYLIST_CREATED' : 'PLAYLIST_UPDATED',
        version: 1,
        producer: 'preferences',
        aggregateId: id,
        aggregateVersion: version,
        data: {
          playlistId: id,
          name: 'Road trip',
          description: null,
          ownerId,
          visibility: options.visibility ?? 'PUBLIC',
          collaborative: false,
          collaboratorIds: options.collaboratorIds ?? [],
          itemCount: 0,
          coverSongIds: [],
          createdAt: now,
          updatedAt: now,
        },
      }),
    );
    return id;
  }

  /** Posts a comment and returns its id (fails the test on an error). */
  async comment(
    as: string,
    input: {
      targetType?: string;
      targetId: string;
      body?: string;
      atMs?: number | null;
      parentId?: string | null;
    },
  ): Promise<string> {
    const data = await this.ok<{ addComment: { id: string } }>(
      ADD_COMMENT,
      { input: { targetType: 'SONG', body: `comment ${newId()}`, ...input } },
      as,
    );
    return data.addComment.id;
  }

  /**
   * Posts a comment through the subgraph's own CommentService (every rule, count and list key the
   * mutation applies) without the HTTP and GraphQL round trip: for fixtures a test reads back but
   * is not about posting. Returns its id.
   */
  async seedComment(
    as: string,
    input: Partial<NewComment> & { targetId: string },
  ): Promise<string> {
    const record = await this.subgraph.module.comments.add(
      { userId: as, moderator: false },
      { targetType: 'SONG', body: `comment ${newId()}`, ...input },
    );
    return record._id.toHexString();
  }

  /** Deletes a comment through the CommentService, as `seedComment` posts one. */
  async seedDelete(as: string, id: string): Promise<void> {
    await this.subgraph.module.comments.delete({ userId: as, moderator: false }, id);
  }
}

export function newId(): string {
  return new Types.ObjectId().toHexString();
}

export function moderator(userId = newId()): VerifiedIdentity {
  return { kind: 'user', userId, roles: ['MODERATOR'] };
}

export function songEvent(
  id: string,
  ownerId: string,
  aggregateVersion: number,
  options: { durationMs?: number | null; status?: string } = {},
): EventEnvelope {
  return createEvent({
    type: aggregateVersion === 1 ? 'SONG_CREATED' : 'SONG_UPDATED',
    version: 1,
    producer: 'songs',
    aggregateId: id,
    aggregateVersion,
    data: {
      songId: id,
      title: 'One More Time',
      artist: { id: '64b000000000000000000001', name: 'Daft Punk' },
      album: null,
      genre: null,
      tags: [],
      durationMs: options.durationMs === undefined ? 215_000 : options.durationMs,
      status: options.status ?? 'READY',
      failureReason: null,
      coverKey: null,
      uploaderId: ownerId,
      createdAt: new Date().toISOString(),
    },
  });
}

export const COMMENT_FIELDS = `id body createdAt editedAt atMs deleted hidden likeCount likedByMe
  targetType targetId author { id } replyCount parent { id } inReplyTo { id } replyTo { id }
  viewerCanEdit viewerCanDelete viewerCanModerate`;

export const ADD_COMMENT = `mutation Add($input: AddCommentInput!) { addComment(input: $input) { ${COMMENT_FIELDS} } }`;
export const EDIT_COMMENT = `mutation Edit($id: ID!, $body: String!) { editComment(id: $id, body: $body) { ${COMMENT_FIELDS} } }`;
export const DELETE_COMMENT = 'mutation Delete($id: ID!) { deleteComment(id: $id) }';
export const LIKE_COMMENT =
  'mutation Like($id: ID!) { likeComment(id: $id) { id likeCount likedByMe } }';
export const UNLIKE_COMMENT =
  'mutation Unlike($id: ID!) { unlikeComment(id: $id) { id likeCount likedByMe } }';
export const REPORT_COMMENT =
  'mutation Report($id: ID!, $reason: String!) { reportComment(id: $id, reason: $reason) }';
export const HIDE_COMMENT = `mutation Hide($id: ID!) { hideComment(id: $id) { ${COMMENT_FIELDS} } }`;
export const UNHIDE_COMMENT = `mutation Unhide($id: ID!) { unhideComment(id: $id) { ${COMMENT_FIELDS} } }`;
export const COMMENT = `query Comment($id: ID!) { comment(id: $id) { ${COMMENT_FIELDS} replies { totalCount edges { node { ${COMMENT_FIELDS} } } } } }`;
export const MODERATION_QUEUE = `query Queue($first: Int, $after: String) {
  moderationQueue(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor reportCount reasons lastReportedAt node { ${COMMENT_FIELDS} } }
  }
}`;

/** `comments` and `commentCount` of targets, through `_entities` as the router asks for them. */
export const TARGET_COMMENTS = `query Targets($representations: [_Any!]!, $first: Int, $after: String, $order: CommentOrder) {
  _entities(representations: $representations) {
    ... on Song { id commentCount comments(first: $first, after: $after, order: $order) { ...page } }
    ... on Album { id commentCount comments(first: $first, after: $after, order: $order) { ...page } }
    ... on Playlist { id commentCount comments(first: $first, after: $after, order: $order) { ...page } }
  }
}
fragment page on CommentConnection {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { ${COMMENT_FIELDS} } }
}`;

export interface CommentView {
  id: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  atMs: number | null;
  deleted: boolean;
  hidden: boolean;
  likeCount: number;
  likedByMe: boolean;
  targetType: string;
  targetId: string;
  author: { id: string } | null;
  replyCount: number;
  parent: { id: string } | null;
  inReplyTo: { id: string } | null;
  replyTo: { id: string } | null;
  viewerCanEdit: boolean;
  viewerCanDelete: boolean;
  viewerCanModerate: boolean;
}

export interface CommentPageView {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: CommentView }[];
}

/** A target's count and a page of its comments, as `as` sees them. */
export async function targetComments(
  server: CommentsTestServer,
  typename: 'Song' | 'Album' | 'Playlist',
  id: string,
  options: { as?: string | VerifiedIdentity; first?: number; after?: string; order?: string } = {},
): Promise<{ commentCount: number; comments: CommentPageView }> {
  const { as, ...args } = options;
  const data = await server.ok<{
    _entities: { commentCount: number; comments: CommentPageView }[];
  }>(TARGET_COMMENTS, { representations: [{ __typename: typename, id }], ...args }, as);
  return data._entities[0]!;
}
