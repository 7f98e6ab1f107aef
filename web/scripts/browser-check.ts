/**
 * Looks at the running site in Debian's headless Chromium (playwright-core, no downloaded browsers):
 * screenshots of sign-up, sign-in and the account redirect at desktop and mobile widths, plus the
 * behaviours that need no backend (client-side validation, "service unavailable" on sign-in).
 *
 *   npm run start   # or npm run dev, in another terminal
 *   npm run check:browser -- [baseUrl] [outDir]
 */
import { chromium, type Page } from 'playwright-core';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = process.argv[3] ?? '/tmp/groovy-web-screens';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const viewports = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

let failures = 0;
function check(condition: boolean, what: string) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures += 1;
}

async function shot(page: Page, name: string) {
  const path = `${outDir}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`     screenshot ${path}`);
}

async function main() {
  const fs = await import('node:fs');
  fs.mkdirSync(outDir, { recursive: true });
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
    for (const viewport of viewports) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      const v = viewport.name;

      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await shot(page, `${v}-home`);

      await page.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
      check(
        (await page.locator('h1').textContent())?.includes('Create your account') ?? false,
        `${v}: sign-up page renders`,
      );
      await shot(page, `${v}-signup`);
      {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        check(
          overflow <= 0,
          `no horizontal overflow at ${await page.evaluate(() => window.innerWidth)}px (overflow ${overflow}px)`,
        );
      }

      // Client-side validation: every field at once, focus on the first invalid field.
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForSelector('[aria-invalid="true"]');
      const invalid = await page.locator('[aria-invalid="true"]').count();
      check(invalid === 3, `${v}: sign-up shows 3 invalid fields (got ${invalid})`);
      const focusedName = await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.name,
      );
      check(
        focusedName === 'displayName',
        `${v}: focus moves to the first invalid field (got ${focusedName})`,
      );
      const describedBy = await page
        .getByLabel('Password', { exact: true })
        .getAttribute('aria-describedby');
      const describedText = describedBy
        ? await page.evaluate(
            (ids) =>
              ids
                .split(' ')
                .map((id) => document.getElementById(id)?.textContent ?? '')
                .join(' | '),
            describedBy,
          )
        : '';
      check(
        /at least 12/i.test(describedText),
        `${v}: password error is tied by aria-describedby ("${describedText}")`,
      );
      await shot(page, `${v}-signup-invalid`);

      await page.goto(`${baseUrl}/account`, { waitUntil: 'networkidle' });
      const url = new URL(page.url());
      check(
        url.pathname === '/signin' && url.searchParams.get('callbackUrl') === '/account',
        `${v}: /account redirects to sign-in (${url.pathname}${url.search})`,
      );
      await shot(page, `${v}-account-redirect-signin`);

      // Valid credentials with no router running: a friendly message, no crash.
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.locator('.alert--error');
      await alert.waitFor({ timeout: 20_000 });
      const alertText = (await alert.textContent()) ?? '';
      check(
        /trouble reaching/i.test(alertText),
        `${v}: sign-in without a backend says "${alertText.trim()}"`,
      );
      const focusedAlert = await page.evaluate(
        () => document.activeElement?.classList.contains('alert') ?? false,
      );
      check(focusedAlert, `${v}: focus moves to the form-level message`);
      await shot(page, `${v}-signin-unavailable`);

      // Keyboard: Tab from the email field reaches the password field then its show/hide toggle.
      await page.getByLabel('Email').focus();
      await page.keyboard.press('Tab');
      const afterTab = await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.name,
      );
      check(afterTab === 'password', `${v}: Tab moves from email to password (got ${afterTab})`);

      const relevantErrors = consoleErrors.filter((e) => !/Failed to load resource/.test(e));
      check(
        relevantErrors.length === 0,
        `${v}: no page errors (${relevantErrors.join(' / ') || 'none'})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(
    failures === 0 ? '\nAll browser checks passed.' : `\n${failures} browser check(s) failed.`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
