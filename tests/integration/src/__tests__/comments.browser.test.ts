import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recordCspViolations, type CspViolation } from '../browser-audit';
import {
  generateTone,
  launchChromium,
  registerListener,
  Stack,
  uploadSong,
  waitForAudio,
  waitForCommentableSong,
  waitUntilProcessed,
  type RunningWeb,
} from '../testkit';

const SONG_TITLE = 'Lighthouse Tapes';
const COMMENT = 'The chorus lands right here. Live cut: https://example.com/live?t=3';
const REPLY = 'Agreed, goosebumps every time.';
const ANSWER = 'Thanks Bob, wait for the outro.';

// Two listeners in two browser contexts against the real platform (web, router, auth, songs +
// storage, the HLS worker, comments): B (and a signed-out reader) have the song open when A
// comments on a moment of the playing song: the comment and its waveform marker appear live (the
// router's commentAdded subscription), without a reload. B replies; A sees "1 reply" appear live and
// answers; B sees that answer appear live in the open thread. A deletes its comment while the
// thread and its replies stay.
describe('web: timed comments and threads on a song (browser, two users)', () => {
  jest.setTimeout(300_000);
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;
  let songId: string;
  let alice: Awaited<ReturnType<typeof registerListener>>;
  let bob: Awaited<ReturnType<typeof registerListener>>;
  const violations: CspViolation[] = [];

  beforeAll(async () => {
    stack = await Stack.start({ media: true, web: true, comments: true });
    web = stack.web!;
    browser = await launchChromium();
    alice = await registerListener(stack, 'Alice Keeper');
    bob = await registerListener(stack, 'Bob Harbour');
    const token = alice.session.accessToken;
    const upload = await uploadSong(
      stack,
      token,
      {
        title: SONG_TITLE,
        artistName: 'The Keepers',
        fileName: 'tapes.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(20).bytes,
    );
    songId = upload.song.id;
    expect((await waitUntilProcessed(stack, songId, token)).status).toBe('READY');
    await waitForCommentableSong(stack, token, songId);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedInPage(who: { email: string; password: string }): Promise<{
    context: BrowserContext;
    page: Page;
  }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    violations.push(...(await recordCspViolations(context)));
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${web.url}/signin`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
    return { context, page };
  }

  const thread = (page: Page, text: string | RegExp) =>
    page
      .locator('.comment-thread')
      .filter({ has: page.locator('.comment__body', { hasText: text }) });

  it('pins a comment to the moment, shows it on the other listener’s waveform, threads the reply and keeps the thread when the comment is deleted', async () => {
    // Signed out: the conversation is readable and invites to sign in, with the way back.
    const anonymous = await browser.newPage();
    await anonymous.goto(`${web.url}/songs/${songId}`);
    const invite = anonymous.getByRole('link', { name: 'Sign in to comment' });
    await invite.waitFor();
    expect(await invite.getAttribute('href')).toBe(
      `/signin?callbackUrl=${encodeURIComponent(`/songs/${songId}`)}`,
    );
    await anonymous.getByText('No comments yet.').waitFor();

    // B has the song open before A writes (live from here: nobody reloads until the likes below).
    const b = await signedInPage(bob);
    await b.page.goto(`${web.url}/songs/${songId}`);
    await b.page.getByText('No comments yet.').waitFor();

    // A plays the song and starts writing 3 s in: the composer pins the moment.
    const a = await signedInPage(alice);
    await a.page.goto(`${web.url}/songs/${songId}`);
    await a.page.getByRole('button', { name: `Play ${SONG_TITLE}` }).click();
    await waitForAudio(a.page, { after: 3, playing: true });
    const box = a.page.getByLabel(/^Write a comment/);
    const audioTime = () => a.page.evaluate(() => document.querySelector('audio')!.currentTime);
    const before = await audioTime();
    await box.click();
    const chip = a.page.locator('.comment-chip');
    await chip.waitFor();
    const after = await audioTime();
    const chipText = (await chip.innerText()).replace(/\s*×\s*$/, '').trim();
    const pinnedSecond = Number(/^at 0:(\d\d)$/.exec(chipText)?.[1]);
    // Pinned when the box took focus: between the clock before the click (less the player's
    // timeupdate granularity, ~250 ms) and after the chip showed.
    expect(pinnedSecond).toBeGreaterThanOrEqual(Math.floor(before - 0.5));
    expect(pinnedSecond).toBeLessThanOrEqual(after);
    await box.fill(COMMENT);
    await expect(
      a.page.locator('.comment-composer__counter').first().innerText(),
    ).resolves.toContain(`${COMMENT.length} / 2,000`);
    await box.press('Control+Enter');
    const mine = thread(a.page, 'The chorus lands right here.');
    await mine.waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    await expect(a.page.locator('.comment-chip').count()).resolves.toBe(0);
    expect(await mine.locator('.comment__moment').getAttribute('title')).toBe(
      `Play from ${chipText.slice('at '.length)}`,
    );
    expect(await mine.locator('.comment__moment').innerText()).toMatch(new RegExp(`^${chipText}`));
    const link = mine.getByRole('link', { name: 'https://example.com/live?t=3' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(await link.getAttribute('href')).toBe('https://example.com/live?t=3');
    // Its own marker is on the waveform at once.
    await a.page
      .getByRole('button', { name: new RegExp(`^Comment by Alice Keeper ${chipText}`) })
      .waitFor();
    await a.page.getByRole('button', { name: `Pause ${SONG_TITLE}` }).click();

    // A's own comment is shown once (the live echo of it changes nothing).
    await expect(thread(a.page, 'The chorus lands right here.').count()).resolves.toBe(1);

    // Live on B's open page: the marker on the waveform and the comment in the list; the signed-out
    // reader's page shows it too.
    await anonymous
      .locator('.comment__body', { hasText: 'The chorus lands right here.' })
      .waitFor();
    await anonymous.close();
    const marker = b.page.getByRole('group', { name: 'Timed comments' }).getByRole('button', {
      name: new RegExp(`^Comment by Alice Keeper ${chipText}: The chorus lands`),
    });
    await marker.waitFor();
    const theirs = thread(b.page, 'The chorus lands right here.');
    await theirs.waitFor();
    // Clicking the marker plays from that moment, and the comment pops up over the waveform.
    await marker.click();
    await waitForAudio(
      b.page,
      { after: pinnedSecond - 0.05, before: pinnedSecond + 3.5, playing: true },
      30_000,
    );
    await b.page.locator('.waveform-popup', { hasText: 'The chorus lands right here.' }).waitFor();
    // Paused within the moment, it stays up (the popup lasts 3.5 s of playback).
    await b.page.getByRole('button', { name: `Pause ${SONG_TITLE}` }).click();
    await b.page.locator('.song-playback').screenshot({ path: '/tmp/comments-waveform-popup.png' });
    const popup = (await b.page.locator('.waveform-popup').boundingBox())!;
    const play = (await b.page.locator('.song-playback .play-button').boundingBox())!;
    const bar = (await b.page.locator('.player-bar').boundingBox())!;
    expect(popup.x).toBeGreaterThanOrEqual(play.x + play.width); // never over the play button
    expect(popup.y + popup.height).toBeLessThanOrEqual(bar.y); // nor over the player bar

    // B replies.
    await theirs.getByRole('button', { name: 'Reply' }).first().click();
    const replyBox = b.page.getByLabel('Reply to Alice Keeper');
    await replyBox.fill(REPLY);
    await theirs.locator('.comment-thread__reply').getByRole('button', { name: 'Reply' }).click();
    await theirs.locator('.comment-replies .comment__body', { hasText: REPLY }).waitFor();
    // And likes A's comment (shown at once, confirmed by the server's count).
    const like = theirs.locator('article.comment').first().getByRole('button', { name: /^Like/ });
    await like.click();
    // Pending, the button waits; once the server answered it is enabled again, still pressed.
    await theirs
      .locator('article.comment')
      .first()
      .locator('.comment__like[aria-pressed="true"]:not([disabled])')
      .waitFor();
    await b.page.screenshot({ path: '/tmp/comments-song-page.png', fullPage: true });

    // Live on A's page (no reload): the reply is counted, folded under "1 reply".
    const live = thread(a.page, 'The chorus lands right here.');
    const toggle = live.getByRole('button', { name: '1 reply' });
    await toggle.waitFor();
    expect(await live.locator('.comment-replies .comment__body').count()).toBe(0);
    await toggle.click();
    await live.locator('.comment-replies .comment__body', { hasText: REPLY }).waitFor();
    expect(await live.locator('.comment-replies .comment__author').innerText()).toBe('Bob Harbour');
    await expect(thread(a.page, 'The chorus lands right here.').count()).resolves.toBe(1);

    // A answers B; B sees the answer appear live in the thread it has open, after its own reply.
    await live.locator('.comment-replies').getByRole('button', { name: 'Reply' }).first().click();
    await a.page.getByLabel('Reply to Bob Harbour').fill(ANSWER);
    await live.locator('.comment-thread__reply').getByRole('button', { name: 'Reply' }).click();
    await live.locator('.comment-replies .comment__body', { hasText: ANSWER }).waitFor();
    await theirs.locator('.comment-replies .comment__body', { hasText: ANSWER }).waitFor();
    expect(await theirs.locator('.comment-replies .comment__body').allInnerTexts()).toEqual([
      REPLY,
      ANSWER,
    ]);

    // A reloads (likes are not live): A sees B's like, and edits its comment (within 15 minutes).
    await a.page.reload();
    const again = thread(a.page, 'The chorus lands right here.');
    await again.waitFor();
    expect(
      await again.locator('article.comment').first().locator('.comment__like').innerText(),
    ).toMatch(/Like\s*1$/);
    await again.locator('article.comment').first().getByRole('button', { name: 'Edit' }).click();
    const editBox = a.page.getByLabel('Edit your comment');
    await editBox.fill(`${COMMENT} (edited: the second chorus too)`);
    await editBox.press('Control+Enter');
    await again.locator('.comment__edited').first().waitFor();
    await a.page.reload();
    await thread(a.page, 'the second chorus too').locator('.comment__edited').first().waitFor();

    // A deletes its comment: the thread stays, with the reply, under "comment deleted".
    // Held by its id from here on: the text is about to go.
    const commentId = (await again
      .locator('article.comment')
      .first()
      .getAttribute('data-comment-id'))!;
    const top = a.page.locator(`article.comment[data-comment-id="${commentId}"]`);
    await top.getByRole('button', { name: 'Delete' }).click();
    await top.getByRole('button', { name: 'Delete comment' }).click();
    await top.getByText('comment deleted').waitFor();
    expect(await top.getAttribute('data-deleted')).toBe('true');
    await a.page.reload();
    const kept = a.page.locator('.comment-thread').filter({ hasText: 'comment deleted' });
    await kept.getByRole('button', { name: '2 replies' }).click();
    await kept.locator('.comment-replies .comment__body', { hasText: REPLY }).waitFor();
    await kept.locator('.comment-replies .comment__body', { hasText: ANSWER }).waitFor();
    await expect(a.page.getByText('The chorus lands right here.').count()).resolves.toBe(0);
    // The deleted comment's marker is gone from the waveform.
    await expect(
      a.page.getByRole('button', { name: /^Comment by Alice Keeper/ }).count(),
    ).resolves.toBe(0);

    expect(violations).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
