/**
 * `npm run bench` (subgraphs/comments): one JSON line per figure.
 *
 * 1. The first page (20) of a song with BENCH_TOP_LEVEL (10,000) comments and BENCH_REPLIES
 *    (2,000) replies, through the router (auth, songs, comments and the router as built processes
 *    on free ports, the embedded Mongo engine in its own process): the conversation a song page
 *    asks for (authors from auth, replyCount, likedByMe, the song from songs), anonymous, by
 *    autocannon at 1 and at 20 keep-alive connections for BENCH_DURATION_S (10) each after
 *    BENCH_WARMUP_S (3) of warm-up: p50/p99, requests a second, CPU ms per request by process.
 * 2. addComment throughput, straight to the comments subgraph with router-signed identities
 *    (1,000 users, so the 10-a-minute rate limit never refuses), 20 connections, every comment on
 *    the same hot song (all of them race for its count).
 * 3. commentCount for a page of 10 songs (what a search page asks): database reads per request,
 *    counted on an in-process instance of the subgraph sharing the stack's database.
 */
import { signIdentityToken, IDENTITY_HEADER } from '@groovy/common/identity';
import { startTestSubgraph, type TestMongo } from '@groovy/common/testing';
import { launchStack, type LaunchedStack } from '@groovy/tooling/stack';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { commentsSubgraph } from '../src/comments-subgraph';
import { commentsEnvironmentSchema } from '../src/environment';
import { cpuPerRequest, cpuTimesMs, emit, graphql } from './bench-support';
import { seedConversation } from './seed-conversation';

const TOP_LEVEL = Number(process.env.BENCH_TOP_LEVEL ?? 10_000);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 2_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const SECRETS = {
  IDENTITY_TOKEN_SECRET: 'bench-identity-token-secret-0123456789abcdef',
  WORKER_WEBHOOK_SECRET: 'bench-worker-webhook-secret-0123456789abcdef',
  STORAGE_SIGNING_SECRET: 'bench-storage-signing-secret-0123456789abcdef',
};

const FIRST_PAGE = `query SongConversation($id: ID!) {
  song(id: $id) {
    id title commentCount
    comments(first: 20) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id body createdAt editedAt atMs deleted hidden likeCount likedByMe replyCount
        author { id displayName avatarUrl } } }
    }
  }
}`;
const ADD_COMMENT = `mutation Add($input: AddCommentInput!) { addComment(input: $input) { id createdAt } }`;
const COMMENT_COUNTS = `query Counts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Song { id commentCount } }
}`;

interface FirstPage {
  song: {
    commentCount: number;
    comments: {
      totalCount: number;
      edges: Array<{ node: { author: { displayName: string } | null; replyCount: number } }>;
    };
  } | null;
}

async function registerAuthors(routerUrl: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const result = await graphql<{ register: { user: { id: string } } }>(
      routerUrl,
      'mutation R($input: RegisterInput!) { register(input: $input) { user { id } } }',
      {
        input: {
          email: `bench-${randomBytes(4).toString('hex')}@example.com`,
          password: `bench passphrase ${randomBytes(6).toString('hex')}`,
          displayName: `Listener ${index}`,
        },
      },
    );
    if (!result.data?.register) throw new Error(`register failed: ${result.text.slice(0, 300)}`);
    ids.push(result.data.register.user.id);
  }
  return ids;
}

async function firstPageThroughRouter(
  stack: LaunchedStack,
  songId: string,
  sizes: { topLevel: number; replies: number },
): Promise<void> {
  const router = stack.services.router!;
  const body = JSON.stringify({ query: FIRST_PAGE, variables: { id: songId } });
  const preflight = await graphql<FirstPage>(router.url, FIRST_PAGE, { id: songId });
  const page = preflight.data?.song?.comments;
  if (
    preflight.errors ||
    !page ||
    page.edges.length !== 20 ||
    page.totalCount !== sizes.topLevel ||
    page.edges.some((edge) => !edge.node.author?.displayName)
  )
    throw new Error(`first page preflight failed: ${preflight.text.slice(0, 800)}`);
  const good = (raw: string | Buffer | undefined) => {
    const text = String(raw ?? '');
    return text.startsWith('{"data":{"song":{') && !text.includes('"errors"');
  };
  const options: autocannon.Options = {
    url: router.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    verifyBody: good,
  };
  for (const connections of [1, 20]) {
    await autocannon({ ...options, connections, duration: WARMUP_S });
    const load = loadavg()[0]!;
    const before = cpuTimesMs(stack.pids);
    const result = await autocannon({ ...options, connections, duration: DURATION_S });
    const after = cpuTimesMs(stack.pids);
    const cpu = cpuPerRequest(before, after, result.requests.total);
    const extra = {
      connections,
      duration_s: DURATION_S,
      top_level: sizes.topLevel,
      replies: sizes.replies,
      page: 20,
      caller: 'anonymous',
      loadavg_1m: Math.round(load * 100) / 100,
    };
    emit(`first_page_c${connections}_p50_ms`, result.latency.p50, extra);
    emit(`first_page_c${connections}_p99_ms`, result.latency.p99, extra);
    emit(`first_page_c${connections}_rps`, result.requests.average, extra);
    emit(
      `first_page_c${connections}_failed`,
      result.errors + result.timeouts + result.non2xx + result.mismatches,
      { ...extra, expected: 0 },
    );
    emit(`first_page_c${connections}_cpu_ms_per_request`, cpu.total, {
      ...extra,
      by_process: cpu.byProcess,
      note: 'services only (bench excluded); /proc',
    });
  }
}

async function addCommentThroughput(stack: LaunchedStack, songId: string): Promise<void> {
  const comments = stack.services.comments!;
  const users = Array.from({ length: 1000 }, () => new mongoose.Types.ObjectId().toHexString());
  const tokens = await Promise.all(
    users.map((userId) =>
      signIdentityToken({ kind: 'user', userId, roles: [] }, SECRETS.IDENTITY_TOKEN_SECRET, 3600),
    ),
  );
  let next = 0;
  const options: autocannon.Options = {
    url: comments.url,
    method: 'POST',
    connections: 20,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const index = next++;
          return {
            ...request,
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              [IDENTITY_HEADER]: tokens[index % tokens.length]!,
            },
            body: JSON.stringify({
              query: ADD_COMMENT,
              variables: {
                input: {
                  targetType: 'SONG',
                  targetId: songId,
                  body: `Bench comment number ${index}`,
                },
              },
            }),
          };
        },
      },
    ],
    verifyBody: (raw) => {
      const text = String(raw ?? '');
      return text.startsWith('{"data":{"addComment":{') && !text.includes('"errors"');
    },
  };
  const before = cpuTimesMs(stack.pids);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const after = cpuTimesMs(stack.pids);
  const cpu = cpuPerRequest(before, after, result.requests.total);
  const extra = {
    connections: 20,
    duration_s: DURATION_S,
    target: 'one hot song (every write races for its count)',
    path: 'comments subgraph directly (router-signed identities)',
  };
  emit('add_comment_per_second', result.requests.average, extra);
  emit('add_comment_p50_ms', result.latency.p50, extra);
  emit('add_comment_p99_ms', result.latency.p99, extra);
  emit('add_comment_failed', result.errors + result.timeouts + result.non2xx + result.mismatches, {
    ...extra,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphql_errors: result.mismatches,
    expected: 0,
  });
  emit('add_comment_cpu_ms_per_request', cpu.total, { ...extra, by_process: cpu.byProcess });
}

async function commentCountReads(stack: LaunchedStack, songIds: string[]): Promise<void> {
  const mongo: TestMongo = {
    url: stack.mongoUrl!,
    freshDatabaseName: (prefix = 'bench') => `${prefix}_${randomBytes(4).toString('hex')}`,
    stop: async () => undefined,
  };
  const env = commentsEnvironmentSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    IDENTITY_TOKEN_SECRET: SECRETS.IDENTITY_TOKEN_SECRET,
    EVENT_BUS_DATABASE: stack.databases.events,
  });
  const instance = await startTestSubgraph(mongo, commentsSubgraph(env), {
    databaseName: stack.databases.comments!,
  });
  const operations: string[] = [];
  try {
    mongoose.set('debug', (collection: string, method: string) => {
      operations.push(`${collection}.${method}`);
    });
    const representations = songIds.map((id) => ({ __typename: 'Song', id }));
    const token = await signIdentityToken(null, SECRETS.IDENTITY_TOKEN_SECRET);
    const result = await graphql<{ _entities: Array<{ commentCount: number }> }>(
      instance.url,
      COMMENT_COUNTS,
      { representations },
      { [IDENTITY_HEADER]: token },
    );
    mongoose.set('debug', false);
    const counts = result.data?._entities.map((entity) => entity.commentCount) ?? [];
    if (counts.length !== songIds.length || counts.some((count) => !(count > 0)))
      throw new Error(`commentCount answer: ${result.text.slice(0, 400)}`);
    emit(
      'comment_count_reads_for_10_songs',
      operations.filter((operation) => operation.startsWith('comment_targets.')).length,
      { songs: songIds.length, all_database_operations: operations, expected: 1 },
    );
  } finally {
    mongoose.set('debug', false);
    // (Its stop drops the database it shared: this is the last figure before the stack stops.)
    await instance.stop();
  }
}

async function main(): Promise<void> {
  const stack = await launchStack({
    mode: 'isolated',
    services: ['auth', 'songs', 'comments', 'router'],
    mongoUrl: process.env.MONGO_URL || undefined,
    secrets: SECRETS,
    env: { NODE_ENV: 'production' },
    serviceEnv: {
      auth: { REGISTRATION_MAX_PER_ADDRESS: '1000' },
      router: { SUPERGRAPH_WATCH: 'false', RATE_LIMIT_ENABLED: 'false' },
    },
    startTimeoutMs: 60_000,
  });
  const stop = () => stack.stop();
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const authors = await registerAuthors(stack.services.router!.url, 20);
    const seeded = await seedConversation(
      stack.mongoUrl!,
      { songs: stack.databases.songs!, comments: stack.databases.comments! },
      authors,
      { topLevel: TOP_LEVEL, replies: REPLIES, otherSongs: 10 },
    );
    emit('seeded_comments', seeded.topLevel + seeded.replies, {
      top_level: seeded.topLevel,
      replies: seeded.replies,
    });
    await firstPageThroughRouter(stack, seeded.songId, seeded);
    await addCommentThroughput(stack, seeded.songId);
    await commentCountReads(stack, seeded.otherSongIds);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
