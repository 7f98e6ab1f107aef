import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, Stack, type RunningWeb } from '../testkit';

// The account pages in headless Chromium against the real platform (web, router, auth as launched
// by the stack launcher): what web/scripts/browser-check.ts and browser-flows.ts used to look at
// against a mock router.
describe('web: sign-up validation, account, profile, API keys, password, sign-in errors (browser)', () => {
  let stack: Stack;
  let web: RunningWeb;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const email = `account.${Date.now()}@example.com`;
  const password = 'a long enough passphrase';
  const headerName = (on: Page) => on.locator('.user-chip__name').textContent();
  const horizontalOverflow = (on: Page) =>
    on.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    stack = await Stack.start({ web: true });
    web = stack.web!;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
        pageErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('validates every sign-up field at once, focuses the first, ties each error to its field, and fits a phone', async () => {
    await page.goto(`${web.url}/signup`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Create your account');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('[aria-invalid="true"]');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(3);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('displayName');
    const describedBy =
      (await page.getByLabel('Password', { exact: true }).getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' | '),
      describedBy,
    );
    expect(described).toMatch(/at least 12/i);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${web.url}/signup`);
    await phone.locator('h1').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await phone.close();
  });

  it('sends a signed-out visitor of /account to sign-in, coming back to /account', async () => {
    await page.goto(`${web.url}/account`);
    await page.waitForURL('**/signin**');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/signin');
    expect(url.searchParams.get('callbackUrl')).toBe('/account');
    // Keyboard: Tab from the email field reaches the password field.
    await page.getByLabel('Email').focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('password');
  });

  it('signs up into the account page, saves the profile (the header follows) and refuses a name over 50 characters', async () => {
    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await headerName(page)).toContain('Ada Lovelace');
    await page.getByText(email).waitFor();
    await page.getByText('No API keys yet').waitFor();

    await page.getByLabel('Display name').fill('Ada L.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('.user-chip__name')?.textContent?.includes('Ada L.'),
    );
    const me = await stack.execute<{ me: { user: { displayName: string } } }>(
      'query { me { user { displayName } } }',
      {},
      {
        token: (
          await stack.execute<{ login: { accessToken: string } }>(
            'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
            { e: email, p: password },
          )
        ).data!.login.accessToken,
      },
    );
    expect(me.data!.me.user.displayName).toBe('Ada L.');

    await page.getByLabel('Display name').fill('x'.repeat(51));
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Use at most 50 characters.').waitFor();
    await page.getByRole('button', { name: 'Reset' }).click();
  });

  it('shows a new API key once (copyable), lists its prefix, and revokes it after a confirmation Escape cancels', async () => {
    await page.getByLabel('New key name').fill('My player app');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.locator('.secret-box');
    await secretBox.waitFor();
    const secret = ((await page.locator('.secret-value').textContent()) ?? '').trim();
    expect(secret).toMatch(/^gsk_/);
    expect(await secretBox.textContent()).toMatch(/won.t see this again/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('button', { name: /I.ve saved it/ }).click();
    expect(await secretBox.count()).toBe(0);
    const row = page.locator('.key-item', { hasText: 'My player app' });
    expect(
      secret.startsWith(
        ((await row.locator('.key-prefix').textContent()) ?? '').trim().replace(/…$/, ''),
      ),
    ).toBe(true);
    await page.reload();
    await page.locator('.key-item', { hasText: 'My player app' }).waitFor();
    expect(await page.locator('.secret-value').count()).toBe(0);

    await page
      .locator('.key-item', { hasText: 'My player app' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    expect(await page.locator('.key-item__confirm').count()).toBe(0);
    await page
      .locator('.key-item', { hasText: 'My player app' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet').waitFor();
    const viaKey = await stack.execute('query { me { email } }', {}, { apiKey: secret });
    expect(viaKey.data?.me ?? null).toBeNull();
  });

  it('refuses a wrong current password with a form-level message, focused, and keeps the old password', async () => {
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('an even better password');
    await page.getByLabel('Repeat new password').fill('an even better password');
    await page.getByRole('button', { name: 'Change password' }).click();
    // Auth answers UNAUTHENTICATED (not a field error): the form says so at its top and focuses it.
    const alert = page.locator('.alert--error', { hasText: 'check your current password' });
    await alert.waitFor();
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('alert') ?? false),
    ).toBe(true);
    const login = await stack.execute(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      {
        e: email,
        p: password,
      },
    );
    expect(login.errors).toBeUndefined();
  });

  it('signs out; then a wrong password, the lockout (RATE_LIMITED) with its wait and countdown, and a taken email on sign-up', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    // The refresh token was revoked on the router: signing in again with it is not possible.
    await page.goto(`${web.url}/account`);
    await page.waitForURL('**/signin**');

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    // Auth locks the account out after LOGIN_MAX_FAILURES_PER_ACCOUNT (5) failures: RATE_LIMITED with a wait.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      // Playwright waits for the button to be back from "Signing in…" before each click.
      const button = page.getByRole('button', { name: /^(Sign in|Try again in \d+ s)$/ });
      if (/Try again/.test((await button.textContent()) ?? '')) break;
      await button.click();
    }
    await page.getByText(/Please wait \d+ (second|minute)s? and try again/).waitFor();
    const waitButton = page.getByRole('button', { name: /Try again in \d+ s/ });
    expect(await waitButton.isVisible()).toBe(true);
    expect(await waitButton.isDisabled()).toBe(true);

    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Display name').fill('Someone');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('An account with this email already exists').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('with the router gone: a signed-in page says so, the user stays signed in, and sign-in says it cannot reach the servers', async () => {
    const signedIn = await browser.newPage();
    signedIn.setDefaultTimeout(30_000);
    await signedIn.goto(`${web.url}/signup`);
    await signedIn.getByLabel('Display name').fill('Margaret');
    await signedIn.getByLabel('Email').fill(`margaret.${Date.now()}@example.com`);
    await signedIn.getByLabel('Password', { exact: true }).fill(password);
    await signedIn.getByRole('button', { name: 'Create account' }).click();
    await signedIn.waitForURL('**/account');
    await signedIn.getByRole('heading', { name: 'Your account' }).waitFor();

    await stack.router.stop();
    await signedIn.getByLabel('New key name').fill('offline');
    await signedIn.getByRole('button', { name: 'Create key' }).click();
    await signedIn.getByText(/trouble reaching its servers/).waitFor();
    await signedIn.goto(`${web.url}/account`);
    await signedIn.getByRole('heading', { name: 'Service unavailable' }).waitFor();
    expect(await headerName(signedIn)).toContain('Margaret');

    await page.goto(`${web.url}/signin`);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('.alert--error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/trouble reaching/i);
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('alert') ?? false),
    ).toBe(true);
  });
});
