/**
 * Insert throughput and find-by-unique-field latency through the real mongodb driver,
 * at 1k, 10k and 100k documents. Prints one JSON line per figure.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src';

const SIZES = [1_000, 10_000, 100_000];
const LOOKUPS = 2_000;
const WARMUP = 300;
const BATCH = 1_000;

type Target = 'embedded' | 'mongod';

function emit(target: Target, figure: string, docs: number | undefined, value: number): void {
  const line: Record<string, unknown> = { bench: 'embedded-mongo', target, figure };
  if (docs !== undefined) line.docs = docs;
  line.value = Math.round(value * 1000) / 1000;
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function percentile(sorted: number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

async function run(target: Target, url: string): Promise<Map<number, number>> {
  const client = await MongoClient.connect(url);
  const dbName = `bench_${Date.now().toString(36)}`;
  const db = client.db(dbName);
  const p50s = new Map<number, number>();
  try {
    for (const size of SIZES) {
      const coll = db.collection(`users_${size}`);
      await coll.createIndex({ email: 1 }, { unique: true });
      const started = performance.now();
      for (let offset = 0; offset < size; offset += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, size - offset) }, (_, i) => {
          const n = offset + i;
          return {
            email: `user${n}@example.com`,
            name: `User ${n}`,
            age: n % 90,
            tags: ['a', 'b'],
            createdAt: new Date(),
          };
        });
        await coll.insertMany(batch);
      }
      const seconds = (performance.now() - started) / 1000;
      emit(target, 'insert_docs_per_s', size, size / seconds);

      const pick = (): string => `user${Math.floor(Math.random() * size)}@example.com`;
      for (let i = 0; i < WARMUP; i += 1) await coll.findOne({ email: pick() });
      const timings: number[] = [];
      for (let i = 0; i < LOOKUPS; i += 1) {
        const email = pick();
        const t0 = performance.now();
        const doc = await coll.findOne({ email });
        timings.push(performance.now() - t0);
        if (!doc) throw new Error(`lookup of ${email} found nothing`);
      }
      timings.sort((a, b) => a - b);
      const p50 = percentile(timings, 50);
      p50s.set(size, p50);
      emit(target, 'find_by_unique_p50_ms', size, p50);
      emit(target, 'find_by_unique_p99_ms', size, percentile(timings, 99));
    }
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
  return p50s;
}

async function main(): Promise<void> {
  const engine = await startEmbeddedMongo({ port: 0 });
  let p50s: Map<number, number>;
  try {
    p50s = await run('embedded', engine.url);
  } finally {
    await engine.stop();
  }
  const ratio = (p50s.get(100_000) as number) / (p50s.get(1_000) as number);
  emit('embedded', 'find_by_unique_p50_ratio_100k_vs_1k', undefined, ratio);

  const external = process.env.MONGO_URL;
  if (external) {
    const mongod = await run('mongod', external);
    emit(
      'mongod',
      'find_by_unique_p50_ratio_100k_vs_1k',
      undefined,
      (mongod.get(100_000) as number) / (mongod.get(1_000) as number),
    );
  }
  if (ratio >= 2) {
    process.stderr.write(`find-by-unique p50 ratio 100k/1k is ${ratio.toFixed(2)} (must be < 2)\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
