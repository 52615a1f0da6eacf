import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit } from '../support/builders.js';
import { launchBrowser } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

/** The first page's budget (issue 16): what a newcomer's browser fetches before `load`. */
const MAX_REQUESTS = 15;
const MAX_BYTES = 300_000;

/** One request of the first page: where it went and the bytes it took on the wire (headers included). */
interface Fetched {
  url: string;
  bytes: number;
  headers: Record<string, string>;
}

/**
 * Opens `/` in a fresh context (empty cache, no token) and returns every network request the page made
 * before its load event, with the bytes each took as Chromium received them (compressed when the server
 * compressed). `data:` URLs are not requests on the wire.
 */
async function loadFirstPage(browser: Browser, baseUrl: string): Promise<Fetched[]> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  const beforeLoad: Request[] = [];
  let loaded = false;
  page.on('request', (request) => {
    if (!loaded && !request.url().startsWith('data:')) beforeLoad.push(request);
  });
  page.once('load', () => (loaded = true));
  await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  const fetched = await Promise.all(
    beforeLoad.map(async (request) => {
      const response = await request.response();
      const sizes = await request.sizes();
      return {
        url: request.url(),
        bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        headers: (await response?.allHeaders()) ?? {},
      };
    }),
  );
  await context.close();
  return fetched;
}

describe('the first page in a real browser', () => {
  let app: DashboardApp;
  let browser: Browser;
  let fetched: Fetched[];

  beforeAll(async () => {
    app = await startDashboardApp([buildUnit({ id: 'D1', level: 'district' })], '2020-03-02T01:00:00Z');
    browser = await launchBrowser();
    fetched = await loadFirstPage(browser, app.baseUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const path = (f: Fetched) => new URL(f.url).pathname;
  const bundled = () => fetched.filter((f) => path(f).startsWith('/dashboard/assets/'));

  it('when / is opened without a token, then it loads in at most 15 requests and 300 KB on the wire', () => {
    const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
    console.info(`first page: ${fetched.length} requests, ${(bytes / 1000).toFixed(1)} KB on the wire`);
    expect(fetched.length).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('when / is opened, then the page is revalidated and its bundled files, named by their hash, are kept a year', () => {
    expect(fetched.filter((f) => path(f) === '/').map((f) => f.headers['cache-control'])).toEqual([
      'no-cache',
    ]);
    expect(
      bundled()
        .map((f) => path(f).replace(/-[A-Z0-9]{8}\./, '-<hash>.'))
        .sort(),
    ).toEqual(['/dashboard/assets/dashboard-<hash>.css', '/dashboard/assets/main-<hash>.js']);
    for (const f of bundled())
      expect(f.headers['cache-control'], f.url).toBe('public, max-age=31536000, immutable');
  });

  it('when / is opened, then the page and its bundled files arrive compressed', () => {
    for (const f of [...fetched.filter((f) => path(f) === '/'), ...bundled()])
      expect(['br', 'gzip'], f.url).toContain(f.headers['content-encoding']);
  });
});
