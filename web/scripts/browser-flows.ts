/**
 * Signed-in flows in headless Chromium against scripts/mock-router.ts (an in-memory stand-in for the
 * router's auth slice, NOT the real backend): sign-up, account, profile, API keys, change password,
 * silent token refresh with rotation, expired session, sign-out, sign-in errors and rate limiting.
 *
 *   GRAPHQL_URL=http://127.0.0.1:4999/graphql NEXTAUTH_SECRET=... npm run start   (or npm run dev)
 *   npm run check:flows -- [baseUrl] [outDir]
 */
import { chromium, type Page } from 'playwright-core';
import { startMockRouter } from './mock-router';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = process.argv[3] ?? '/tmp/groovy-web-screens';
const ACCESS_TTL_S = 65; // the proxy refreshes 60 s before expiry, so ~5 s after sign-in

let failures = 0;
function check(condition: boolean, what: string) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures += 1;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  console.log(`     screenshot ${outDir}/${name}.png`);
}
const headerName = (page: Page) => page.locator('.user-chip__name').textContent();

async function main() {
  (await import('node:fs')).mkdirSync(outDir, { recursive: true });
  const mock = await startMockRouter(4999, ACCESS_TTL_S);
  let mockClosed = false;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const email = `ada.${Date.now()}@example.com`;
  const password = 'correct horse battery';
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        pageErrors.push(m.text());
    });

    // Sign up → lands on the account page, signed in.
    await page.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account', { timeout: 20_000 });
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    check(
      (await headerName(page))?.includes('Ada Lovelace') ?? false,
      'sign-up signs in; header shows the display name',
    );
    check(await page.getByText(email).isVisible(), 'account page shows the email');
    check(
      await page.getByText('No API keys yet').isVisible(),
      'account page shows the empty key list',
    );
    await shot(page, 'flow-desktop-account');

    // Profile
    await page.getByLabel('Display name').fill('Ada L.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('.user-chip__name')?.textContent?.includes('Ada L.'),
    );
    check(true, 'updateProfile saves and the header follows');
    await page.getByLabel('Display name').fill('x'.repeat(51));
    await page.getByRole('button', { name: 'Save profile' }).click();
    check(
      await page.getByText('Use at most 50 characters.').isVisible(),
      'display name over 50 chars is rejected inline',
    );
    await page.getByRole('button', { name: 'Reset' }).click();

    // API keys: create, secret shown once, list, revoke with confirmation.
    await page.getByLabel('New key name').fill('My player app');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.locator('.secret-box');
    await secretBox.waitFor();
    const secret = (await page.locator('.secret-value').textContent())?.trim() ?? '';
    check(secret.startsWith('gsk_'), `new key secret is shown (${secret.slice(0, 10)}…)`);
    check(
      /won.t see this again/.test((await secretBox.textContent()) ?? ''),
      'the secret box says it will not be shown again',
    );
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    check(clip === secret, 'Copy puts the secret on the clipboard');
    await shot(page, 'flow-desktop-apikey-created');
    await page
      .getByRole('button', { name: 'I’ve saved it' })
      .or(page.getByRole('button', { name: "I've saved it" }))
      .click();
    check((await secretBox.count()) === 0, 'the secret disappears once dismissed');
    const row = page.locator('.key-item', { hasText: 'My player app' });
    check(
      (await row.locator('.key-prefix').textContent())?.startsWith(secret.slice(0, 10)) ?? false,
      'the key list shows the prefix',
    );
    await page.reload({ waitUntil: 'networkidle' });
    check(
      (await page.locator('.secret-value').count()) === 0,
      'after reload the secret is not shown again',
    );
    await page
      .locator('.key-item', { hasText: 'My player app' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    check(
      focused === 'Cancel',
      `revoke asks for confirmation with focus on Cancel (got ${focused})`,
    );
    await shot(page, 'flow-desktop-apikey-confirm');
    await page.keyboard.press('Escape');
    check(
      (await page.locator('.key-item__confirm').count()) === 0,
      'Escape cancels the confirmation',
    );
    await page
      .locator('.key-item', { hasText: 'My player app' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet').waitFor();
    check(true, 'revokeApiKey removes the key');

    // Change password: wrong current password → inline error from extensions.field.
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('an even better password');
    await page.getByLabel('Repeat new password').fill('an even better password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Current password is wrong').waitFor();
    const invalidName = await page.evaluate(
      () => (document.activeElement as HTMLInputElement | null)?.name,
    );
    check(
      invalidName === 'currentPassword',
      'server BAD_USER_INPUT lands on the currentPassword field, focused',
    );
    await shot(page, 'flow-desktop-change-password-error');

    // Silent refresh with rotation: the proxy refreshes before rendering and persists the new pair.
    await sleep(6_000);
    await page.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
    check(
      await page.getByRole('heading', { name: 'Your account' }).isVisible(),
      'account still renders after the access token neared expiry',
    );
    const afterFirst = mock.stats.refreshes;
    await sleep(6_000);
    await page.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
    check(
      await page.getByRole('heading', { name: 'Your account' }).isVisible(),
      'and again after a second refresh',
    );
    check(
      afterFirst >= 1 && mock.stats.refreshes > afterFirst && mock.stats.rejectedRefreshes === 0,
      `refresh rotated twice without reuse (refreshes=${mock.stats.refreshes}, rejected=${mock.stats.rejectedRefreshes})`,
    );
    // Client-side mutation right after a refresh uses the new access token.
    await page.getByLabel('New key name').fill('after refresh');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.locator('.secret-box').waitFor();
    check(true, 'browser mutations work with the refreshed access token');

    // Sign out → logout(refreshToken) on the router, header back to "Sign in".
    const logoutsBefore = mock.stats.logouts;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await sleep(300);
    check(mock.stats.logouts === logoutsBefore + 1, 'sign-out calls logout on the router');
    await page.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
    check(
      new URL(page.url()).pathname === '/signin',
      'after sign-out /account redirects to sign-in',
    );

    // Sign in: wrong password, then rate limiting with the wait time.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    check(true, 'wrong password shows a form-level message');
    for (let i = 0; i < 5; i += 1) {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForSelector('.alert--error');
      await sleep(150);
    }
    await page.getByText(/wait 42 seconds/).waitFor();
    check(true, 'RATE_LIMITED shows the wait time');
    const waitButton = page.getByRole('button', { name: /Try again in \d+ s/ });
    check(
      (await waitButton.isVisible()) && (await waitButton.isDisabled()),
      'the submit button is disabled with a countdown while rate limited',
    );
    await shot(page, 'flow-desktop-signin-rate-limited');

    // Sign up with a taken email → CONFLICT at form level with a sign-in link.
    await page.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    await page.getByLabel('Display name').fill('Someone');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('An account with this email already exists').waitFor();
    check(true, 'CONFLICT (email taken) shows a form-level message');
    await shot(page, 'flow-desktop-signup-conflict');

    // Expired session: the router revokes every refresh token; next refresh fails → sign-in page.
    const context2 = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const mobile = await context2.newPage();
    mock.setAccessTtlSeconds(900);
    await mobile.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    await mobile.getByLabel('Display name').fill('Grace Hopper');
    await mobile.getByLabel('Email').fill(`grace.${Date.now()}@example.com`);
    await mobile.getByLabel('Password', { exact: true }).fill(password);
    await mobile.getByRole('button', { name: 'Create account' }).click();
    await mobile.waitForURL('**/account', { timeout: 20_000 });
    await mobile.getByRole('heading', { name: 'Your account' }).waitFor();
    await shot(mobile, 'flow-mobile-account');
    {
      const overflow = await mobile.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      check(
        overflow <= 0,
        `no horizontal overflow at ${await mobile.evaluate(() => window.innerWidth)}px (overflow ${overflow}px)`,
      );
    }
    await context2.close();

    mock.setAccessTtlSeconds(ACCESS_TTL_S);
    const context3 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p3 = await context3.newPage();
    // (The first account is rate limited by now: use a fresh one.)
    const other = `linus.${Date.now()}@example.com`;
    await p3.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    await p3.getByLabel('Display name').fill('Linus');
    await p3.getByLabel('Email').fill(other);
    await p3.getByLabel('Password', { exact: true }).fill(password);
    await p3.getByRole('button', { name: 'Create account' }).click();
    await p3.waitForURL('**/account', { timeout: 20_000 });
    mock.revokeAllRefreshTokens();
    await sleep(6_000);
    await p3.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
    await p3.waitForURL('**/signin**', { timeout: 20_000 });
    check(
      new URL(p3.url()).searchParams.get('error') === 'SessionExpired',
      `rejected refresh sends the user to sign-in (${p3.url()})`,
    );
    await p3.getByText('Your session has expired').waitFor();
    await sleep(1_000);
    await shot(p3, 'flow-desktop-session-expired');
    await p3.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    check(
      (await p3.locator('.user-chip').count()) === 0,
      'the expired session is cleared (header shows Sign in)',
    );
    await context3.close();

    // Router goes down while signed in: friendly panel on the account page, no crash.
    const context4 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p4 = await context4.newPage();
    await p4.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    await p4.getByLabel('Display name').fill('Margaret');
    await p4.getByLabel('Email').fill(`margaret.${Date.now()}@example.com`);
    await p4.getByLabel('Password', { exact: true }).fill(password);
    await p4.getByRole('button', { name: 'Create account' }).click();
    await p4.waitForURL('**/account', { timeout: 20_000 });
    await p4.getByRole('heading', { name: 'Your account' }).waitFor();
    await mock.close();
    mockClosed = true;
    await p4.getByLabel('New key name').fill('offline');
    await p4.getByRole('button', { name: 'Create key' }).click();
    await p4.getByText(/trouble reaching its servers/).waitFor();
    check(true, 'a browser mutation with the router down shows the friendly message');
    await p4.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
    check(
      await p4.getByRole('heading', { name: 'Service unavailable' }).isVisible(),
      'account page with the router down shows "Service unavailable"',
    );
    check((await headerName(p4))?.includes('Margaret') ?? false, 'and the user stays signed in');
    await shot(p4, 'flow-desktop-account-router-down');
    await context4.close();

    check(
      pageErrors.length === 0,
      `no page or console errors (${pageErrors.join(' / ') || 'none'})`,
    );
    await context.close();
  } finally {
    await browser.close();
    if (!mockClosed) await mock.close();
  }
  console.log(failures === 0 ? '\nAll flow checks passed.' : `\n${failures} flow check(s) failed.`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
