import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  generateTone,
  launchChromium,
  registerListener,
  Stack,
  uploadSong,
  waitForAudio,
  waitUntilProcessed,
  type RunningWeb,
} from '../testkit';

const SEARCH = 'query S($q: String!) { search(query: $q) { songs { totalCount } } }';

/** Drops a file of `size` zero bytes on the upload form's drop zone, as a browser delivers it. */
async function dropFile(page: Page, name: string, type: string, size: number): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, fileType, bytes]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], fileName, { type: fileType }));
      return transfer;
    },
    [name, type, size] as const,
  );
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
}

// Search, discovery, the upload form's checks, the song page and the player in headless Chromium
// against the real platform (web, router, auth, songs + storage, the HLS worker, query), launched by
// the stack launcher: what web/scripts/search-check.ts and media-check.ts used to look at against
// mock servers.
describe('web: search, home rows, upload checks, song page and player (browser)', () => {
  jest.setTimeout(150_000);
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let copperId: string;
  const pageErrors: string[] = [];
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-catalogue-'));

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true });
    web = stack.web!;
    // Two READY songs by one artist, in two genres; one title holds markup, which must stay text.
    const { session } = await registerListener(stack, 'Catalogue Artist');
    const long = generateTone(12);
    const short = generateTone(3);
    const copper = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Copper Lantern',
        artistName: 'Night Ferry',
        fileName: 'a.mp3',
        contentType: 'audio/mpeg',
        genre: 'Jazz',
        tags: ['night', 'harbour'],
      },
      long.bytes,
    );
    const sunrise = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Sawtooth <b>Sunrise</b>',
        artistName: 'Night Ferry',
        fileName: 'b.mp3',
        contentType: 'audio/mpeg',
        genre: 'Ambient',
      },
      short.bytes,
    );
    copperId = copper.song.id;
    for (const id of [copper.song.id, sunrise.song.id]) {
      expect((await waitUntilProcessed(stack, id, session.accessToken)).status).toBe('READY');
    }
    // The read model is eventually consistent: wait (bounded) until both are searchable.
    for (let attempt = 0; ; attempt += 1) {
      const found = await stack.execute<{ search: { songs: { totalCount: number } } }>(SEARCH, {
        q: 'ferry',
      });
      if (found.data?.search.songs.totalCount === 2) break;
      if (attempt > 100)
        throw new Error(`both songs never became searchable: ${JSON.stringify(found)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    fs.copyFileSync(long.file, path.join(files, 'Night Drive.mp3'));
    fs.writeFileSync(path.join(files, 'notes.txt'), 'not audio');
    fs.writeFileSync(path.join(files, 'Broken Song.mp3'), Buffer.alloc(4096, 7));

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('home shows the Trending and New releases rows, and a row plays a song', async () => {
    await page.goto(`${web.url}/`);
    const releases = page.getByRole('list', { name: 'New releases' });
    await releases.getByRole('listitem').first().waitFor();
    expect(await page.getByRole('list', { name: 'Trending songs' }).count()).toBe(1);
    await releases.getByRole('button', { name: 'Play Copper Lantern' }).click();
    await waitForAudio(page, { after: 0.3, playing: true });
  });

  it('the header combobox suggests with highlights, follows the arrow keys, opens the highlighted option, and Escape/Enter behave', async () => {
    const box = page.getByRole('combobox', { name: /Search songs/ });
    await box.click();
    await box.pressSequentially('copp', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    await listbox.getByRole('option').first().waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await listbox.locator('mark').count()).toBeGreaterThan(0);
    await box.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    const chosen = await page
      .locator(`[id="${await box.getAttribute('aria-activedescendant')}"]`)
      .innerText();
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/' && url.pathname !== '/search');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    expect(chosen).toContain(heading);

    await box.fill('');
    await box.pressSequentially('lantern', { delay: 30 });
    await listbox.getByRole('option').first().waitFor();
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=lantern$/);
  });

  it('the search page highlights matches, filters by a facet in the URL, goes back with the back button, and shows markup as text', async () => {
    await page.goto(`${web.url}/search?q=ferry`);
    const songs = page.getByRole('list', { name: /Songs matching/ });
    await songs.getByRole('listitem').first().waitFor();
    const before = await songs.getByRole('listitem').count();
    expect(before).toBe(2);
    await page.getByRole('checkbox', { name: /^Jazz/ }).click();
    await page.waitForURL(/genre=Jazz/);
    await page.getByRole('checkbox', { name: /^Jazz/, checked: true }).waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.search-songs .track-row').length === 1,
    );
    expect(await songs.innerText()).toContain('Copper Lantern');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('genre='));
    await page.waitForFunction(
      () => document.querySelectorAll('.search-songs .track-row').length === 2,
    );

    await page.goto(`${web.url}/search?q=sunrise`);
    const title = page.locator('.search-songs .track-row__title').first();
    await title.waitFor();
    // Markup in a title is never rendered as markup, and shows as the artist typed it (the snippet
    // arrives entity-escaped; the web decodes it once and React escapes it again).
    expect(await title.innerText()).toBe('Sawtooth <b>Sunrise</b>');
    expect(await page.locator('.search-songs b').count()).toBe(0);
    expect(await page.locator('.search-songs mark').count()).toBeGreaterThan(0);

    await page.goto(`${web.url}/search?q=zzzzqqq`);
    await page.getByText(/Nothing matches/).waitFor();
  });

  it('the song page shows genre and tags, draws the waveform as a slider, and its keys seek; playback survives navigation', async () => {
    await page.goto(`${web.url}/songs/${copperId}`);
    await page.getByRole('heading', { name: 'Copper Lantern' }).waitFor();
    await page.getByText('#night').waitFor();
    await page.getByText('Jazz').first().waitFor();
    const slider = page.getByRole('slider', { name: 'Seek in Copper Lantern' });
    await slider.waitFor();
    expect(await page.locator('.waveform__rest rect').count()).toBeGreaterThan(50);
    await page.getByRole('button', { name: 'Play Copper Lantern' }).click();
    await waitForAudio(page, { after: 0.5, playing: true });
    await slider.focus();
    await page.keyboard.press('Home');
    await waitForAudio(page, { after: -1, before: 1.5 });
    await page.keyboard.press('ArrowRight');
    await waitForAudio(page, { after: 4.89 });

    await page.evaluate(() => {
      (document.querySelector('audio') as HTMLAudioElement & { marker?: string }).marker = 'same';
    });
    const at = await page.evaluate(() => document.querySelector('audio')!.currentTime);
    await page.locator('.media-header__meta').getByRole('link', { name: 'Night Ferry' }).click();
    await page.waitForURL('**/artists/**');
    await page.getByRole('heading', { name: 'Night Ferry' }).waitFor();
    await page.waitForFunction((t) => {
      const a = document.querySelector('audio') as (HTMLAudioElement & { marker?: string }) | null;
      return !!a && a.marker === 'same' && !a.paused && a.currentTime > t;
    }, at);
    expect(await page.locator('.player-bar__title').textContent()).toBe('Copper Lantern');
  });

  it('without native HLS (a phone), hls.js plays the stream through Media Source Extensions, and the page fits 390 px', async () => {
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phoneContext.addInitScript(() => {
      const original = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : original.call(this, type);
      };
    });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(60_000);
    phone.on('pageerror', (error) => pageErrors.push(String(error)));
    await phone.goto(`${web.url}/songs/${copperId}`);
    await phone.getByRole('button', { name: 'Play Copper Lantern' }).tap();
    await waitForAudio(phone, { after: 0.5, playing: true });
    expect(
      await phone.evaluate(() => document.querySelector('audio')!.currentSrc.startsWith('blob:')),
    ).toBe(true);
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    await phone.goto(`${web.url}/`);
    const box = phone.getByRole('combobox', { name: /Search songs/ });
    await box.tap();
    await box.pressSequentially('copp', { delay: 30 });
    await phone.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
    const popup = await phone.locator('.header-search__popup').boundingBox();
    expect(popup!.x).toBeGreaterThanOrEqual(0);
    expect(popup!.x + popup!.width).toBeLessThanOrEqual(390);
    await phone.goto(`${web.url}/search?q=ferry`);
    await phone.getByRole('list', { name: /Songs matching/ }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await phoneContext.close();
  });

  it('an unknown song shows the not-found page', async () => {
    await page.goto(`${web.url}/songs/0123456789abcdef01234567`);
    await page.getByRole('heading', { name: /This song isn.t here/ }).waitFor();
  });

  it('the upload form: sign-in first, artist prefilled, refuses no file, text and video, accepts a FLAC without MIME type, and shows FAILED with a retry', async () => {
    await page.goto(`${web.url}/upload`);
    await page.waitForURL('**/signin**');
    expect(page.url()).toContain('callbackUrl=%2Fupload');
    await page.goto(`${web.url}/signup?callbackUrl=%2Fupload`);
    await page.getByLabel('Display name').fill('Ada Uploader');
    await page.getByLabel('Email').fill(`uploader.${Date.now()}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('an uploading passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/upload');
    await page.getByRole('heading', { name: 'Upload a song' }).waitFor();
    expect(await page.getByLabel('Artist name').inputValue()).toBe('Ada Uploader');

    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.getByText('Choose an audio file to upload.').waitFor();
    await page.locator('input[type=file]').setInputFiles(path.join(files, 'notes.txt'));
    await page.getByText('“notes.txt” is not an audio file').waitFor();
    await dropFile(page, 'clip.mp4', 'video/mp4', 10);
    await page.getByText('“clip.mp4” is a video').waitFor();
    await dropFile(page, 'Dropped Song.flac', '', 2048);
    await page.waitForFunction(
      () =>
        (document.querySelector('input[name=title]') as HTMLInputElement | null)?.value ===
        'Dropped Song',
    );
    await page.locator('input[type=file]').setInputFiles(path.join(files, 'Night Drive.mp3'));
    expect(await page.getByLabel('Title').inputValue()).toBe('Night Drive');

    await page.locator('input[type=file]').setInputFiles(path.join(files, 'Broken Song.mp3'));
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.getByText('Processing failed.').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('with the router gone, home still renders with a friendly message and search says the service is unavailable', async () => {
    await stack.router.stop();
    await page.goto(`${web.url}/`);
    await page.getByText(/taking a break/).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await page.goto(`${web.url}/search?q=ferry`);
    await page.getByRole('heading', { name: 'Service unavailable' }).waitFor();
  });
});
