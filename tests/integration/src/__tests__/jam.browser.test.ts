import type { Browser, Page } from 'playwright-core';
import {
  jamSkewMs,
  launchJamChromium,
  Stack,
  startTwoPeopleJam,
  waitForAudio,
  type TwoPeopleJam,
} from '../testkit';

// Two headless Chromium contexts on one Jam, every process real: web, router (graphql-ws),
// auth, songs + storage + HLS worker, preferences (the Jam). The guest joins by the share link,
// the host presses play and seeks; the guest's audio follows and both agree on the position.
describe('web: a Jam played in sync by two browsers', () => {
  let stack: Stack;
  let browser: Browser;
  let jam: TwoPeopleJam;

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true, preferences: true });
    browser = await launchJamChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const controls = (page: Page) => page.getByRole('group', { name: 'Jam controls' });

  it('joins by link, plays the same song on both, follows a seek, and agrees within 100 ms after 10 s', async () => {
    jam = await startTwoPeopleJam(stack, browser, 60);
    const { host, guest } = jam;

    // Both see the same queue (who added it) and each other.
    for (const page of [host, guest]) {
      await page.getByText('added by Jam Host').waitFor();
      await page
        .getByRole('region', { name: /Listening/ })
        .getByText('Jam Guest')
        .waitFor();
    }
    // A guest has no controls until the host allows it.
    await guest.getByText('The host controls playback.').waitFor();

    await controls(host).getByRole('button', { name: 'Play', exact: true }).click();
    await waitForAudio(host, { after: 1, playing: true }, 60_000);
    await waitForAudio(guest, { after: 1, playing: true }, 60_000);
    for (const page of [host, guest]) await page.getByText('Jam Tone — Jam Band').first().waitFor();

    // The host seeks to 30 s: the guest's element moves there too.
    const position = controls(host).getByRole('slider');
    await position.fill('30000');
    await position.blur();
    await waitForAudio(guest, { after: 29.5, before: 45, playing: true }, 30_000);
    await waitForAudio(host, { after: 29.5, before: 45, playing: true }, 30_000);

    // 10 s of playback after the seek…
    await Promise.all([
      waitForAudio(host, { after: 40, playing: true }, 60_000),
      waitForAudio(guest, { after: 40, playing: true }, 60_000),
    ]);
    // …then the positions, each corrected by its page's clock offset, agree within 100 ms.
    // Measured until they do (bounded): drift correction converges, it does not jump.
    const skews: number[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const skew = await jamSkewMs(host, guest);
      skews.push(skew);
      if (Math.abs(skew) < 100) break;
      await host.waitForTimeout(100); // between two measurements (no event for a cross-page condition)
    }
    expect(Math.abs(skews[skews.length - 1]!)).toBeLessThan(100);
    const [hostAudio, guestAudio] = await Promise.all(
      [host, guest].map((page) =>
        page.evaluate(() => ({ paused: document.querySelector('audio')!.paused })),
      ),
    );
    expect(hostAudio!.paused).toBe(false);
    expect(guestAudio!.paused).toBe(false);
  }, 420_000);
});
