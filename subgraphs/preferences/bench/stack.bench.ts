/**
 * The library page through real processes: auth, songs, preferences and the router, built, on free
 * ports with fresh databases (the stack launcher, as the integration tests use it). A listener with
 * 20 liked songs, 5 followed artists and a notification loads the web's library page query through
 * the router; p50/p99 over BENCH_ROUTER_REQUESTS requests, 10 in flight.
 */
import { performance } from 'node:perf_hooks';
import { launchStack } from '@groovy/tooling/stack';
import { percentile, runConcurrently } from './bench-tools';

type Emit = (figure: string, value: number, extra?: Record<string, unknown>) => void;

const REQUESTS = Number(process.env.BENCH_ROUTER_REQUESTS ?? 500);
const IN_FLIGHT = 10;

const REGISTER = `mutation R($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const REQUEST_UPLOAD = `mutation U($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id artist { id } } } }`;
const LIKE = 'mutation L($id: ID!) { likeSong(songId: $id) { id } }';
const FOLLOW_ARTIST = 'mutation F($id: ID!) { followArtist(artistId: $id) { id } }';
const FOLLOW_USER = 'mutation F($id: ID!) { followUser(userId: $id) { id } }';
/** What the library page asks for (liked songs with their titles from songs, follows, notifications). */
export const LIBRARY_PAGE = `query LibraryPage {
  library {
    unreadNotificationCount
    likedSongs(first: 20) { totalCount edges { cursor node { id title durationMs likeCount likedByMe artist { id name } } } pageInfo { hasNextPage endCursor } }
    followedArtists(first: 20) { totalCount edges { node { id name followerCount followedByMe } } }
    history(first: 20) { totalCount edges { node { playedAt msPlayed repeats song { id title } } } }
    notifications(first: 10) { totalCount edges { node { id kind read createdAt song { id title } actor { id displayName } } } }
  }
}`;

interface Result<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function call<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Result<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Result<T>;
}

async function ok<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const result = await call<T>(url, query, variables, token);
  if (!result.data || result.errors?.length)
    throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Retries while preferences has not heard of the song/artist/user yet (it learns them from the bus). */
async function untilKnown(run: () => Promise<Result<unknown>>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const result = await run();
    if (!result.errors?.length) return;
    if (result.errors[0]?.extensions?.code !== 'NOT_FOUND')
      throw new Error(JSON.stringify(result.errors));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never known to preferences');
}

async function register(url: string, name: string): Promise<{ token: string; userId: string }> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const data = await ok<{ register: { accessToken: string; user: { id: string } } }>(
    url,
    REGISTER,
    {
      input: {
        email: `${name}-${suffix}@example.com`,
        password: `passphrase ${suffix} long`,
        displayName: name,
      },
    },
  );
  return { token: data.register.accessToken, userId: data.register.user.id };
}

export async function runStackBench(emit: Emit): Promise<void> {
  const launched = await launchStack({
    mode: 'isolated',
    services: ['auth', 'songs', 'preferences', 'router'],
    mongoUrl: process.env.MONGO_URL || undefined,
    secrets: {
      IDENTITY_TOKEN_SECRET: 'bench-identity-token-secret-0123456789abcdef',
      WORKER_WEBHOOK_SECRET: 'bench-worker-webhook-secret-0123456789abcdef',
      STORAGE_SIGNING_SECRET: 'bench-storage-signing-secret-0123456789abcdef',
    },
    env: { NODE_ENV: 'production' },
    serviceEnv: {
      auth: { REGISTRATION_MAX_PER_ADDRESS: '1000' },
      router: { SUPERGRAPH_WATCH: 'false', RATE_LIMIT_ENABLED: 'false' },
    },
    startTimeoutMs: 60_000,
  });
  try {
    const url = launched.services.router!.url;
    const listener = await register(url, 'Bench Listener');
    const fan = await register(url, 'Bench Fan');
    const songIds: string[] = [];
    const artistIds = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const data = await ok<{
        requestSongUpload: { song: { id: string; artist: { id: string } } };
      }>(
        url,
        REQUEST_UPLOAD,
        {
          input: {
            title: `Bench Song ${i}`,
            artistName: `Bench Artist ${i % 5}`,
            fileName: `song-${i}.mp3`,
            contentType: 'audio/mpeg',
            sizeBytes: 1_000_000,
          },
        },
        listener.token,
      );
      songIds.push(data.requestSongUpload.song.id);
      artistIds.add(data.requestSongUpload.song.artist.id);
    }
    // The listener's own uploads are theirs to like at any stage.
    for (const id of songIds) await untilKnown(() => call(url, LIKE, { id }, listener.token));
    for (const id of artistIds)
      await untilKnown(() => call(url, FOLLOW_ARTIST, { id }, listener.token));
    await untilKnown(() => call(url, FOLLOW_USER, { id: listener.userId }, fan.token));

    const check = await ok<{ library: { likedSongs: { totalCount: number } } }>(
      url,
      LIBRARY_PAGE,
      {},
      listener.token,
    );
    if (check.library.likedSongs.totalCount !== songIds.length) throw new Error('seeding failed');
    // Warm up, then measure.
    await runConcurrently(50, IN_FLIGHT, () => ok(url, LIBRARY_PAGE, {}, listener.token));
    const timings = await runConcurrently(REQUESTS, IN_FLIGHT, async () => {
      const t0 = performance.now();
      await ok(url, LIBRARY_PAGE, {}, listener.token);
      return performance.now() - t0;
    });
    const extra = {
      requests: REQUESTS,
      inFlight: IN_FLIGHT,
      likedSongs: songIds.length,
      followedArtists: artistIds.size,
    };
    emit('library_page_router_ms_p50', percentile(timings, 50), extra);
    emit('library_page_router_ms_p99', percentile(timings, 99), extra);
  } finally {
    await launched.stop();
  }
}
