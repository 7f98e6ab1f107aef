import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Stack } from './stack';
import { registerListener } from './flows';
import { generateTone } from './audio';
import { uploadSong, waitUntilProcessed } from './uploads';
import { launchChromium } from './web';

export const START_JAM = 'mutation StartJam { startJam { id code } }';
export const JOIN_JAM = 'mutation JoinJam($code: String!) { joinJam(code: $code) { id } }';
export const CONTROL_JAM =
  'mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) { controlJam(id: $id, action: $action, positionMs: $positionMs) { id } }';
/** The Jam's events with what the resilience tests compare: kind, playback, presence. */
export const JAM_EVENTS = `subscription JamEvents($id: ID!) {
  jamSession(id: $id) {
    kind
    serverTimeMs
    session { id playback { playing positionMs } participants { connected user { id } } }
  }
}`;

export interface JamEventData {
  jamSession: {
    kind: string;
    serverTimeMs: number;
    session: {
      id: string;
      playback: { playing: boolean; positionMs: number };
      participants: Array<{ connected: boolean; user: { id: string } }>;
    };
  };
}

/** Chromium that may start audio without a click (the Jam's autoplay-blocked state has its own UI). */
export function launchJamChromium(): Promise<Browser> {
  return launchChromium(['--autoplay-policy=no-user-gesture-required']);
}

/** One participant's position as the page sees it, and the server clock as the page estimates it. */
export interface JamReading {
  localMs: number;
  serverNowMs: number;
  paused: boolean;
  synced: boolean;
}

export function readJamPosition(page: Page): Promise<JamReading> {
  return page.evaluate(() => {
    const audio = document.querySelector('audio');
    const clock = (window as unknown as { __groovyJam?: { offsetMs: number; synced: boolean } })
      .__groovyJam;
    return {
      localMs: (audio?.currentTime ?? 0) * 1000,
      serverNowMs: Date.now() + (clock?.offsetMs ?? 0),
      paused: audio?.paused ?? true,
      synced: clock?.synced ?? false,
    };
  });
}

/**
 * The difference between two participants' positions at the same server instant: each reading is
 * position − serverNow (both advance at 1 ms/ms while playing), so readings taken a few ms apart
 * still compare exactly.
 */
export async function jamSkewMs(a: Page, b: Page): Promise<number> {
  const [ra, rb] = await Promise.all([readJamPosition(a), readJamPosition(b)]);
  return ra.localMs - ra.serverNowMs - (rb.localMs - rb.serverNowMs);
}

/**
 * Measures the skew between two participants until it is within `withinMs` (drift correction
 * converges, it does not jump) or `forMs` passed; resolves with the last measurement.
 */
export async function settledSkewMs(a: Page, b: Page, withinMs = 100, forMs = 15_000) {
  const deadline = Date.now() + forMs;
  let skew = await jamSkewMs(a, b);
  while (Math.abs(skew) >= withinMs && Date.now() < deadline) {
    await a.waitForTimeout(100); // between two measurements (no event for a cross-page condition)
    skew = await jamSkewMs(a, b);
  }
  return skew;
}

/** The host moves the Jam to `positionMs` with the position slider (a SEEK for everyone). */
export async function seekJam(host: Page, positionMs: number) {
  const slider = host.getByRole('group', { name: 'Jam controls' }).getByRole('slider');
  await slider.fill(String(positionMs));
  await slider.blur();
}

export async function signUpInBrowser(page: Page, webUrl: string, displayName: string) {
  await page.goto(`${webUrl}/signup`);
  await page.getByLabel('Display name').fill(displayName);
  await page
    .getByLabel('Email')
    .fill(`jam.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('a jamming passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/account');
}

export interface TwoPeopleJam {
  host: Page;
  guest: Page;
  contexts: BrowserContext[];
  jamUrl: string;
  songId: string;
  songSeconds: number;
}

/**
 * A READY song of `songSeconds` (uploaded through the router and processed by the worker), a host
 * who starts a Jam from the song page, and a guest who joins by the share link (a second context:
 * separate cookies, separate clock estimate).
 */
export async function startTwoPeopleJam(
  stack: Stack,
  browser: Browser,
  songSeconds: number,
): Promise<TwoPeopleJam> {
  const web = stack.web!;
  const { session } = await registerListener(stack, 'Jam Uploader');
  const upload = await uploadSong(
    stack,
    session.accessToken,
    {
      title: 'Jam Tone',
      artistName: 'Jam Band',
      fileName: 'jam.mp3',
      contentType: 'audio/mpeg',
    },
    generateTone(songSeconds).bytes,
  );
  const song = await waitUntilProcessed(stack, upload.song.id, session.accessToken);
  if (song.status !== 'READY') throw new Error(`the Jam song is ${song.status}`);

  const contexts = [await browser.newContext(), await browser.newContext()];
  const [host, guest] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of [host!, guest!]) page.setDefaultTimeout(60_000);
  await signUpInBrowser(host!, web.url, 'Jam Host');
  await signUpInBrowser(guest!, web.url, 'Jam Guest');

  await host!.goto(`${web.url}/songs/${upload.song.id}`);
  await host!.getByRole('button', { name: 'Start a Jam' }).click();
  await host!.waitForURL('**/jam/**');
  await host!.getByRole('heading', { name: 'Jam with Jam Host' }).waitFor();
  const joinLink = await host!.getByLabel('Join link').inputValue();

  await guest!.goto(joinLink);
  await guest!.waitForURL((url) => /\/jam\/(?!join\/)[^/]+$/.test(url.pathname));
  await guest!.getByRole('heading', { name: 'Jam with Jam Host' }).waitFor();
  await host!
    .getByRole('region', { name: /Listening/ })
    .getByText('Jam Guest')
    .waitFor();
  return {
    host: host!,
    guest: guest!,
    contexts,
    jamUrl: host!.url(),
    songId: upload.song.id,
    songSeconds,
  };
}

/** Resolves once both pages play (not paused, past `afterSeconds`) with a synced clock. */
export async function waitUntilBothPlay(jam: TwoPeopleJam, afterSeconds: number, timeout = 60_000) {
  await Promise.all(
    [jam.host, jam.guest].map((page) =>
      page.waitForFunction(
        (after) => {
          const audio = document.querySelector('audio');
          const clock = (window as unknown as { __groovyJam?: { synced: boolean } }).__groovyJam;
          return Boolean(audio && !audio.paused && audio.currentTime > after && clock?.synced);
        },
        afterSeconds,
        { timeout },
      ),
    ),
  );
}

/** The page's <audio> as far as the sync cares: paused or not, ready state, position (seconds). */
export interface AudioReading {
  paused: boolean;
  readyState: number;
  currentTime: number;
}

/**
 * Reads the page's <audio> WITHOUT giving the page a user activation. Playwright's
 * `page.evaluate` runs with `userGesture: true`, which lets a later play() through on a browser
 * that requires a gesture: a test of the autoplay-blocked state must not use it before its click.
 * A bare DevTools `Runtime.evaluate` carries no gesture.
 */
export async function readAudioWithoutGesture(page: Page): Promise<AudioReading | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const answer = (await cdp.send('Runtime.evaluate', {
      expression: `(() => {
        const a = document.querySelector('audio');
        return a && { paused: a.paused, readyState: a.readyState, currentTime: a.currentTime };
      })()`,
      returnByValue: true,
    })) as { result: { value: AudioReading | null } };
    return answer.result.value;
  } finally {
    await cdp.detach();
  }
}
