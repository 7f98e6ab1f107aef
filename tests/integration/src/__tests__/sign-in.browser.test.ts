import type { Browser } from 'playwright-core';
import { launchChromium, Stack, type RunningWeb } from '../testkit';

// End to end in headless Chromium: the built web app, the router and auth as real processes.
describe('web: sign up, sign out, sign in, create an API key (browser)', () => {
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;

  beforeAll(async () => {
    stack = await Stack.start({ web: true });
    web = stack.web!;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs up, signs out, signs back in, creates a key, and the key works against the router', async () => {
    const page = await browser.newPage();
    const email = `e2e.${Date.now()}@example.com`;
    const password = 'a browser-typed passphrase';

    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Display name').fill('Browser Person');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account', { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByText(email).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${web.url}/`, { timeout: 30_000 });
    await page.goto(`${web.url}/account`);
    await page.waitForURL('**/signin**', { timeout: 30_000 });

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account', { timeout: 30_000 });
    await page.getByText(email).waitFor();

    await page.getByLabel('New key name').fill('my e2e app');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page
      .getByLabel('API key secret')
      .textContent({ timeout: 30_000 }))!.trim();
    expect(secret).toMatch(/^gsk_[0-9a-f]{8}_/);

    const viaKey = await stack.execute<{ me: { email: string; user: { displayName: string } } }>(
      'query { me { email user { displayName } } }',
      {},
      { apiKey: secret },
    );
    expect(viaKey.status).toBe(200);
    expect(viaKey.data!.me).toEqual({ email, user: { displayName: 'Browser Person' } });
  });
});
