/**
 * Playlist benchmarks, through a preferences subgraph started in-process on a fresh database (as
 * its tests do) and called over HTTP as the router would. Prints one JSON line per figure:
 *  1. addToPlaylist throughput: 500-song batches into one playlist up to 10,000 items (songs/s),
 *     and single-song adds into a 1,000-item playlist (p50/p99 ms);
 *  2. movePlaylistItem on a 1,000-item playlist: sequential p50/p99, and a burst of concurrent
 *     moves (wall time, moves/s; the order is checked afterwards);
 *  3. a 10,000-item playlist's first page (100 items) and a page near its end, p50/p99.
 *
 * Run: npm run bench -w @groovy/subgraph-preferences (BENCH_PLAYLIST_SAMPLES=50 by default).
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PreferencesTestServer, newId } from '../src/__tests__/preferences-test-server';
import { ADD, ITEMS, MOVE, PlaylistWorld } from '../src/playlist/__tests__/playlist-fixtures';

const SAMPLES = Number(process.env.BENCH_PLAYLIST_SAMPLES ?? 50);
const CONCURRENT_MOVES = Number(process.env.BENCH_PLAYLIST_CONCURRENT_MOVES ?? 50);

function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  // The machine's 1-minute load rides along: these figures move with it on a shared machine.
  const line = {
    bench: 'preferences-playlists',
    figure,
    ...extra,
    load1: Math.round(loadavg()[0]! * 10) / 10,
    value: Math.round(value * 1000) / 1000,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function percentile(timings: readonly number[], p: number): number {
  const sorted = [...timings].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

interface Page {
  playlist: {
    items: { edges: Array<{ node: { id: string } }>; pageInfo: { endCursor: string | null } };
  };
}

async function main(): Promise<void> {
  // Measures moves and adds, not the per-user limits on them.
  const server = await PreferencesTestServer.start({
    PLAYLIST_MOVES_PER_MINUTE: '1000000',
    PLAYLIST_ADDS_PER_MINUTE: '1000000',
  });
  const world = new PlaylistWorld(server);
  try {
    const owner = newId('user');
    const songs = await world.readySongs(10);
    const batch = Array.from({ length: 500 }, (_, index) => songs[index % songs.length]!);

    // 1. Batches up to the limit.
    const big = await world.playlist(owner, { name: 'Ten thousand' });
    const batchTimes: number[] = [];
    for (let call = 0; call < 20; call++) {
      batchTimes.push(
        await timed(() => server.ok(ADD, { playlistId: big, songIds: batch }, owner)),
      );
    }
    const totalSeconds = batchTimes.reduce((sum, t) => sum + t, 0) / 1000;
    emit('add_batch_of_500_songs_per_s', 10_000 / totalSeconds, { items: 10_000 });
    emit('add_batch_of_500_p50_ms', percentile(batchTimes, 50), { items: '0..10000' });
    emit('add_batch_of_500_last_ms', batchTimes.at(-1)!, { items: 10_000 });

    const medium = await world.playlist(owner, { name: 'One thousand' });
    for (let call = 0; call < 2; call++) {
      await server.ok(ADD, { playlistId: medium, songIds: batch }, owner);
    }
    const singleAdds: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      singleAdds.push(
        await timed(() =>
          server.ok(ADD, { playlistId: medium, songIds: [songs[i % songs.length]] }, owner),
        ),
      );
    }
    emit('add_one_song_p50_ms', percentile(singleAdds, 50), { items: 1_000 });
    emit('add_one_song_p99_ms', percentile(singleAdds, 99), { items: 1_000 });

    // 2. Moves.
    const itemIds = (await world.allItems(medium, owner, 500)).map((item) => item.id);
    const moves: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const itemId = itemIds[(i * 37) % itemIds.length]!;
      const toPosition = (i * 101) % itemIds.length;
      moves.push(
        await timed(() => server.ok(MOVE, { playlistId: medium, itemId, toPosition }, owner)),
      );
    }
    emit('move_p50_ms', percentile(moves, 50), { items: itemIds.length });
    emit('move_p99_ms', percentile(moves, 99), { items: itemIds.length });

    const burst = await timed(() =>
      Promise.all(
        Array.from({ length: CONCURRENT_MOVES }, (_, i) =>
          server.ok(
            MOVE,
            {
              playlistId: medium,
              itemId: itemIds[i]!,
              toPosition: i % 2 === 0 ? 0 : itemIds.length - 1,
            },
            owner,
          ),
        ),
      ),
    );
    emit('concurrent_moves_wall_ms', burst, { moves: CONCURRENT_MOVES, items: itemIds.length });
    emit('concurrent_moves_per_s', CONCURRENT_MOVES / (burst / 1000), { moves: CONCURRENT_MOVES });
    const after = await world.allItems(medium, owner, 500);
    const consistent =
      after.length === itemIds.length &&
      new Set(after.map((item) => item.id)).size === itemIds.length &&
      after.every((item, index) => item.position === index);
    emit('concurrent_moves_order_consistent', consistent ? 1 : 0);

    // 3. Pages of the 10,000-item playlist.
    const firstPages: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      firstPages.push(await timed(() => server.ok(ITEMS, { id: big, first: 100 }, owner)));
    }
    emit('first_page_100_of_10000_p50_ms', percentile(firstPages, 50));
    emit('first_page_100_of_10000_p99_ms', percentile(firstPages, 99));
    let cursor: string | null = null;
    const toNearEnd: Page = await server.ok(ITEMS, { id: big, first: 500 }, owner);
    cursor = toNearEnd.playlist.items.pageInfo.endCursor;
    for (let page = 0; page < 18; page++) {
      const next: Page = await server.ok(ITEMS, { id: big, first: 500, after: cursor }, owner);
      cursor = next.playlist.items.pageInfo.endCursor;
    }
    const lastPages: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      lastPages.push(
        await timed(() => server.ok(ITEMS, { id: big, first: 100, after: cursor }, owner)),
      );
    }
    emit('page_100_after_9500_of_10000_p50_ms', percentile(lastPages, 50));
    emit('page_100_after_9500_of_10000_p99_ms', percentile(lastPages, 99));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
