/**
 * Upload and playback in headless Chromium against scripts/mock-router.ts with its songs slice (fake
 * storage origin with CORS, real ffmpeg making HLS), NOT the real backend: file checks, the upload
 * progress bar to 100 %, PROCESSING → READY, the song page (play, waveform click and keys), playback
 * surviving navigation, artist "load more", album "play all" / next / previous, cancel, FAILED with
 * its reason, not-found, and screenshots at desktop and mobile widths.
 *
 *   GRAPHQL_URL=http://127.0.0.1:4999/graphql NEXTAUTH_SECRET=... npm run start   (or npm run dev)
 *   npm run check:media -- [baseUrl] [outDir]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { startMockRouter } from './mock-router';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = process.argv[3] ?? '/tmp/groovy-web-screens';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let failures = 0;
function check(condition: boolean, what: string) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures += 1;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage });
  console.log(`     screenshot ${outDir}/${name}.png`);
}
const audioState = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector('audio');
    return {
      currentTime: audio?.currentTime ?? -1,
      paused: audio?.paused ?? true,
      duration: audio?.duration ?? 0,
      marker: (audio as (HTMLAudioElement & { groovyMarker?: string }) | null)?.groovyMarker,
    };
  });
async function waitForAudio(page: Page, predicate: string, timeout = 15_000) {
  await page.waitForFunction(
    `(() => { const a = document.querySelector('audio'); return !!a && (${predicate}); })()`,
    undefined,
    { timeout },
  );
}

/** A test tone whose loudness swells (so the waveform has a shape), as WAV. */
function makeTone(file: string, seconds: number) {
  execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=0.8*sin(523*2*PI*t)*(0.15+0.85*abs(sin(0.3*PI*t)))*(0.7+0.3*sin(5*PI*t)):s=44100:d=${seconds}`,
    '-ac',
    '2',
    file,
  ]);
}

async function signUp(page: Page, name: string) {
  await page.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
  await page.getByLabel('Display name').fill(name);
  await page
    .getByLabel('Email')
    .fill(`${name.toLowerCase().replace(/\W/g, '')}.${Date.now()}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/account', { timeout: 20_000 });
}

let lastPage: Page | undefined;

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-media-check-'));
  const tone = path.join(tmp, '02 - Night_Drive.wav');
  const longTone = path.join(tmp, 'long take.wav');
  const broken = path.join(tmp, 'broken.mp3');
  const notes = path.join(tmp, 'notes.txt');
  // 90 s of 16-bit stereo WAV ≈ 16 MB: at the mock's 2.5 MB/s the PUT lasts a few seconds even
  // though loopback socket buffers swallow several MB at once.
  makeTone(tone, 90);
  makeTone(longTone, 120);
  fs.writeFileSync(broken, Buffer.alloc(64 * 1024, 7));
  fs.writeFileSync(notes, 'not music');

  const mock = await startMockRouter(4999, 900, {
    songs: { uploadBytesPerSecond: 1.5 * 1024 * 1024 },
  });
  const songs = mock.songs!;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(90_000); // `npm run dev` compiles a page on its first visit
    const page = await context.newPage();
    lastPage = page;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        pageErrors.push(m.text());
    });

    // Signed out: /upload redirects to sign-in.
    await page.goto(`${baseUrl}/upload`, { waitUntil: 'networkidle' });
    check(
      page.url().includes('/signin?callbackUrl=%2Fupload'),
      `/upload signed out → sign-in (${page.url()})`,
    );

    await signUp(page, 'Ada Lovelace');
    await page.goto(`${baseUrl}/upload`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Upload a song' }).waitFor();
    check(
      (await page.getByLabel('Artist name').inputValue()) === 'Ada Lovelace',
      'artist name is prefilled with the display name',
    );
    await shot(page, 'media-desktop-upload-empty');

    // Client-side checks: no file, wrong type (picked and dropped).
    await page.getByRole('button', { name: 'Upload song' }).click();
    check(
      await page.getByText('Choose an audio file to upload.').isVisible(),
      'submitting without a file says so',
    );
    await page.locator('input[type=file]').setInputFiles(notes);
    check(
      await page.getByText('“notes.txt” is not an audio file').isVisible(),
      'a text file is refused with a clear message',
    );
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(10)], 'clip.mp4', { type: 'video/mp4' }));
      return dt;
    });
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
    check(await page.getByText('“clip.mp4” is a video').isVisible(), 'a dropped video is refused');
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      const bytes = new Uint8Array(2048);
      dt.items.add(new File([bytes], 'Dropped Song.flac', { type: '' }));
      return dt;
    });
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    check(
      (await page.getByLabel('Title').inputValue()) === 'Dropped Song',
      'dropping a FLAC (no MIME type) accepts it and prefills the title',
    );

    // The real upload: progress to 100 %, PROCESSING, READY.
    await page.locator('input[type=file]').setInputFiles(tone);
    check(
      (await page.getByLabel('Title').inputValue()) === 'Night Drive',
      'choosing a file replaces the title guessed from the previous one',
    );
    await page.getByLabel('Genre').fill('Synthwave');
    await page.getByLabel('Tags').fill('night, drive, night');
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { groovyProgress: number[] }).groovyProgress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role=progressbar]');
        const value = Number(bar?.getAttribute('aria-valuenow'));
        if (bar && seen[seen.length - 1] !== value) seen.push(value);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.waitForFunction(
      () => {
        const v = Number(
          document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'),
        );
        return v > 0 && v < 100;
      },
      undefined,
      { polling: 'raf' },
    );
    await shot(page, 'media-desktop-upload-progress');
    await page.getByText(/Processing: making the stream/).waitFor({ timeout: 20_000 });
    const processingId = new URL(page.url()).pathname; // still /upload
    check(processingId === '/upload', 'status moves to PROCESSING (spinner)');
    await shot(page, 'media-desktop-upload-processing');
    // Meanwhile the song page says it is processing, then turns into the player by itself.
    const early = await context.newPage();
    await early.goto(`${baseUrl}/songs/${songs.lastUploadId()}`, { waitUntil: 'networkidle' });
    check(
      await early.getByText(/Getting this song ready to stream/).isVisible(),
      'the song page of a PROCESSING song says so',
    );
    await shot(early, 'media-desktop-song-processing');
    await early.getByRole('button', { name: 'Play Night Drive' }).waitFor({ timeout: 30_000 });
    check(true, 'and shows the player once READY, without a reload');
    await early.close();
    await page.getByText('Ready to play.').waitFor({ timeout: 30_000 });
    const progress = await page.evaluate(
      () => (window as unknown as { groovyProgress: number[] }).groovyProgress,
    );
    check(
      progress[progress.length - 1] === 100 &&
        progress.filter((v) => v > 0 && v < 100).length >= 3 &&
        progress.every((v, i) => i === 0 || v >= progress[i - 1]!),
      `progress bar rises to 100 % (${progress.join(' ')})`,
    );
    check(songs.stats.uploads === 1, 'the storage origin received the PUT with the signed headers');
    await shot(page, 'media-desktop-upload-ready');

    // Song page.
    await page.getByRole('link', { name: 'Play' }).click();
    await page.waitForURL('**/songs/**');
    await page.getByRole('heading', { name: 'Night Drive' }).waitFor();
    const songUrl = page.url();
    check(
      await page.getByRole('link', { name: 'Ada Lovelace' }).first().isVisible(),
      'song page links the artist',
    );
    check(await page.getByText('#night').isVisible(), 'song page shows genre and tags');
    const slider = page.getByRole('slider', { name: 'Seek in Night Drive' });
    check(await slider.isVisible(), 'the waveform is a slider');
    check(
      (await page.locator('.waveform__rest rect').count()) > 50,
      `waveform bars drawn (${await page.locator('.waveform__rest rect').count()})`,
    );
    await page.getByRole('button', { name: 'Play Night Drive' }).click();
    await waitForAudio(page, 'a.currentTime > 0.8 && !a.paused');
    const native = await page.evaluate(() =>
      document.querySelector('audio')!.canPlayType('application/vnd.apple.mpegurl'),
    );
    console.log(
      `     playback via ${native ? `native HLS (canPlayType "${native}")` : 'hls.js (MSE)'}`,
    );
    check(true, 'play → audio.currentTime advances');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 3);
    await waitForAudio(page, 'a.currentTime > 66 && a.currentTime < 70', 5000).catch(
      () => undefined,
    );
    const afterClick = await audioState(page);
    check(
      afterClick.currentTime > 66 && afterClick.currentTime < 70,
      `click at 75 % of the 90 s waveform seeks to ~67.5 s (${afterClick.currentTime.toFixed(2)} s)`,
    );
    check(Number(await slider.getAttribute('aria-valuenow')) >= 67, 'slider aria-valuenow follows');
    await slider.focus();
    await page.keyboard.press('Home');
    await waitForAudio(page, 'a.currentTime < 1.5', 5000).catch(() => undefined);
    check((await audioState(page)).currentTime < 1.5, 'Home key seeks to the start');
    await page.keyboard.press('ArrowRight');
    await waitForAudio(page, 'a.currentTime >= 4.9', 5000).catch(() => undefined);
    check((await audioState(page)).currentTime >= 4.9, 'ArrowRight seeks 5 s forward');
    await sleep(600);
    await shot(page, 'media-desktop-song-playing');

    // Navigation keeps playing: same <audio> element, time still advancing.
    await page.evaluate(() => {
      (
        document.querySelector('audio') as HTMLAudioElement & { groovyMarker?: string }
      ).groovyMarker = 'same';
    });
    const before = await audioState(page);
    await page.locator('.media-header__meta').getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.waitForURL('**/artists/**');
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    await sleep(1200);
    const after = await audioState(page);
    check(
      after.marker === 'same' && !after.paused && after.currentTime > before.currentTime,
      `audio keeps playing across navigation (${before.currentTime.toFixed(1)} s → ${after.currentTime.toFixed(1)} s)`,
    );
    check(
      (await page.locator('.player-bar__title').textContent()) === 'Night Drive',
      'the player bar shows the song on the artist page',
    );
    await shot(page, 'media-desktop-artist-uploader');

    // Seeded artist: 26 songs, first page 20, "load more".
    await page.goto(`${baseUrl}/artists/${songs.ids.artistId}`, { waitUntil: 'networkidle' });
    check(
      (await page.locator('.track-row').count()) === 20,
      'artist page shows the first 20 songs',
    );
    await page.getByRole('button', { name: /Load more/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.track-row').length === 26);
    check(
      (await page.getByRole('button', { name: /Load more/ }).count()) === 0,
      '"Load more" adds the rest and disappears',
    );
    await shot(page, 'media-desktop-artist');

    // Album: play all, next, previous.
    await page.goto(`${baseUrl}/albums/${songs.ids.albumId}`, { waitUntil: 'networkidle' });
    const audioAfterReload = await audioState(page);
    check(
      audioAfterReload.currentTime === 0,
      '(a full page load starts a fresh player, as expected)',
    );
    await page.getByRole('button', { name: 'Play all' }).click();
    await waitForAudio(page, 'a.currentTime > 0.3 && !a.paused');
    check(
      (await page.locator('.player-bar__title').textContent()) === 'Low A',
      '"Play all" starts with track 1',
    );
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('.player-bar__title')?.textContent === 'Fifth Above',
    );
    await waitForAudio(page, 'a.currentTime > 0.3 && !a.paused');
    check(true, 'Next plays track 2');
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('.player-bar__title')?.textContent === 'Low A',
    );
    check(true, 'Previous (within 3 s) goes back to track 1');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitForAudio(page, 'a.paused');
    check(true, 'the bar pauses');
    await shot(page, 'media-desktop-album');

    // Cancel an upload.
    await page.goto(`${baseUrl}/upload`, { waitUntil: 'networkidle' });
    await page.locator('input[type=file]').setInputFiles(longTone);
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) >= 5,
    );
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await page.getByText(/Upload cancelled/).waitFor();
    await sleep(500);
    check(
      songs.stats.deletedSongs === 1 && songs.stats.uploads === 1,
      `cancel aborts the PUT and deletes the pending song (deleted ${songs.stats.deletedSongs})`,
    );
    check(
      (await page.getByLabel('Title').inputValue()) === 'long take',
      'the form keeps the details after cancelling',
    );

    // A file that is not really audio: FAILED with the reason, "Try again".
    await page.locator('input[type=file]').setInputFiles(broken);
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.getByText('Processing failed.').waitFor({ timeout: 20_000 });
    check(
      await page.getByText(/could not read this file as audio/).isVisible(),
      'FAILED shows the reason',
    );
    check(
      await page.getByRole('button', { name: 'Try again' }).isVisible(),
      'FAILED offers "Try again"',
    );
    await shot(page, 'media-desktop-upload-failed');

    // Server-side field errors land inline.
    await page.getByRole('button', { name: 'Change file or details' }).click();
    await page.locator('input[type=file]').setInputFiles(tone);
    await page.getByLabel('Title').fill('reject');
    await page.getByRole('button', { name: 'Upload song' }).click();
    await page.getByText('This title is reserved').waitFor();
    check(
      (await page.getByLabel('Title').getAttribute('aria-invalid')) === 'true',
      'a BAD_USER_INPUT on input.title is shown under the title field',
    );

    // Not found.
    // (The status is 200, not 404: loading.tsx makes the page stream before notFound() runs.)
    await page.goto(`${baseUrl}/songs/no-such-song`, { waitUntil: 'networkidle' });
    check(
      await page.getByRole('heading', { name: /This song isn.t here/ }).isVisible(),
      'an unknown song shows the song not-found page',
    );

    // Mobile widths.
    const mobile = await browser.newContext({
      viewport: { width: 390, height: 844 },
      storageState: await context.storageState(),
      isMobile: true,
      hasTouch: true,
    });
    // This Chromium plays HLS natively; on the phone pretend it does not, so hls.js (MSE) is used.
    await mobile.addInitScript(() => {
      const original = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : original.call(this, type);
      };
    });
    const m = await mobile.newPage();
    m.on('pageerror', (e) => pageErrors.push(String(e)));
    await m.goto(songUrl, { waitUntil: 'networkidle' });
    await m.getByRole('button', { name: 'Play Night Drive' }).tap();
    await waitForAudio(m, 'a.currentTime > 0.5 && !a.paused');
    check(
      await m.evaluate(() => document.querySelector('audio')!.currentSrc.startsWith('blob:')),
      'without native HLS, hls.js plays the stream through Media Source Extensions',
    );
    const mbox = (await m.locator('.waveform').boundingBox())!;
    await m.touchscreen.tap(mbox.x + mbox.width * 0.5, mbox.y + mbox.height / 3);
    await waitForAudio(m, 'a.currentTime > 44 && a.currentTime < 48 && !a.paused', 10_000).catch(
      () => undefined,
    );
    const mState = await audioState(m);
    check(
      mState.currentTime > 44 && mState.currentTime < 48,
      `hls.js: tapping the middle of the waveform seeks to ~45 s (${mState.currentTime.toFixed(1)} s)`,
    );
    await sleep(800);
    await shot(m, 'media-mobile-song-playing', false);
    await m.goto(`${baseUrl}/albums/${songs.ids.albumId}`, { waitUntil: 'networkidle' });
    await shot(m, 'media-mobile-album');
    await m.goto(`${baseUrl}/upload`, { waitUntil: 'networkidle' });
    await m.locator('input[type=file]').setInputFiles(tone);
    await shot(m, 'media-mobile-upload');
    const overflow = await m.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    check(!overflow, 'no horizontal scrolling on a 390 px screen');
    await mobile.close();

    check(
      pageErrors.length === 0,
      `no page or console errors (${pageErrors.join(' / ') || 'none'})`,
    );
    await context.close();
  } catch (error) {
    // Leave a picture of where it stopped.
    if (lastPage) await shot(lastPage, 'media-error').catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await mock.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    failures === 0 ? '\nAll media checks passed.' : `\n${failures} media check(s) failed.`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
