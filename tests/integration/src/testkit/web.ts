import { freePort, launchStack } from '@groovy/tooling/stack';
import { chromium, type Browser } from 'playwright-core';

export { freePort };

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

/** `next start` of the built web app on `port`, talking to `graphqlUrl` (the stack launcher's `web`); resolves once it answers. */
export async function startWeb(port: number, graphqlUrl: string): Promise<RunningWeb> {
  const launched = await launchStack({
    mode: 'isolated',
    services: ['web'],
    mongoUrl: false,
    ports: { web: port },
    serviceEnv: { web: { GRAPHQL_URL: graphqlUrl } },
    startTimeoutMs: 60_000,
  });
  return { url: launched.services.web!.url, stop: () => launched.stop() };
}

/** Debian's Chromium, headless, with no background traffic to the internet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
    ],
  });
}
