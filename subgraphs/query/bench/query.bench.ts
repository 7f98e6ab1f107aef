/**
 * Query subgraph benchmarks. Prints one JSON line per figure:
 *  1. in-process search latency through `MiniSearchIndex` (the `SearchIndex` seam, no HTTP) at 10k
 *     and 100k songs of a generated catalogue: build time, p50/p99 over 1,000 mixed queries;
 *  2. a baseline on the same data: MongoDB `$regex` (case-insensitive, title + artist name) through
 *     the real driver against the embedded engine, exact-word queries only (a regex cannot forgive
 *     typos), and the regex/index ratio on those same queries;
 *  3. consumer throughput: SONG_CREATED/SONG_UPDATED events on the embedded bus applied by a query
 *     subgraph started in-process (as its tests do), until a final marker is applied;
 *  4. propagation lag: publish → searchable through the subgraph's SearchService;
 *  5. through real processes (bench/stack.bench.ts): search through the router at 50 connections,
 *     and the lag from a songs mutation to the song being searchable.
 *
 * Run: npm run bench -w @groovy/subgraph-query   (BENCH_SIZES=10000 to skip 100k;
 * BENCH_ONLY=search,consumer,router,lag to run some groups only; see the README)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { MongoClient, type Document, type Filter } from 'mongodb';
import { startTestMongo } from '@groovy/common/testing';
import { MiniSearchIndex } from '../src/search/minisearch-index';
import type { SongDocument } from '../src/read-model/documents';
import {
  QueryTestServer,
  artistUpdated,
  songData,
  songEvent,
} from '../src/__tests__/query-test-server';
import {
  generateCatalogue,
  generateGenreQueries,
  generateQueries,
  type BenchQuery,
  type Catalogue,
} from './catalogue';
import { benchSelected } from './bench-selection';
import { percentile, summarise } from './bench-stats';
import { runStackBenches } from './stack.bench';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = 1_000;
const WARMUP = 100;
const GENRE_QUERIES = 300;
/** Regex queries per size: fewer at 100k, where one takes about half a second on the embedded engine. */
const REGEX_QUERIES = (size: number): number => (size > 20_000 ? 50 : 200);
/** Skip the regex baseline at a size when its projected run exceeds this. */
const REGEX_BUDGET_MS = 60_000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const LAG_SAMPLES = 50;

function emit(figure: string, value: number | null, extra: Record<string, unknown> = {}): void {
  const rounded = value === null ? null : Math.round(value * 1000) / 1000;
  const line = { bench: 'query', figure, ...extra, value: rounded };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The read-model song document as stored (string ids). */
type BenchSong = SongDocument & Document;

const PAGE = { offset: 0, limit: 20 };

/** CPU time (user + system) of the last `timeIndex` run, µs: unlike latency, not inflated by a busy machine. */
let lastCpuMicros = 0;

function timeIndex(index: MiniSearchIndex, queries: readonly BenchQuery[]): number[] {
  const timings: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const query of queries) {
    const t0 = performance.now();
    index.search(query.text, query.filter, PAGE);
    timings.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  lastCpuMicros = cpu.user + cpu.system;
  return timings;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every word in the title or the artist name, case-insensitive, plus the filter: first page of 20. */
function regexFilter(query: BenchQuery): Filter<BenchSong> {
  const and: Filter<BenchSong>[] = query.exactWords.map((word) => {
    const regex = new RegExp(escapeRegex(word), 'i');
    return { $or: [{ title: regex }, { 'artist.name': regex }] };
  });
  const filter: Filter<BenchSong> & Document = { status: 'READY', deleted: false, $and: and };
  if (query.filter.genre) filter.genre = query.filter.genre;
  if (query.filter.year) filter.year = query.filter.year;
  if (query.filter.artistId) filter['artist.id'] = query.filter.artistId;
  return filter;
}

async function searchBench(size: number, client: MongoClient | undefined): Promise<void> {
  const t0 = performance.now();
  const catalogue: Catalogue = generateCatalogue(size);
  emit('catalogue_generate_ms', performance.now() - t0, { songs: size });
  emit('catalogue_artists', catalogue.artists.length, { songs: size });
  emit('catalogue_albums', catalogue.albums.length, { songs: size });
  const counts = new Map<string, number>();
  for (const song of catalogue.songs)
    counts.set(song.artist.id, (counts.get(song.artist.id) ?? 0) + 1);
  emit('catalogue_top_artist_songs', Math.max(...counts.values()), { songs: size });

  const index = new MiniSearchIndex();
  const b0 = performance.now();
  for (const song of catalogue.songs) index.upsert(song, song);
  emit('index_build_ms', performance.now() - b0, { songs: size });
  emit('index_heap_mb', process.memoryUsage().heapUsed / 1e6, { songs: size });

  const queries = generateQueries(catalogue, QUERIES);
  timeIndex(index, generateQueries(catalogue, WARMUP, 99));
  const timings = timeIndex(index, queries);
  const firstPassCpu = lastCpuMicros;
  const all = summarise(timings);
  emit('search_mean_ms', timings.reduce((sum, ms) => sum + ms, 0) / timings.length, {
    songs: size,
    queries: QUERIES,
  });
  emit('search_cpu_us_per_query', firstPassCpu / QUERIES, { songs: size, queries: QUERIES });
  emit('search_p50_ms', all.p50, { songs: size, queries: QUERIES });
  emit('search_p99_ms', all.p99, { songs: size, queries: QUERIES });
  emit('search_max_ms', all.max, { songs: size, queries: QUERIES });
  for (const kind of ['exact', 'typo', 'prefix', 'filter'] as const) {
    const ofKind = timings.filter((_, i) => queries[i]?.kind === kind);
    const s = summarise(ofKind);
    emit(`search_${kind}_p50_ms`, s.p50, { songs: size, queries: ofKind.length });
    emit(`search_${kind}_p99_ms`, s.p99, { songs: size, queries: ofKind.length });
  }
  // A second pass over the same queries (warm JIT, fewer first-time allocations): is the tail the
  // queries themselves or the first pass?
  const again = summarise(timeIndex(index, queries));
  emit('search_second_pass_p50_ms', again.p50, { songs: size, queries: QUERIES });
  emit('search_second_pass_p99_ms', again.p99, { songs: size, queries: QUERIES });
  emit('search_second_pass_cpu_us_per_query', lastCpuMicros / QUERIES, {
    songs: size,
    queries: QUERIES,
  });
  // Genre words: what indexing the genre costs (before it was indexed, these matched almost nothing).
  const genreQueries = generateGenreQueries(catalogue, GENRE_QUERIES);
  const genreTimings = timeIndex(index, genreQueries);
  const genre = summarise(genreTimings);
  const genreMatches = genreQueries
    .map((query) => index.search(query.text, query.filter, PAGE).totalCount)
    .sort((a, b) => a - b);
  emit('search_genre_words_p50_ms', genre.p50, { songs: size, queries: GENRE_QUERIES });
  emit('search_genre_words_p99_ms', genre.p99, { songs: size, queries: GENRE_QUERIES });
  emit('search_genre_words_cpu_us_per_query', lastCpuMicros / GENRE_QUERIES, {
    songs: size,
    queries: GENRE_QUERIES,
  });
  emit('search_genre_words_matches_p50', percentile(genreMatches, 50), { songs: size });
  let hits = 0;
  const matches: number[] = [];
  for (const query of queries) {
    const totalCount = index.search(query.text, query.filter, PAGE).totalCount;
    matches.push(totalCount);
    if (totalCount > 0) hits += 1;
  }
  emit('search_queries_with_hits_pct', (100 * hits) / queries.length, { songs: size });
  const sortedMatches = [...matches].sort((a, b) => a - b);
  emit('search_matches_p50', percentile(sortedMatches, 50), { songs: size });
  emit('search_matches_p99', percentile(sortedMatches, 99), { songs: size });
  // The slowest queries, on stderr: what the tail is made of.
  const slowest = timings
    .map((ms, i) => ({
      ms: Math.round(ms * 10) / 10,
      kind: queries[i]?.kind,
      text: queries[i]?.text,
      filter: queries[i]?.filter,
      matches: matches[i],
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  process.stderr.write(`slowest queries at ${size}: ${JSON.stringify(slowest)}\n`);

  if (!client) return;
  // Regex baseline: exact words only (with and without filters), same queries as the index.
  const exact = queries
    .filter((q) => q.kind === 'exact' || q.kind === 'filter')
    .slice(0, REGEX_QUERIES(size));
  const db = client.db(`bench_query_${size}_${Date.now().toString(36)}`);
  const songs = db.collection<BenchSong>('songs');
  try {
    const i0 = performance.now();
    for (let offset = 0; offset < catalogue.songs.length; offset += 1_000) {
      await songs.insertMany(catalogue.songs.slice(offset, offset + 1_000).map((s) => ({ ...s })));
    }
    emit('regex_insert_ms', performance.now() - i0, { songs: size });
    const probe = performance.now();
    for (const query of exact.slice(0, 5)) await songs.find(regexFilter(query)).limit(20).toArray();
    const projected = ((performance.now() - probe) / 5) * exact.length;
    if (projected > REGEX_BUDGET_MS) {
      emit('regex_skipped_projected_ms', projected, { songs: size, queries: exact.length });
      return;
    }
    const regexTimings: number[] = [];
    let regexHits = 0;
    for (const query of exact) {
      const r0 = performance.now();
      const found = await songs.find(regexFilter(query)).limit(20).toArray();
      regexTimings.push(performance.now() - r0);
      if (found.length) regexHits += 1;
    }
    const regex = summarise(regexTimings);
    const same = summarise(timeIndex(index, exact));
    emit('regex_p50_ms', regex.p50, { songs: size, queries: exact.length });
    emit('regex_p99_ms', regex.p99, { songs: size, queries: exact.length });
    emit('regex_queries_with_hits_pct', (100 * regexHits) / exact.length, { songs: size });
    emit('index_same_queries_p50_ms', same.p50, { songs: size, queries: exact.length });
    emit('index_same_queries_p99_ms', same.p99, { songs: size, queries: exact.length });
    emit('regex_over_index_p50_ratio', regex.p50 / same.p50, { songs: size });
    emit('regex_over_index_p99_ratio', regex.p99 / same.p99, { songs: size });
  } finally {
    await db.dropDatabase().catch(() => undefined);
  }
}

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  pollMs = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function consumerBench(): Promise<void> {
  const server = await QueryTestServer.start();
  try {
    const { songs } = generateCatalogue(EVENTS, 11);
    const toData = (song: SongDocument, title = song.title) =>
      songData({
        songId: song._id,
        title,
        artist: song.artist,
        album: null,
        genre: song.genre,
        tags: song.tags,
        createdAt: song.createdAt.toISOString(),
      });
    // 80 % creations, then 20 % updates of songs created earlier in the same stream.
    const created = Math.round(EVENTS * 0.8);
    const events = [
      ...songs.slice(0, created).map((song) => songEvent('SONG_CREATED', 1, toData(song))),
      ...songs
        .slice(0, EVENTS - created)
        .map((song) => songEvent('SONG_UPDATED', 2, toData(song, `${song.title} Remastered`))),
    ];
    const markerId = `marker-${Date.now()}`;
    const p0 = performance.now();
    for (let offset = 0; offset < events.length; offset += 500) {
      await server.bus.publish(events.slice(offset, offset + 500));
    }
    await server.bus.publish([artistUpdated(markerId, 'Marker', 1)]);
    const published = performance.now() - p0;
    await waitFor(
      async () => !!(await server.subgraph.module.readModel.artists.findOne({ _id: markerId })),
      120_000,
      20,
    );
    const applied = performance.now() - p0;
    emit('bus_publish_events_per_s', events.length / (published / 1000), { events: events.length });
    emit('consumer_applied_events_per_s', events.length / (applied / 1000), {
      events: events.length,
    });
    emit('consumer_total_ms', applied, { events: events.length });
    const check = server.subgraph.module.search.search('remastered', {}, 1, null).totalCount;
    emit('consumer_check_updated_songs_searchable', check, { expected: EVENTS - created });

    // Propagation lag: publish one song with a unique word → the subgraph's search finds it.
    const lags: number[] = [];
    for (let i = 0; i < LAG_SAMPLES; i += 1) {
      const word = `zylophonic${i}x`;
      const song = songs[i] as SongDocument;
      const l0 = performance.now();
      await server.bus.publish([
        songEvent('SONG_CREATED', 1, toData({ ...song, _id: `lag-${i}` }, `${word} ${song.title}`)),
      ]);
      await waitFor(
        () => server.subgraph.module.search.search(word, {}, 1, null).totalCount > 0,
        10_000,
        2,
      );
      lags.push(performance.now() - l0);
    }
    const lag = summarise(lags);
    emit('propagation_lag_p50_ms', lag.p50, {
      samples: LAG_SAMPLES,
      poll_interval_ms: Number(server.env.EVENT_BUS_POLL_INTERVAL_MS),
    });
    emit('propagation_lag_p95_ms', lag.p95, {
      samples: LAG_SAMPLES,
      poll_interval_ms: Number(server.env.EVENT_BUS_POLL_INTERVAL_MS),
    });
    emit('propagation_lag_max_ms', lag.max, { samples: LAG_SAMPLES });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  emit('loadavg_1m_at_start', loadavg()[0] as number);
  if (benchSelected('search')) {
    const mongo = await startTestMongo();
    const client = await MongoClient.connect(mongo.url);
    try {
      for (const size of SIZES) await searchBench(size, client);
    } finally {
      await client.close();
      await mongo.stop();
    }
  }
  if (benchSelected('consumer') && process.env.BENCH_SKIP_CONSUMER !== '1') await consumerBench();
  // Real processes (bench/stack.bench.ts): search through the router under load, mutation → searchable lag.
  await runStackBenches(emit);
  emit('loadavg_1m_at_end', loadavg()[0] as number);
  emit('bench_total_s', (performance.now() - started) / 1000);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
