import type { Browser } from 'playwright-core';
import {
  generateTone,
  launchChromium,
  registerListener,
  Stack,
  uploadSong,
  waitUntilProcessed,
  type RunningWeb,
} from '../testkit';

// End to end in headless Chromium with every process real, search included: two songs go READY
// through the worker, their events reach the query subgraph over the bus, and a misspelt search
// in the web app finds the right one first.
describe('web: search with a typo finds the right song first and opens it (browser)', () => {
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true });
    web = stack.web!;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('uploads two songs, searches "coppr lantern", and opens Copper Lantern', async () => {
    const { session } = await registerListener(stack, 'Two Song Artist');
    const tone = generateTone(3);
    const wanted = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Copper Lantern',
        artistName: 'Night Ferry',
        fileName: 'a.mp3',
        contentType: 'audio/mpeg',
      },
      tone.bytes,
    );
    const other = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Paper Lanterns Burning',
        artistName: 'Day Ferry',
        fileName: 'b.mp3',
        contentType: 'audio/mpeg',
      },
      tone.bytes,
    );
    expect((await waitUntilProcessed(stack, wanted.song.id, session.accessToken)).status).toBe(
      'READY',
    );
    expect((await waitUntilProcessed(stack, other.song.id, session.accessToken)).status).toBe(
      'READY',
    );

    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    // The read model is eventually consistent: retry the search page (bounded) until it has results.
    let found = false;
    for (let attempt = 0; attempt < 30 && !found; attempt += 1) {
      await page.goto(`${web.url}/`);
      const box = page.getByRole('combobox', { name: 'Search songs, artists and albums' });
      await box.fill('coppr lantern');
      await box.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      found = (await page.locator('.search-songs .track-row').count()) > 0;
      if (!found) await page.waitForTimeout(300);
    }
    expect(found).toBe(true);
    const first = page.locator('.search-songs .track-row').first();
    await expect(first.locator('.track-row__title').textContent()).resolves.toContain(
      'Copper Lantern',
    );
    // The result's play button plays it (and its label turns to Pause), then pauses it again.
    await first.getByRole('button', { name: 'Play Copper Lantern' }).click();
    await first.getByRole('button', { name: 'Pause Copper Lantern' }).waitFor();
    await page.waitForFunction(() => {
      const audio = document.querySelector('audio');
      return !!audio && audio.currentTime > 0.2;
    });
    await first.getByRole('button', { name: 'Pause Copper Lantern' }).click();
    await first.getByRole('button', { name: 'Play Copper Lantern' }).waitFor();
    await first.locator('.track-row__title').click();
    await page.waitForURL(`**/songs/${wanted.song.id}`);
    await page.getByRole('heading', { name: 'Copper Lantern' }).waitFor();
  }, 150_000);
});
