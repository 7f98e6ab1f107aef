import type { Browser, Page } from 'playwright-core';
import {
  generateTone,
  launchChromium,
  registerListener,
  Stack,
  uploadSong,
  waitUntilProcessed,
  type RunningWeb,
} from '../testkit';

const ARTIST = 'The Lantern Makers';

// A listener's library end to end in headless Chromium, every process real (web, router, auth,
// songs + storage, the HLS worker, query, preferences on the embedded bus): like a song (the count
// moves at once and survives a reload), put it in a new playlist from "Add to playlist", add a
// second song, reorder with the keyboard (the order survives a reload), play a song to its end (the
// player reports the play: it is in the history), follow the artist; the artist uploads a new song
// and, once it is READY, the listener's bell counts the NEW_RELEASE notification live (no reload),
// and a new follower too; on the notifications page a notification arriving goes on top live.
describe('web: likes, playlists, follows and notifications (browser)', () => {
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;
  let artistToken: string;
  let artistId: string;
  let artistUserId: string;
  let artistPlaylistId: string;
  let listener: Awaited<ReturnType<typeof registerListener>>;
  let fans: Awaited<ReturnType<typeof registerListener>>[];
  const songs: Record<string, string> = {};

  async function upload(title: string, seconds: number): Promise<string> {
    const tone = generateTone(seconds);
    const input = {
      title,
      artistName: ARTIST,
      fileName: `${title}.mp3`,
      contentType: 'audio/mpeg',
    };
    const requested = await uploadSong(stack, artistToken, input, tone.bytes);
    expect((await waitUntilProcessed(stack, requested.song.id, artistToken)).status).toBe('READY');
    return requested.song.id;
  }

  /** The listener's unread count through the router, polled (bounded) until it reaches `count`. */
  async function waitForUnread(count: number): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const result = await stack.execute<{ library: { unreadNotificationCount: number } | null }>(
        'query { library { unreadNotificationCount } }',
        {},
        { token: listener.session.accessToken },
      );
      if (result.data?.library?.unreadNotificationCount === count) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the listener never had ${count} unread notification(s)`);
  }

  /** `fan` follows the listener through the router (a NEW_FOLLOWER notification for them). */
  async function followListener(fan: Awaited<ReturnType<typeof registerListener>>): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const result = await stack.execute<{ followUser: { id: string } }>(
        'mutation F($id: ID!) { followUser(userId: $id) { id } }',
        { id: listener.session.user.id },
        { token: fan.session.accessToken },
      );
      if (result.data?.followUser) return;
      // Preferences learns of new users from USER_REGISTERED on the bus: NOT_FOUND until then.
      if (result.errors?.[0]?.extensions?.code !== 'NOT_FOUND')
        throw new Error(`followUser failed: ${JSON.stringify(result.errors)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('preferences never learnt of the listener');
  }

  /** Resolves when the browser's next `operationName` call to the router has answered. */
  function routerCall(page: Page, operationName: string) {
    return page.waitForResponse(
      (response) =>
        response.url() === stack.router.url &&
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes(`"operationName":"${operationName}"`),
    );
  }

  const playlistTitles = (page: Page) =>
    page.locator('.playlist-items .track-row__title').allTextContents();

  /** Waits until the playlist page shows exactly these titles in this order. */
  const waitForOrder = (page: Page, titles: string[]) =>
    page.waitForFunction(
      (expected) =>
        JSON.stringify(
          Array.from(document.querySelectorAll('.playlist-items .track-row__title')).map(
            (a) => a.textContent,
          ),
        ) === JSON.stringify(expected),
      titles,
    );

  /** Waits until the button (by accessible name, inside `scope`) is pressed or not. */
  const waitForPressed = (
    scope: Page | ReturnType<Page['locator']>,
    label: string,
    pressed: boolean,
  ) => scope.locator(`button[aria-label="${label}"][aria-pressed="${pressed}"]`).waitFor();

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true });
    web = stack.web!;
    browser = await launchChromium();
    const artist = await registerListener(stack, ARTIST);
    artistToken = artist.session.accessToken;
    artistUserId = artist.session.user.id;
    songs.first = await upload('First Light', 4);
    songs.second = await upload('Second Wind', 4);
    const song = await stack.execute<{ song: { artist: { id: string } } }>(
      'query S($id: ID!) { song(id: $id) { artist { id } } }',
      { id: songs.first },
    );
    artistId = song.data!.song.artist.id;
    // The artist's public playlist (on their profile) and a private one (not on it).
    for (const [name, visibility] of [
      ['Lantern Favourites', 'PUBLIC'],
      ['Lantern Drafts', 'PRIVATE'],
    ] as const) {
      const created = await stack.execute<{ createPlaylist: { id: string } }>(
        'mutation P($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id } }',
        { input: { name, visibility } },
        { token: artistToken },
      );
      if (!created.data)
        throw new Error(`createPlaylist failed: ${JSON.stringify(created.errors)}`);
      if (visibility === 'PUBLIC') artistPlaylistId = created.data.createPlaylist.id;
    }
    listener = await registerListener(stack, 'Lena Listener');
    fans = [await registerListener(stack, 'Finn Fan'), await registerListener(stack, 'Fiona Fan')];
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('likes, builds and reorders a playlist, records a play, follows the artist and hears about a new release', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${web.url}/signin`);
    await page.getByLabel('Email').fill(listener.email);
    await page.getByLabel('Password', { exact: true }).fill(listener.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });

    // Like: optimistic, then saved; a reload shows it from the server.
    await page.goto(`${web.url}/songs/${songs.first}`);
    const main = page.locator('main');
    await waitForPressed(main, 'Like First Light', false);
    await main.locator('.like-count', { hasText: '0 likes' }).waitFor();
    const liked = routerCall(page, 'LikeSong');
    await main.getByRole('button', { name: 'Like First Light' }).click();
    await waitForPressed(main, 'Like First Light', true);
    await main.locator('.like-count', { hasText: '1 like' }).waitFor();
    expect((await liked).ok()).toBe(true);
    await page.reload();
    await waitForPressed(main, 'Like First Light', true);
    await main.locator('.like-count', { hasText: '1 like' }).waitFor();

    // "Add to playlist" → "New playlist": created, and the song added to it.
    await main.getByRole('button', { name: 'Add First Light to a playlist' }).click();
    await main.getByRole('button', { name: 'New playlist' }).click();
    await main.getByLabel('Playlist name').fill('Road Trip');
    await main.getByRole('button', { name: 'Create playlist' }).click();
    await main.getByText('Added “First Light” to Road Trip.').waitFor();

    // The second song, into the playlist found by the menu's search.
    await page.goto(`${web.url}/songs/${songs.second}`);
    await main.getByRole('button', { name: 'Add Second Wind to a playlist' }).click();
    await main.getByLabel('Search your playlists').fill('road');
    await main.getByRole('button', { name: /^Road Trip/ }).click();
    await main.getByText('Added “Second Wind” to Road Trip.').waitFor();

    // The library lists it; the playlist page has both songs in the order added.
    await page.goto(`${web.url}/library`);
    await page.getByRole('link', { name: /Road Trip/ }).click();
    await page.waitForURL('**/playlists/**');
    await page.getByRole('heading', { name: 'Road Trip' }).waitFor();
    await waitForOrder(page, ['First Light', 'Second Wind']);

    // Keyboard reorder: Alt+ArrowUp on the second song's handle; announced, saved, kept on reload.
    const handle = page.getByRole('button', { name: /^Move Second Wind/ });
    await handle.focus();
    const moved = routerCall(page, 'MovePlaylistItem');
    await page.keyboard.press('Alt+ArrowUp');
    await waitForOrder(page, ['Second Wind', 'First Light']);
    await page.getByText('Second Wind moved to position 1 of 2.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move Second Wind, position 1 of 2',
    );
    expect((await moved).ok()).toBe(true);
    // And with grab mode: Space, ArrowDown, Space puts it back second.
    const movedBack = routerCall(page, 'MovePlaylistItem');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect((await movedBack).ok()).toBe(true);
    await waitForOrder(page, ['First Light', 'Second Wind']);
    await page.getByRole('button', { name: /^Move First Light/ }).focus();
    const movedAgain = routerCall(page, 'MovePlaylistItem');
    await page.keyboard.press('Alt+ArrowDown');
    expect((await movedAgain).ok()).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Road Trip' }).waitFor();
    expect(await playlistTitles(page)).toEqual(['Second Wind', 'First Light']);

    // Play the (4 s) song to its end: the player reports it with recordPlay; it is in the history.
    const recorded = routerCall(page, 'RecordPlay');
    await page.getByRole('button', { name: 'Play First Light' }).click();
    expect((await recorded).ok()).toBe(true);
    await page.goto(`${web.url}/library`);
    await page
      .getByRole('list', { name: 'Recently played' })
      .getByRole('link', { name: 'First Light' })
      .waitFor();

    // Follow the artist.
    await page.goto(`${web.url}/artists/${artistId}`);
    const followed = routerCall(page, 'FollowArtist');
    await main.getByRole('button', { name: `Follow ${ARTIST}` }).click();
    await waitForPressed(main, `Follow ${ARTIST}`, true);
    expect((await followed).ok()).toBe(true);
    await main.getByText('1 follower').waitFor();

    // The artist releases a new song; once READY, the follower is told: the bell's count rises
    // live (Subscription.notificationAdded through the router), without reloading the page.
    await page.evaluate(() => {
      (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
    });
    await upload('Third Time Lucky', 3);
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    // Another listener follows them: counted live too.
    await followListener(fans[0]!);
    await page.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true,
      ),
    ).toBe(true);
    await waitForUnread(2);

    await page.getByRole('link', { name: 'Notifications, 2 unread' }).click();
    await page.waitForURL('**/notifications');
    await page
      .getByRole('link', { name: `New release from ${ARTIST}: “Third Time Lucky”` })
      .waitFor();
    await page.getByText('Finn Fan started following you').waitFor();
    // Opening the page marks them read: the bell goes quiet.
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await waitForUnread(0);
    // A notification arriving while the page is open goes on top of the list, and rings the bell.
    await followListener(fans[1]!);
    await page
      .locator('.notification-list > li')
      .first()
      .filter({ hasText: 'Fiona Fan started following you' })
      .waitFor();
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    expect(await page.locator('.notification-list > li').count()).toBe(3);
    await page.close();
  }, 420_000);

  it("opens the artist's profile from their playlist, sees their upload and public playlist, and follows them", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${web.url}/signin`);
    await page.getByLabel('Email').fill(listener.email);
    await page.getByLabel('Password', { exact: true }).fill(listener.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });

    // The playlist's owner links to their profile.
    await page.goto(`${web.url}/playlists/${artistPlaylistId}`);
    await page
      .locator('.media-header__meta')
      .getByRole('link', { name: ARTIST, exact: true })
      .click();
    await page.waitForURL(`**/users/${artistUserId}`);
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: ARTIST }).waitFor();
    expect(await page.title()).toContain(ARTIST);
    const uploads = main.getByRole('list', { name: `Songs uploaded by ${ARTIST}` });
    await uploads.getByRole('link', { name: 'First Light' }).waitFor();
    await uploads.getByRole('button', { name: 'Play First Light' }).waitFor();
    await uploads.getByRole('button', { name: 'Like First Light' }).waitFor();
    await main.getByRole('link', { name: /Lantern Favourites/ }).waitFor();
    expect(await main.getByText('Lantern Drafts').count()).toBe(0);

    // Follow: optimistic, saved, and still there after a reload.
    await main.getByText('0 followers').waitFor();
    const followed = routerCall(page, 'FollowUser');
    await main.getByRole('button', { name: `Follow ${ARTIST}` }).click();
    await waitForPressed(main, `Follow ${ARTIST}`, true);
    await main.getByText('1 follower', { exact: true }).waitFor();
    expect((await followed).ok()).toBe(true);
    await page.reload();
    await waitForPressed(main, `Follow ${ARTIST}`, true);
    await main.getByText('1 follower', { exact: true }).waitFor();

    // Your own profile has no follow button; an unknown one is the not-found page.
    await page.goto(`${web.url}/users/${listener.session.user.id}`);
    await main.getByRole('heading', { level: 1, name: 'Lena Listener' }).waitFor();
    expect(await main.getByRole('button', { name: 'Follow Lena Listener' }).count()).toBe(0);
    await page.goto(`${web.url}/users/0123456789abcdef01234567`);
    await main.getByRole('heading', { name: /This person isn.t here/ }).waitFor();
    await page.close();
  }, 180_000);
});
