/**
 * Preferences benchmarks. One JSON line per figure:
 *  1. likes: likeSong over HTTP against a subgraph started in-process (as its tests do) on a fresh
 *     database, 50 in flight: likes/s spread over many songs, and on one hot song; the staleness of
 *     likeCount (mutation answered → SONG_LIKED with that count on the bus, p50/p99; and whether the
 *     count read right after the load is exact);
 *  2. recordPlay throughput (counted plays/s, distinct listeners, 50 in flight);
 *  3. NEW_RELEASE fan-out to 10,000 followers: READY event published → last notification written,
 *     and how long an event published right behind it waits (the consumer is not blocked);
 *  4. through real processes (bench/stack.bench.ts): the web's library page query through the
 *     router, p50/p99;
 *  5. library: Mongo operations per library page and per like, counted (bench/library-commands.bench.ts).
 *
 * Run: npm run bench -w @groovy/subgraph-preferences   (BENCH_ONLY=library,likes,plays,fanout,router)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import {
  artistUpdated,
  newId,
  PreferencesTestServer,
  songEvent,
  userRegistered,
} from '../src/__tests__/preferences-test-server';
import { launchStack } from '@groovy/tooling/stack';
import { emit, percentile, runConcurrently, waitFor } from './bench-tools';
import { benchLibraryCommands } from './library-commands.bench';
import { runStackBench } from './stack.bench';

const ONLY = process.env.BENCH_ONLY?.split(',');
const selected = (group: string) => !ONLY || ONLY.includes(group);
const CONCURRENCY = 50;
const LIKES = Number(process.env.BENCH_LIKES ?? 3_000);
const PLAYS = Number(process.env.BENCH_PLAYS ?? 3_000);
const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 10_000);

const LIKE = 'mutation L($id: ID!) { likeSong(songId: $id) { id likeCount } }';
const LIKE_COUNT = `query C($reps: [_Any!]!) { _entities(representations: $reps) { ... on Song { likeCount } } }`;
const PLAY = 'mutation P($input: RecordPlayInput!) { recordPlay(input: $input) }';

async function songs(server: PreferencesTestServer, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId('song'));
  await server.publish(
    ids.map((songId) => songEvent({ songId, durationMs: 200_000 })),
    300_000,
  );
  return ids;
}

async function benchLikes(server: PreferencesTestServer): Promise<void> {
  const songIds = await songs(server, 100);
  // Answer time of each like, to match the SONG_LIKED events against.
  const answered = new Map<string, { at: number; count: number }>();
  const t0 = performance.now();
  await runConcurrently(LIKES, CONCURRENCY, async (index) => {
    const user = `bench-user-${index}`;
    const songId = songIds[index % songIds.length]!;
    const data = await server.ok<{ likeSong: { likeCount: number } }>(LIKE, { id: songId }, user);
    answered.set(`${user}:${songId}`, { at: performance.now(), count: data.likeSong.likeCount });
  });
  const seconds = (performance.now() - t0) / 1000;
  emit('likes_per_s', LIKES / seconds, {
    likes: LIKES,
    songs: songIds.length,
    concurrency: CONCURRENCY,
  });

  // Staleness of what others see: answer → SONG_LIKED on the bus carrying the count.
  const lags: number[] = [];
  const seen = new Set<string>();
  await waitFor(async () => {
    for (const event of server.published.of('SONG_LIKED')) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      const like = answered.get(event.aggregateId);
      if (like) lags.push(Math.max(0, server.published.receivedAt.get(event.id)! - like.at));
    }
    return lags.length >= LIKES;
  }, 'all SONG_LIKED events');
  emit('like_event_lag_ms_p50', percentile(lags, 50), { events: lags.length });
  emit('like_event_lag_ms_p99', percentile(lags, 99), { events: lags.length });

  const counts = await server.ok<{ _entities: { likeCount: number }[] }>(LIKE_COUNT, {
    reps: songIds.map((id) => ({ __typename: 'Song', id })),
  });
  const expected = songIds.map(
    (_, i) => Math.floor(LIKES / songIds.length) + (i < LIKES % songIds.length ? 1 : 0),
  );
  const wrong = counts._entities.filter((song, i) => song.likeCount !== expected[i]).length;
  emit('likeCount_wrong_after_load', wrong, {
    songs: songIds.length,
    note: 'songs whose count read right after the load is not exact',
  });

  // One hot song: every like contends for the same counter.
  const [hot] = await songs(server, 1);
  const t1 = performance.now();
  const hotLikes = Math.min(LIKES, 1_000);
  await runConcurrently(hotLikes, CONCURRENCY, (index) =>
    server.ok(LIKE, { id: hot }, `hot-user-${index}`),
  );
  emit('hot_song_likes_per_s', hotLikes / ((performance.now() - t1) / 1000), {
    likes: hotLikes,
    concurrency: CONCURRENCY,
  });
}

async function benchPlays(server: PreferencesTestServer): Promise<void> {
  const songIds = await songs(server, 100);
  const t0 = performance.now();
  const counted = await runConcurrently(PLAYS, CONCURRENCY, async (index) => {
    const data = await server.ok<{ recordPlay: boolean }>(
      PLAY,
      { input: { songId: songIds[index % songIds.length], msPlayed: 60_000 } },
      `listener-${index}`,
    );
    return data.recordPlay;
  });
  const seconds = (performance.now() - t0) / 1000;
  emit('record_play_per_s', PLAYS / seconds, {
    plays: PLAYS,
    counted: counted.filter(Boolean).length,
    concurrency: CONCURRENCY,
  });
}

async function benchFanout(server: PreferencesTestServer): Promise<void> {
  const artistId = newId('artist');
  await server.publish([artistUpdated(artistId)]);
  const db = server.client.db(server.subgraph.connection.name);
  const now = new Date();
  const followers = Array.from(
    { length: FOLLOWERS },
    (_, i) => `follower-${String(i).padStart(6, '0')}`,
  );
  for (let i = 0; i < followers.length; i += 5_000) {
    await db.collection('artist_follows').insertMany(
      followers.slice(i, i + 5_000).map((userId) => ({
        _id: `${userId}:${artistId}` as never,
        userId,
        targetId: artistId,
        on: true,
        at: now,
        version: 1,
        pendingCounts: [],
        targetDeleted: false,
      })),
    );
  }
  const songId = newId('song');
  const marker = newId('marker');
  const t0 = performance.now();
  await server.bus.publish([songEvent({ songId, artistId }), userRegistered(marker)]);
  let markerAppliedMs = 0;
  await waitFor(async () => {
    if (!markerAppliedMs && (await db.collection('known_users').findOne({ _id: marker as never })))
      markerAppliedMs = performance.now() - t0;
    return (await server.module.fanout.job(`NEW_RELEASE:${songId}`))?.done === true;
  }, 'fan-out');
  const doneMs = performance.now() - t0;
  const written = await db
    .collection('notifications')
    .countDocuments({ sourceKey: `NEW_RELEASE:${songId}` });
  emit('fanout_10k_last_notification_ms', doneMs, {
    followers: FOLLOWERS,
    written,
    batch: server.env.NOTIFICATION_FANOUT_BATCH_SIZE,
  });
  emit('fanout_next_event_applied_ms', markerAppliedMs || doneMs, {
    note: 'an event published right behind the READY one: applied while the fan-out runs',
  });
}

async function main(): Promise<void> {
  if (selected('library') || selected('likes') || selected('plays') || selected('fanout')) {
    // The embedded engine in a process of its own (as the stack runs it), not on the bench's event loop.
    const mongo = process.env.MONGO_URL
      ? undefined
      : await launchStack({ mode: 'isolated', services: [] });
    if (mongo) process.env.MONGO_URL = mongo.mongoUrl;
    const server = await PreferencesTestServer.start({ LOG_LEVEL: 'silent' });
    try {
      if (selected('library')) await benchLibraryCommands(server, emit);
      if (selected('likes')) await benchLikes(server);
      if (selected('plays')) await benchPlays(server);
      if (selected('fanout')) await benchFanout(server);
    } finally {
      await server.stop();
      await mongo?.stop();
    }
  }
  if (selected('router')) await runStackBench(emit);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
