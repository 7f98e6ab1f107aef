import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  addComment,
  generateTone,
  launchChromium,
  registerListener,
  Stack,
  uploadSong,
  waitForCommentableSong,
  waitUntilProcessed,
  type RunningWeb,
} from '../testkit';
import {
  recordCspViolations,
  seriousAccessibilityViolations,
  type AccessibilityViolation,
} from '../browser-audit';

const SONG_TITLE = 'Harbor Lights at Dawn';
const ARTIST_NAME = 'The Harbor Lights Collective';

// Every page of the built web app in headless Chromium, against the real stack with a READY song on
// an album: the security headers, no Content-Security-Policy violation anywhere (playback through
// hls.js included), no serious or critical axe-core (WCAG 2.1 AA) finding, visible keyboard focus on
// text inputs, and a signed-in header that fits on one line on desktops.
describe('web: security headers, CSP and accessibility on every page (browser)', () => {
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;
  let listener: { email: string; password: string };
  let ids: { song: string; album: string; artist: string; playlist: string; user: string };
  /** A live Jam the listener hosts, with the song queued: its room and its join link are audited. */
  let jam: { id: string; code: string };

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true });
    web = stack.web!;
    browser = await launchChromium();

    const registered = await registerListener(stack, ARTIST_NAME);
    listener = registered;
    const token = registered.session.accessToken;
    const album = await stack.execute<{ createAlbum: { id: string } }>(
      'mutation Album($input: CreateAlbumInput!) { createAlbum(input: $input) { id } }',
      { input: { title: 'Night Harbour', artistName: ARTIST_NAME } },
      { token },
    );
    if (!album.data) throw new Error(`createAlbum failed: ${JSON.stringify(album.errors)}`);
    const tone = generateTone(6);
    // uploadSong passes its input through as requestSongUpload's: the song goes onto the album.
    const input = {
      title: SONG_TITLE,
      artistName: ARTIST_NAME,
      albumId: album.data.createAlbum.id,
      fileName: 'dawn.mp3',
      contentType: 'audio/mpeg',
      genre: 'Ambient',
    };
    const upload = await uploadSong(stack, token, input, tone.bytes);
    expect((await waitUntilProcessed(stack, upload.song.id, token)).status).toBe('READY');
    const song = await stack.execute<{ song: { artist: { id: string } } }>(
      'query S($id: ID!) { song(id: $id) { artist { id } } }',
      { id: upload.song.id },
      { token },
    );
    // A public playlist with the song (preferences): its page is audited too.
    const playlist = await stack.execute<{ createPlaylist: { id: string } }>(
      'mutation P($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id } }',
      { input: { name: 'Harbour Evenings', visibility: 'PUBLIC' } },
      { token },
    );
    if (!playlist.data)
      throw new Error(`createPlaylist failed: ${JSON.stringify(playlist.errors)}`);
    const added = await stack.execute(
      'mutation A($id: ID!, $songs: [ID!]!) { addToPlaylist(playlistId: $id, songIds: $songs) { id } }',
      { id: playlist.data.createPlaylist.id, songs: [upload.song.id] },
      { token },
    );
    if (added.errors) throw new Error(`addToPlaylist failed: ${JSON.stringify(added.errors)}`);
    ids = {
      song: upload.song.id,
      album: album.data.createAlbum.id,
      artist: song.data!.song.artist.id,
      playlist: playlist.data.createPlaylist.id,
      user: registered.session.user.id,
    };
    const started = await stack.execute<{ startJam: { id: string; code: string } }>(
      'mutation J($songs: [ID!]) { startJam(songIds: $songs) { id code } }',
      { songs: [upload.song.id] },
      { token },
    );
    if (!started.data) throw new Error(`startJam failed: ${JSON.stringify(started.errors)}`);
    jam = started.data.startJam;
    // The song and album pages are audited with a conversation: a timed comment (a marker on the
    // waveform), a reply, a link, and a comment on the album.
    await waitForCommentableSong(stack, token, ids.song);
    const first = await addComment(stack, token, {
      targetType: 'SONG',
      targetId: ids.song,
      body: 'The harbour bell at two seconds: https://example.com/bell',
      atMs: 2000,
    });
    await addComment(stack, token, {
      targetType: 'SONG',
      targetId: ids.song,
      body: 'And the gulls right after.',
      parentId: first,
    });
    await addComment(stack, token, {
      targetType: 'ALBUM',
      targetId: ids.album,
      body: 'A whole night at the harbour.',
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /**
   * Every page under web/src/app (signed out, /upload, /account, /library, /notifications and the
   * Jam pages answer with the sign-in page; /moderation says it is for moderators, signed out and
   * signed in). Signed in, the Jam's join link leads the host into the room (joining your own Jam
   * opens it), and an unknown code shows the join page's error.
   */
  const pages = () => [
    '/',
    `/search?q=${encodeURIComponent('harbor')}`,
    `/songs/${ids.song}`,
    `/albums/${ids.album}`,
    `/artists/${ids.artist}`,
    `/playlists/${ids.playlist}`,
    // The uploader's public profile: another's signed out, your own signed in.
    `/users/${ids.user}`,
    '/library',
    '/notifications',
    '/moderation',
    '/upload',
    '/account',
    '/signin',
    '/signup',
    `/jam/${jam.id}`,
    `/jam/join/${jam.code}`,
    '/jam/join/NOSUCH',
    '/no-such-page',
  ];

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${web.url}${path}`, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor();
    // Song and album pages: audit them with their conversation loaded (and the song's markers).
    if (path === `/songs/${ids.song}` || path === `/albums/${ids.album}`) {
      await page.locator('.comment__body').first().waitFor();
      if (path.startsWith('/songs/')) await page.locator('.waveform-marker').first().waitFor();
    }
    if (path.startsWith('/jam/') && !new URL(page.url()).pathname.startsWith('/signin')) {
      if (path === '/jam/join/NOSUCH') await page.locator('main [role="alert"]').waitFor();
      else {
        // The room connected (its live state over the router's WebSocket), queue included.
        await page.waitForURL(`**/jam/${jam.id}`);
        await page.getByRole('heading', { name: /^Jam with / }).waitFor();
        await page.getByText(`added by ${ARTIST_NAME}`).first().waitFor();
      }
    }
  }

  /**
   * Visits every path of `pages()` with `concurrency` pages of `context` at once (each page reused
   * from one path to the next) and returns axe-core's serious and critical findings.
   */
  async function audit(context: BrowserContext, concurrency: number) {
    const queue = [...pages()];
    const found: AccessibilityViolation[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const page = await context.newPage();
        page.setDefaultTimeout(60_000);
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          await visit(page, path);
          // Injected by the test harness (DevTools), which the page's CSP does not govern.
          found.push(...(await seriousAccessibilityViolations(page)));
        }
        await page.close();
      }),
    );
    return found;
  }

  /** A fresh context that records CSP violations and, like most browsers, has no native HLS. */
  async function auditedContext() {
    const context = await browser.newContext();
    const violations = await recordCspViolations(context);
    // As a browser without native HLS (Firefox, most Chromium builds): hls.js over Media Source
    // Extensions, with its blob: worker, is what must work under the policy.
    await context.addInitScript(() => {
      const canPlayType = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
      };
    });
    return { context, violations };
  }

  async function signIn(context: BrowserContext): Promise<void> {
    const page = await context.newPage();
    await page.goto(`${web.url}/signin`);
    await page.getByLabel('Email').fill(listener.email);
    await page.getByLabel('Password', { exact: true }).fill(listener.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
    await page.close();
  }

  it('sends the security headers on pages and static files, with a fresh CSP nonce on every page that Next.js puts on its scripts', async () => {
    const first = await fetch(`${web.url}/`);
    const html = await first.text();
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
    const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain(new URL(stack.router.url).origin); // connect-src: the router
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<script(?![^>]*nonce=)[^>]*>/); // every script carries it

    const second = await fetch(`${web.url}/signin`);
    expect(second.headers.get('content-security-policy')).not.toBe(policy);

    const icon = await fetch(`${web.url}/icon.svg`);
    expect(icon.headers.get('x-content-type-options')).toBe('nosniff');
    expect(icon.headers.get('x-frame-options')).toBe('DENY');
  });

  it('reports no CSP violation and no serious or critical axe-core (WCAG 2.1 AA) finding on any page, signed out and signed in, and plays a song through hls.js under the policy', async () => {
    // Signed out and signed in side by side (two contexts, two pages each): most of a visit is
    // waiting for the network to go quiet, which overlaps well.
    const signedOut = await auditedContext();
    const signedIn = await auditedContext();
    await signIn(signedIn.context);
    const inaccessible = (
      await Promise.all([audit(signedOut.context, 2), audit(signedIn.context, 2)])
    ).flat();
    expect(inaccessible).toEqual([]);
    expect(signedOut.violations).toEqual([]);
    expect(signedIn.violations).toEqual([]);
    await signedOut.context.close();

    const { context, violations } = signedIn;
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await visit(page, `/songs/${ids.song}`);
    await page.getByRole('button', { name: `Play ${SONG_TITLE}` }).click();
    await page.waitForFunction(() => {
      const audio = document.querySelector('audio');
      return !!audio && audio.src.startsWith('blob:') && audio.currentTime > 0.3 && !audio.paused;
    });
    expect(violations).toEqual([]);
    await context.close();
  }, 420_000);

  it('enforces the policy: a script injected into the page markup does not run', async () => {
    const context = await browser.newContext();
    const violations = await recordCspViolations(context);
    // Stands in for an HTML injection: the real response, its real headers, one extra inline script.
    await context.route(`${web.url}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        '</body>',
        '<script>window.__injected = true;</script></body>',
      );
      await route.fulfill({ response, body });
    });
    const page = await context.newPage();
    await visit(page, '/');
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    ).toBeUndefined();
    // Reported while the markup was parsed, long before the network went idle.
    expect(violations.map((v) => v.directive)).toContain('script-src-elem');
    await context.close();
  });

  it('shows text inputs focused from the keyboard with the same 3px ring as buttons', async () => {
    const page = await browser.newPage();
    await visit(page, '/signup');
    const focusRing = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return {
          element: document.activeElement!.tagName,
          style: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        };
      });
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Skip to content',
    );
    const buttonRing = (await focusRing()).style;
    expect(buttonRing).toBe('solid 3px rgb(103, 232, 249)');

    const seen: string[] = [];
    for (
      let presses = 0;
      presses < 40 && seen.filter((tag) => tag === 'INPUT').length < 3;
      presses += 1
    ) {
      await page.keyboard.press('Tab');
      const ring = await focusRing();
      seen.push(ring.element);
      if (ring.element === 'INPUT') expect(ring.style).toBe(buttonRing);
    }
    expect(seen.filter((tag) => tag === 'INPUT').length).toBeGreaterThanOrEqual(3); // search, then the form's fields
    await page.close();
  });

  it('keeps the signed-in header on one line with room for the search box at 1280 and 1024 px, and fits it on a 390 px phone', async () => {
    const context = await browser.newContext();
    await signIn(context);
    const page = await context.newPage();
    const measure = () =>
      page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        return {
          brandHeight: box('.brand').height,
          searchWidth: box('.header-search').width,
          headerHeight: box('.site-header').height,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
    for (const [width, minimumSearch] of [
      [1280, 320],
      [1024, 260],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await visit(page, `/songs/${ids.song}`);
      await page.screenshot({ path: `/tmp/web-hardening-header-${width}.png` });
      const layout = await measure();
      expect(layout.brandHeight).toBeLessThanOrEqual(40); // one line beside the 34 px logo
      expect(layout.searchWidth).toBeGreaterThanOrEqual(minimumSearch);
      expect(layout.headerHeight).toBeLessThanOrEqual(72); // one row
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `/songs/${ids.song}`);
    await page.screenshot({ path: '/tmp/web-hardening-header-390.png' });
    const phone = await measure();
    expect(phone.pageWidth).toBeLessThanOrEqual(390);
    expect(phone.brandHeight).toBeLessThanOrEqual(40);
    expect(phone.searchWidth).toBeGreaterThanOrEqual(300);
    await context.close();
  }, 120_000);
});
