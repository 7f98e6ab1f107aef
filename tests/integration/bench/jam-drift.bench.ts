/*
 * Drift between two browsers in one Jam (issue 12's goal: < 50 ms p95 after convergence).
 * The whole stack on free ports (web, router, auth, songs + worker, preferences), two headless
 * Chromium contexts; the host presses play; once both play and are within 50 ms (or 15 s passed),
 * the skew between them (each position corrected by its page's clock offset) is read every 250 ms
 * for 60 s. One JSON line per figure.
 *
 *   npm run bench -w @groovy/integration-tests     (needs `npm run build` of web, router, services)
 */
import {
  jamSkewMs,
  launchJamChromium,
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

async function main() {
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
      if (Math.abs(await jamSkewMs(jam.host, jam.guest)) < 50) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    emit('jam_convergence_ms', Date.now() - convergeStart);

    const skews: number[] = [];
    const start = Date.now();
    while (Date.now() - start < MEASURE_MS) {
      skews.push(Math.abs(await jamSkewMs(jam.host, jam.guest)));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const extra = { samples: skews.length, seconds: MEASURE_MS / 1000 };
    emit('jam_browser_drift_p50_ms', percentile(skews, 50), extra);
    emit('jam_browser_drift_p95_ms', percentile(skews, 95), { ...extra, goalMs: 50 });
    emit('jam_browser_drift_max_ms', Math.max(...skews), extra);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
