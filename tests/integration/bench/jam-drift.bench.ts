/*
 * Drift between two browsers in one Jam (issue 12's goal: < 50 ms p95 after convergence).
 * The whole stack on free ports (web, router, auth, songs + worker, preferences), two headless
 * Chromium contexts; the host presses play; once both play and are within 50 ms (or 15 s passed),
 * the skew between them (each position corrected by its page's clock offset) is read every 250 ms
 * for 60 s (only while both pages play: a sample with a paused page counts as invalid and fails the
 * run). One JSON line per figure, with the load average before and after.
 *
 *   npm run bench -w @groovy/integration-tests     (needs `npm run build` of web, router, services)
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import {
  launchJamChromium,
  readJamPosition,
  Stack,
  startTwoPeopleJam,
  waitUntilBothPlay,
} from '../src/testkit';

const MEASURE_MS = Number(process.env.JAM_BENCH_SECONDS ?? 60) * 1000;

function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  const line = { bench: 'jam-browser', figure, ...extra, value: Math.round(value * 10) / 10 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}

/**
 * The skew at one instant (as `jamSkewMs`), and whether it means anything: a paused element keeps
 * its position while the server clock runs, so two paused pages would read as "in sync".
 */
async function sample(a: Page, b: Page): Promise<{ skewMs: number; bothPlaying: boolean }> {
  const [ra, rb] = await Promise.all([readJamPosition(a), readJamPosition(b)]);
  return {
    skewMs: ra.localMs - ra.serverNowMs - (rb.localMs - rb.serverNowMs),
    bothPlaying: !ra.paused && !rb.paused && ra.synced && rb.synced,
  };
}

async function main() {
  emit('load_average_1m_at_start', loadavg()[0]!);
  const stack = await Stack.start({ media: true, web: true, preferences: true });
  const browser = await launchJamChromium();
  try {
    const jam = await startTwoPeopleJam(stack, browser, Math.ceil(MEASURE_MS / 1000) + 60);
    const play = jam.host.getByRole('group', { name: 'Jam controls' });
    const pressedAt = Date.now();
    await play.getByRole('button', { name: 'Play', exact: true }).click();
    await waitUntilBothPlay(jam, 0.5);
    emit('jam_play_to_both_playing_ms', Date.now() - pressedAt);

    const convergeStart = Date.now();
    while (Date.now() - convergeStart < 15_000) {
      if (Math.abs((await sample(jam.host, jam.guest)).skewMs) < 50) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    emit('jam_convergence_ms', Date.now() - convergeStart);

    const skews: number[] = [];
    let notPlaying = 0;
    const start = Date.now();
    while (Date.now() - start < MEASURE_MS) {
      const { skewMs, bothPlaying } = await sample(jam.host, jam.guest);
      if (bothPlaying) skews.push(Math.abs(skewMs));
      else notPlaying += 1;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const extra = { samples: skews.length, notPlaying, seconds: MEASURE_MS / 1000 };
    const p95 = percentile(skews, 95);
    emit('jam_browser_drift_p50_ms', percentile(skews, 50), extra);
    emit('jam_browser_drift_p95_ms', p95, { ...extra, goalMs: 50, pass: p95 < 50 });
    emit('jam_browser_drift_max_ms', Math.max(...skews), extra);
    emit('load_average_1m_at_end', loadavg()[0]!);
    // Samples with a paused page measure nothing: a run with any is not a drift figure.
    if (notPlaying > 0 || skews.length === 0) {
      console.error(`${notPlaying} samples with a page not playing: the figures are not valid`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
