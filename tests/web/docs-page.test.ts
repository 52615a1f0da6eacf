import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../api/api-harness.js';
import { launchBrowser } from './browser.js';

/** A name that is not localhost, which browsers exempt from upgrading http:// to https://. */
const HOST = 'congress.example';

describe('/docs reached by a host name other than localhost, over plain HTTP', () => {
  let app: TestApp;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    // Behind a TLS-terminating proxy on this machine, as TRUST_PROXY=loopback declares.
    app = await startTestApp({ trustProxy: 'loopback' });
    port = (app.server.address() as AddressInfo).port;
    // The browser resolves the name to the test server, as a DNS entry would.
    browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const csp = async (headers: Record<string, string>) => {
    const res = await app
      .http()
      .get('/docs/')
      .set({ Host: `${HOST}:${port}`, ...headers });
    expect(res.status).toBe(200);
    return res.headers['content-security-policy'] as string;
  };

  it('when /docs is requested over plain HTTP, then its CSP does not tell the browser to upgrade requests to HTTPS', async () => {
    const policy = await csp({});
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('when /docs is requested through a trusted HTTPS proxy on loopback, then the CSP keeps upgrade-insecure-requests', async () => {
    expect(await csp({ 'X-Forwarded-Proto': 'https' })).toContain('upgrade-insecure-requests');
  });

  it('when Chromium opens /docs by that name, then Swagger UI renders the API with its operations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`http://${HOST}:${port}/docs/`);

    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 10_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    await context.close();
  });
});
