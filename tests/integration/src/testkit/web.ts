import { chromium, type Browser, type Page } from 'playwright-core';

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

/** Debian's Chromium, headless, with no background traffic to the internet. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

/**
 * Waits until the page's <audio> is past `after` seconds (and before `before`; and playing, if asked).
 * A real predicate with arguments, not a string run with `new Function`: the site's CSP forbids eval.
 */
export async function waitForAudio(
  page: Page,
  condition: { after: number; before?: number; playing?: boolean },
  timeout = 30_000,
): Promise<void> {
  await page.waitForFunction(
    ({ after, before, playing }) => {
      const a = document.querySelector('audio');
      return Boolean(
        a && a.currentTime > after && a.currentTime < before && (!playing || !a.paused),
      );
    },
    {
      after: condition.after,
      before: condition.before ?? Number.MAX_VALUE,
      playing: condition.playing ?? false,
    },
    { timeout },
  );
}
