/**
 * The figures that need the platform as real processes (bench/bench-stack.ts): search through the
 * router under load, and the propagation lag of a songs mutation. One stack, one seeded catalogue
 * of BENCH_STACK_SONGS (10,000) READY songs, for both.
 */
import { performance } from 'node:perf_hooks';
import { generateCatalogue } from './catalogue';
import { cpuTimesMs, startBenchStack } from './bench-stack';
import { benchSelected } from './bench-selection';
import { sleep, type Emit } from './bench-stats';
import { propagationLagBench } from './propagation-lag.bench';
import { routerFiguresBench } from './router-figures.bench';
import { routerSearchBench } from './router-search.bench';
import { prepareSeed, SEED_MODE, waitForSeed, writeSeed } from './seed-catalogue';

const SONGS = Number(process.env.BENCH_STACK_SONGS ?? 10_000);

export async function runStackBenches(emit: Emit): Promise<void> {
  const router = benchSelected('router');
  const lag = benchSelected('lag');
  if (!router && !lag) return;
  const catalogue = generateCatalogue(SONGS);
  const seed = prepareSeed(catalogue);
  let started = 0;
  const stack = await startBenchStack(async (mongoUrl, databases) => {
    const w0 = performance.now();
    await writeSeed(mongoUrl, databases, seed, SEED_MODE);
    emit('stack_seed_write_ms', performance.now() - w0, {
      mode: SEED_MODE,
      events: SEED_MODE === 'events' ? seed.events.length : 0,
    });
    started = performance.now();
  });
  try {
    emit('stack_start_ms', performance.now() - started, {
      processes: 'mongo, auth, songs, query, preferences, router',
    });
    await waitForSeed(stack, seed);
    // From starting the services to the whole catalogue searchable: with BENCH_SEED=events, the
    // query subgraph's catch-up on the bus; with read-model, its index rebuild at start-up.
    emit('stack_seed_searchable_ms', performance.now() - started, {
      mode: SEED_MODE,
      events: seed.seeded.events,
    });
    emit('stack_seed_songs', seed.seeded.songs, {
      albums: seed.seeded.albums,
      artists: seed.seeded.artists,
      mode: SEED_MODE,
    });
    const seeded = seed.seeded;
    // What the stack costs doing nothing (pollers: the embedded bus's consumers, songs' outbox relay).
    const idle0 = cpuTimesMs(stack.pids);
    await sleep(3_000);
    const idle1 = cpuTimesMs(stack.pids);
    const idle: Record<string, number> = {};
    for (const [name, end] of Object.entries(idle1))
      if (name !== 'bench')
        idle[name] = Math.round(((end - (idle0[name] ?? end)) / 3_000) * 1000) / 10;
    emit(
      'stack_idle_cpu_pct',
      Object.values(idle).reduce((a, b) => a + b, 0),
      { by_process: idle, over_s: 3 },
    );
    if (router) {
      const search = await routerSearchBench(stack, catalogue, seeded, emit, idle);
      await routerFiguresBench(stack, seeded, search, emit);
    }
    if (lag) await propagationLagBench(stack, emit);
  } finally {
    await stack.stop();
  }
}
