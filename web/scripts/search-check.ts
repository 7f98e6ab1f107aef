/**
 * Search and discovery in headless Chromium against scripts/mock-router.ts (auth + songs + its
 * `query` slice from scripts/mock-search.ts), NOT the real backend: the header combobox (typing,
 * suggestions, ArrowDown + Enter opens the song, Escape, Enter → /search), the search page
 * (highlights, facets toggling the URL and results, back button, load more, play, empty state),
 * the home rows, and the home page with the router gone. Screenshots at desktop and phone widths.
 *
 *   GRAPHQL_URL=http://127.0.0.1:4999/graphql NEXTAUTH_SECRET=... npm run start   (or npm run dev)
 *   npm run check:search -- [baseUrl] [outDir]
 */
import fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startMockRouter } from './mock-router';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = process.argv[3] ?? '/tmp/groovy-web-screens';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let failures = 0;
function check(condition: boolean, what: string) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures += 1;
}
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage });
  console.log(`     screenshot ${outDir}/${name}.png`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const mock = await startMockRouter(4999, 900, { songs: {} });
  let mockClosed = false;
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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        pageErrors.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => {
      const op = /"operationName":"(\w+)"/.exec(r.postData() ?? '')?.[1];
      if (op) requests.push(op);
    });

    // Home: both rows, play from a row.
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const trending = page.getByRole('list', { name: 'Trending songs' });
    const releases = page.getByRole('list', { name: 'New releases' });
    check((await trending.getByRole('listitem').count()) > 0, 'home shows the Trending row');
    check((await releases.getByRole('listitem').count()) > 0, 'home shows the New releases row');
    const firstTrending = (await trending.getByRole('listitem').first().innerText()).split('\n');
    check(firstTrending.includes('Perfect Pitch'), `most played song first (${firstTrending[0]})`);
    await trending.getByRole('button', { name: 'Play Perfect Pitch' }).click();
    await page.waitForFunction(() => {
      const a = document.querySelector('audio');
      return !!a && !a.paused && a.currentTime > 0.3;
    });
    check(true, 'playing from the Trending row');
    await shot(page, 'search-home');

    // Header combobox.
    const box = page.getByRole('combobox', { name: /Search songs/ });
    await box.click();
    requests.length = 0;
    await box.pressSequentially('pitc', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    await listbox.getByRole('option').first().waitFor();
    check((await box.getAttribute('aria-expanded')) === 'true', 'combobox aria-expanded=true');
    const suggestCalls = requests.filter((r) => r === 'SearchSuggestions').length;
    check(
      suggestCalls >= 1 && suggestCalls <= 2,
      `debounced: ${suggestCalls} request(s) for 4 keys`,
    );
    const options = await listbox.getByRole('option').allInnerTexts();
    check(
      options.length >= 3,
      `suggestions: ${options.map((o) => o.replace(/\n/g, ' ')).join(' | ')}`,
    );
    check(
      (await listbox.locator('mark').count()) > 0,
      'suggestions highlight the match with <mark>',
    );
    await shot(page, 'search-suggestions', false);
    await box.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    const activeSelected = activeId
      ? await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')
      : null;
    check(
      activeSelected === 'true',
      'ArrowDown highlights the first option (aria-activedescendant)',
    );
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    const firstTitle = (await listbox.getByRole('option').first().innerText()).split('\n')[1];
    await box.press('Enter');
    await page.waitForURL(/\/songs\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const h1 = await page.getByRole('heading', { level: 1 }).innerText();
    check(h1 === firstTitle, `Enter opened the highlighted song (${h1})`);

    // Escape closes; Enter without a highlighted option → /search?q=
    await box.fill('');
    await box.pressSequentially('tone', { delay: 30 });
    await listbox.getByRole('option').first().waitFor();
    await box.press('Escape');
    check((await box.getAttribute('aria-expanded')) === 'false', 'Escape closes the list');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=tone$/);
    check(true, 'Enter without a highlighted option goes to /search?q=tone');

    // Search page: highlights, facets, URL.
    await page.getByRole('heading', { name: /Results for/ }).waitFor();
    const songList = page.getByRole('list', { name: /Songs matching/ });
    const marks = await songList.locator('mark').allInnerTexts();
    check(marks.length > 0, `song highlights: ${[...new Set(marks)].join(', ')}`);
    check(
      (await page.getByRole('checkbox').count()) > 0,
      `facets: ${(await page.getByRole('checkbox').allInnerTexts()).map((t) => t.replace(/\n/g, ' ')).join(' | ')}`,
    );
    const before = await songList.getByRole('listitem').count();
    await shot(page, 'search-page');
    const jazz = page.getByRole('checkbox', { name: /^Jazz/ });
    await jazz.click();
    await page.waitForURL(/genre=Jazz/);
    await page.getByRole('checkbox', { name: /^Jazz/, checked: true }).waitFor();
    const after = await songList.getByRole('listitem').allInnerTexts();
    check(
      after.length > 0 && after.length < before,
      `genre facet narrows results (${before} → ${after.length}), URL ${new URL(page.url()).search}`,
    );
    await page.getByRole('checkbox', { name: /^2024/ }).click();
    await page.waitForURL(/genre=Jazz&year=2024/);
    check(true, 'second facet (year) added to the URL');
    await shot(page, 'search-filtered');
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('year='));
    await page.getByRole('checkbox', { name: /^Jazz/, checked: true }).waitFor();
    check(true, 'back button returns to the previous filters');
    await page.getByRole('checkbox', { name: /^Jazz/ }).click();
    await page.waitForURL((u) => !u.search.includes('genre='));
    check(
      (await songList.getByRole('listitem').count()) === before,
      'unticking the facet restores the results',
    );

    // Load more on a broad query (the demo artist has 26 songs).
    await page.goto(`${baseUrl}/search?q=sine`, { waitUntil: 'networkidle' });
    const sineList = page.getByRole('list', { name: /Songs matching/ });
    const firstPage = await sineList.getByRole('listitem').count();
    await page.getByRole('button', { name: /Load more/ }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.search-songs > li').length > n,
      firstPage,
    );
    const total = await sineList.getByRole('listitem').count();
    check(total > firstPage, `load more: ${firstPage} → ${total}`);

    // Play from the results.
    await page.goto(`${baseUrl}/search?q=midnight`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Play Midnight Tones' }).click();
    await page.waitForFunction(() => {
      const a = document.querySelector('audio');
      return !!a && !a.paused && a.currentTime > 0.2;
    });
    check(
      (await page.locator('.player-bar').innerText()).includes('Midnight Tones'),
      'a search result plays in the player bar',
    );

    // Markup in titles stays text.
    await page.goto(`${baseUrl}/search?q=sunrise`, { waitUntil: 'networkidle' });
    const title = await page.locator('.search-songs .track-row__title').first().innerText();
    check(
      title === 'Sawtooth <b>Sunrise</b>' && (await page.locator('.search-songs b').count()) === 0,
      `markup in a title is shown as text: ${title}`,
    );

    // Empty state.
    await page.goto(`${baseUrl}/search?q=zzzzqqq`, { waitUntil: 'networkidle' });
    check((await page.getByText(/Nothing matches/).count()) === 1, 'empty state for no results');

    // Phone width.
    const mobile = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await mobile.newPage();
    phone.on('pageerror', (e) => pageErrors.push(String(e)));
    await phone.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const phoneBox = phone.getByRole('combobox', { name: /Search songs/ });
    await phoneBox.tap();
    await phoneBox.pressSequentially('square', { delay: 30 });
    await phone.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
    const popup = await phone.locator('.header-search__popup').boundingBox();
    check(
      !!popup && popup.x >= 0 && popup.x + popup.width <= 390,
      `phone: suggestions fit the screen (${popup?.x}..${popup && popup.x + popup.width})`,
    );
    await shot(phone, 'search-phone-suggestions', false);
    await phone.goto(`${baseUrl}/search?q=pitch`, { waitUntil: 'networkidle' });
    const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(scrollWidth <= 390, `phone: search page has no sideways scroll (${scrollWidth}px)`);
    await shot(phone, 'search-phone-page');
    await phone.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await shot(phone, 'search-phone-home');
    await mobile.close();

    check(
      pageErrors.length === 0,
      `no page errors${pageErrors.length ? `: ${pageErrors.join(' | ')}` : ''}`,
    );

    // Router gone: home still renders with a friendly message; search says unavailable.
    await mock.close();
    mockClosed = true;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    check(
      (await page.getByText(/taking a break/).count()) === 1 &&
        (await page.getByRole('heading', { level: 1 }).count()) === 1,
      'home without the router: page renders with a friendly message',
    );
    await shot(page, 'search-home-down');
    await page.goto(`${baseUrl}/search?q=tone`, { waitUntil: 'networkidle' });
    check(
      (await page.getByRole('heading', { name: 'Service unavailable' }).count()) === 1,
      'search without the router: "Service unavailable"',
    );
    await context.close();
  } finally {
    await browser.close();
    if (!mockClosed) await mock.close();
  }
  console.log(failures ? `\n${failures} check(s) failed` : '\nall search checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
