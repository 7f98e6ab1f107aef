import type { Browser } from 'playwright-core';
import { generateTone, launchChromium, Stack, waitForAudio, type RunningWeb } from '../testkit';

// End to end in headless Chromium with every process real: web, router, auth, songs + local
// storage, the HLS worker. The file goes from the browser straight to storage.
describe('web: upload a song, watch it become READY, play it and seek (browser)', () => {
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

  it('uploads a generated 10-second file with a progress bar, plays it, and seeks by clicking the waveform', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const tone = generateTone(10);

    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Display name').fill('Browser Artist');
    await page.getByLabel('Email').fill(`artist.${Date.now()}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('an uploading passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account');

    await page.goto(`${web.url}/upload`);
    await page.getByRole('heading', { name: 'Upload a song' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(tone.file);
    await page.getByLabel('Title').fill('Browser Tone');
    await page.getByLabel('Artist name').fill('Browser Artist');
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const value = Number(
          document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'),
        );
        if (!Number.isNaN(value) && seen[seen.length - 1] !== value) seen.push(value);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.getByText('Ready to play.').waitFor({ timeout: 90_000 });
    const progress = await page.evaluate(
      () => (window as unknown as { progressSeen: number[] }).progressSeen,
    );
    expect(progress[progress.length - 1]).toBe(100);
    expect(progress.every((value, i) => i === 0 || value >= progress[i - 1]!)).toBe(true);

    await page.getByRole('link', { name: 'Play' }).click();
    await page.waitForURL('**/songs/**');
    await page.getByRole('heading', { name: 'Browser Tone' }).waitFor();
    await page.getByRole('button', { name: 'Play Browser Tone' }).click();
    await waitForAudio(page, { after: 0.5, playing: true });

    const slider = page.getByRole('slider', { name: 'Seek in Browser Tone' });
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await waitForAudio(page, { after: 6.5, before: 9.5 }, 15_000);
    const position = await page.evaluate(() => document.querySelector('audio')!.currentTime);
    expect(position).toBeGreaterThan(6.5);
    expect(position).toBeLessThan(9.5);
  });
});
