/**
 * Propagation lag of a songs mutation to search, end to end over real processes: a listener
 * registered through the router owns a few READY songs (requestSongUpload through the router, then
 * the HLS worker's READY webhook, HMAC-signed as the worker signs it). Each sample renames one of
 * them through the router (`updateSong` → a fresh made-up word in the title) and measures, from the
 * mutation's HTTP response, until `search(query: <word>)` returns that song — polled every
 * POLL_MS both straight at the query subgraph and through the router, concurrently.
 *
 * What bounds it: songs writes the song and its SONG_UPDATED in one document write (outbox) and
 * nudges its outbox relay, which publishes at once (the relay's own poll, every 2 s, is only a
 * fallback); the query subgraph, in another process, finds the event at its next embedded-bus poll
 * (EVENT_BUS_POLL_INTERVAL_MS, 50 ms by default), then writes its read model and re-indexes.
 * Samples start at a random moment (not right after the previous detection) so they don't stay in
 * phase with the consumer's poll.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import {
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '@groovy/common/media';
import { prng } from './catalogue';
import { BENCH_SECRETS, EVENT_BUS_POLL_INTERVAL_MS, graphql, type BenchStack } from './bench-stack';
import { sleep, summarise, type Emit } from './bench-stats';

const SAMPLES = Number(process.env.BENCH_LAG_SAMPLES ?? 50);
const SONGS = 5;
const POLL_MS = 5;
const TIMEOUT_MS = 10_000;
/** The outbox relay's fallback poll (OutboxRelay's default; songs does not configure it). */
const OUTBOX_RELAY_POLL_MS = 2_000;

const REGISTER =
  'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }';
const REQUEST_UPLOAD =
  'mutation Up($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id status } } }';
const UPDATE_SONG =
  'mutation Rename($id: ID!, $input: UpdateSongInput!) { updateSong(id: $id, input: $input) { id title } }';
const FIND =
  'query Find($q: String!) { search(query: $q, first: 5) { songs { edges { node { id } } } } }';

/** A made-up word no catalogue title is near (so the fuzzy search finds only the renamed song). */
function freshWord(): string {
  return `qx${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'jkvwzyqxgh'[Number(d)] as string)}`;
}

/** The HLS worker's READY call for an upload, signed as the worker signs it. */
async function markReady(stack: BenchStack, songId: string): Promise<void> {
  const body = JSON.stringify({
    songId,
    uploadKey: `uploads/${songId}/original.mp3`,
    jobId: `bench-${songId}`,
    occurredAt: new Date().toISOString(),
    outcome: 'READY',
    result: {
      durationMs: 201_000,
      loudnessLufs: -9.5,
      truePeakDbtp: -1.2,
      waveform: Array.from(
        { length: 1_000 },
        (_, i) => Math.round(Math.abs(Math.sin(i / 17)) * 1000) / 1000,
      ),
      masterKey: `hls/${songId}/master.m3u8`,
      renditions: [64, 128, 256].map((kbps) => ({
        bitrateKbps: kbps,
        codec: 'mp4a.40.2',
        playlistKey: `hls/${songId}/${kbps}k/playlist.m3u8`,
      })),
      coverKey: null,
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${stack.songs.baseUrl}/webhooks/hls-worker`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(
        BENCH_SECRETS.WORKER_WEBHOOK_SECRET,
        timestamp,
        body,
      ),
    },
    body,
  });
  const answer = await response.text();
  if (response.status !== 200 || !answer.includes('"status":"READY"')) {
    throw new Error(
      `HLS worker webhook for ${songId} answered ${response.status}: ${answer.slice(0, 300)}`,
    );
  }
}

/** Polls `url` until search for `word` returns `songId`; resolves with performance.now() of that answer. */
async function searchable(
  url: string,
  word: string,
  songId: string,
  start: number,
): Promise<number> {
  for (;;) {
    const result = await graphql<{ search: { songs: { edges: Array<{ node: { id: string } }> } } }>(
      url,
      FIND,
      { q: word },
    );
    const at = performance.now();
    if (result.errors) throw new Error(`search at ${url} failed: ${JSON.stringify(result.errors)}`);
    if (result.data?.search.songs.edges.some((edge) => edge.node.id === songId)) return at;
    if (at - start > TIMEOUT_MS)
      throw new Error(
        `song ${songId} not searchable as "${word}" at ${url} after ${TIMEOUT_MS} ms`,
      );
    await sleep(POLL_MS);
  }
}

export async function propagationLagBench(stack: BenchStack, emit: Emit): Promise<void> {
  const registered = await graphql<{ register: { accessToken: string; user: { id: string } } }>(
    stack.router.url,
    REGISTER,
    {
      input: {
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: `bench passphrase ${randomBytes(6).toString('hex')}`,
        displayName: 'Bench Artist',
      },
    },
  );
  if (!registered.data)
    throw new Error(`register through the router failed: ${registered.text.slice(0, 500)}`);
  const auth = { authorization: `Bearer ${registered.data.register.accessToken}` };

  const songs: string[] = [];
  for (let i = 0; i < SONGS; i += 1) {
    const word = freshWord();
    const requested = await graphql<{ requestSongUpload: { song: { id: string } } }>(
      stack.router.url,
      REQUEST_UPLOAD,
      {
        input: {
          title: `${word} Lag Probe ${i}`,
          artistName: 'Bench Lag Artist',
          genre: 'electronic',
          fileName: `probe-${i}.mp3`,
          contentType: 'audio/mpeg',
          sizeBytes: 5_000_000,
        },
      },
      auth,
    );
    if (!requested.data)
      throw new Error(
        `requestSongUpload through the router failed: ${requested.text.slice(0, 500)}`,
      );
    const id = requested.data.requestSongUpload.song.id;
    await markReady(stack, id);
    await searchable(stack.query.url, word, id, performance.now());
    songs.push(id);
  }

  // The bus's log says when songs' relay published each event: splits the lag into relay and consumer.
  const client = await MongoClient.connect(stack.mongoUrl);
  const log = client.db(stack.databases.events).collection<{
    publishedAt: Date;
    envelope: { aggregateId: string; type: string; data: { title?: string } };
  }>('events');
  const toBus: number[] = [];
  const random = prng(99);
  const direct: number[] = [];
  const routed: number[] = [];
  const mutation: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    await sleep(Math.floor(random() * 2 * Number(EVENT_BUS_POLL_INTERVAL_MS)));
    const id = songs[i % songs.length] as string;
    const word = freshWord();
    const m0 = performance.now();
    const title = `${word} Lag Probe`;
    const renamed = await graphql<{ updateSong: { id: string; title: string } }>(
      stack.router.url,
      UPDATE_SONG,
      { id, input: { title } },
      auth,
    );
    const t0 = performance.now();
    const respondedAt = Date.now();
    if (renamed.data?.updateSong.id !== id)
      throw new Error(`updateSong through the router failed: ${renamed.text.slice(0, 500)}`);
    mutation.push(t0 - m0);
    const [atDirect, atRouter] = await Promise.all([
      searchable(stack.query.url, word, id, t0),
      searchable(stack.router.url, word, id, t0),
    ]);
    direct.push(atDirect - t0);
    routed.push(atRouter - t0);
    const published = await log.findOne({
      'envelope.aggregateId': id,
      'envelope.type': 'SONG_UPDATED',
      'envelope.data.title': title,
    });
    if (published) toBus.push(published.publishedAt.getTime() - respondedAt);
  }
  await client.close();

  const extra = {
    samples: SAMPLES,
    poll_every_ms: POLL_MS,
    bus: 'embedded',
    bus_poll_interval_ms: Number(EVENT_BUS_POLL_INTERVAL_MS),
    outbox_relay: `nudged on write; ${OUTBOX_RELAY_POLL_MS} ms fallback poll`,
    from: 'updateSong HTTP response through the router',
  };
  const d = summarise(direct);
  const r = summarise(routed);
  const m = summarise(mutation);
  emit('propagation_lag_mutation_p50_ms', d.p50, { ...extra, seen_at: 'query subgraph' });
  emit('propagation_lag_mutation_p95_ms', d.p95, {
    ...extra,
    seen_at: 'query subgraph',
    goal_ms: 300,
  });
  emit('propagation_lag_mutation_max_ms', d.max, { ...extra, seen_at: 'query subgraph' });
  emit('propagation_lag_mutation_router_p50_ms', r.p50, { ...extra, seen_at: 'router' });
  emit('propagation_lag_mutation_router_p95_ms', r.p95, {
    ...extra,
    seen_at: 'router',
    goal_ms: 300,
  });
  emit('propagation_lag_mutation_router_max_ms', r.max, { ...extra, seen_at: 'router' });
  emit('propagation_lag_mutation_samples', SAMPLES, extra);
  // Part of the lag before the event is in the bus's log (songs' outbox relay); wall clock, 1 ms
  // resolution, negative when songs published before its response reached the bench.
  const bus = summarise(toBus);
  emit('propagation_lag_mutation_to_bus_p50_ms', bus.p50, {
    samples: toBus.length,
    outbox_relay: extra.outbox_relay,
  });
  emit('propagation_lag_mutation_to_bus_p95_ms', bus.p95, {
    samples: toBus.length,
    outbox_relay: extra.outbox_relay,
  });
  emit('update_song_router_p50_ms', m.p50, { samples: SAMPLES });
  emit('update_song_router_p95_ms', m.p95, { samples: SAMPLES });
}
