/**
 * Database work per request, counted (not timed): how many Mongo operations preferences runs for
 * the library page's part of the query (what the router fetches from preferences for the web's
 * library page: the lists with their counts and the viewer's flags) and for one like. Counted with
 * mongoose's debug hook, which sees every operation the subgraph's models and collections run.
 */
import mongoose from 'mongoose';
import {
  artistUpdated,
  newId,
  PreferencesTestServer,
  songEvent,
  userRegistered,
} from '../src/__tests__/preferences-test-server';
import type { emit as Emit } from './bench-tools';

/** The library page's fields preferences serves (bench/stack.bench.ts has the whole page). */
export const LIBRARY_PREFERENCES_PART = `query LibraryPage {
  library {
    unreadNotificationCount
    likedSongs(first: 20) { totalCount edges { cursor node { id likeCount likedByMe } } pageInfo { hasNextPage endCursor } }
    followedArtists(first: 20) { totalCount edges { node { id followerCount followedByMe } } }
    history(first: 20) { totalCount edges { node { playedAt msPlayed repeats song { id } } } }
    notifications(first: 10) { totalCount edges { node { id kind read createdAt song { id } actor { id } } } }
  }
}`;
const LIKE = 'mutation L($id: ID!) { likeSong(songId: $id) { id likeCount likedByMe } }';
const FOLLOW_ARTIST = 'mutation F($id: ID!) { followArtist(artistId: $id) { id } }';
const FOLLOW_USER = 'mutation F($id: ID!) { followUser(userId: $id) { id } }';
const PLAY = 'mutation P($input: RecordPlayInput!) { recordPlay(input: $input) }';

/** Polled by background work (fan-out worker, Jam scheduler and presence), not by requests. */
const BACKGROUND = new Set(['fanout_jobs', 'jam_sessions', 'jam_connections']);

/** Counts the operations `run` makes the subgraph send to Mongo (by collection.method too). */
async function countOperations(run: () => Promise<unknown>) {
  const byOperation = new Map<string, number>();
  mongoose.set('debug', (collection: string, method: string) => {
    if (BACKGROUND.has(collection)) return;
    const key = `${collection}.${method}`;
    byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  const total = [...byOperation.values()].reduce((sum, count) => sum + count, 0);
  return { total, byOperation: Object.fromEntries([...byOperation].sort()) };
}

export async function benchLibraryCommands(
  server: PreferencesTestServer,
  emit: typeof Emit,
): Promise<void> {
  const listener = newId('listener');
  const fan = newId('fan');
  const artistIds = Array.from({ length: 5 }, () => newId('artist'));
  const songIds = Array.from({ length: 21 }, () => newId('song'));
  await server.publish([
    userRegistered(listener),
    userRegistered(fan),
    ...artistIds.map((artistId) => artistUpdated(artistId)),
    ...songIds.map((songId, i) => songEvent({ songId, artistId: artistIds[i % 5] })),
  ]);
  for (const id of songIds.slice(0, 20)) await server.ok(LIKE, { id }, listener);
  for (const id of artistIds) await server.ok(FOLLOW_ARTIST, { id }, listener);
  for (const songId of songIds.slice(0, 20))
    await server.ok(PLAY, { input: { songId, msPlayed: 60_000 } }, listener);
  await server.ok(FOLLOW_USER, { id: listener }, fan); // a NEW_FOLLOWER notification

  await server.ok(LIBRARY_PREFERENCES_PART, {}, listener); // warm (indexes, first reads)
  const page = await countOperations(() => server.ok(LIBRARY_PREFERENCES_PART, {}, listener));
  emit('library_page_mongo_operations', page.total, {
    likedSongs: 20,
    followedArtists: 5,
    history: 20,
    byOperation: page.byOperation,
  });
  // A like of a song others like already (its counter exists), answered with likeCount, likedByMe.
  await server.ok(LIKE, { id: songIds[20] }, listener);
  const like = await countOperations(() => server.ok(LIKE, { id: songIds[20] }, fan));
  emit('like_mongo_operations', like.total, { byOperation: like.byOperation });
}
