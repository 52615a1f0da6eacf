import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccountAdmin } from '../../src/auth/account-admin.js';
import { createAccountStore } from '../../src/auth/account-store.js';
import { createOidcClient } from '../../src/auth/oidc-client.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createSignInLockout } from '../../src/auth/sign-in-lockout.js';
import { createScopeOracle } from '../../src/engine/scope-oracle.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { buildUnit } from '../support/builders.js';
import { startLocalProvider, type LocalProvider } from '../api/local-oidc-provider.js';
import { launchBrowser } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

const TREE: OrgUnit[] = [
  buildUnit({ id: 'D1', name: 'Đảng bộ quận Một', level: 'district', block: 'urban_district' }),
  buildUnit({ id: 'B1', name: 'Đảng bộ phường Một', level: 'base', parentId: 'D1', workingGroup: 'wg1' }),
  buildUnit({ id: 'C1', name: 'Chi bộ 1', level: 'cell', parentId: 'B1' }),
];

describe(
  'signing in with the organisation’s identity provider, in a real browser',
  { timeout: 60_000 },
  () => {
    let app: DashboardApp;
    let provider: LocalProvider;
    let browser: Browser;
    let page: Page;

    /** From the dashboard's button through the provider's development login (and consent) forms. */
    async function signInAtProvider(login: string) {
      await page.goto(`${app.baseUrl}/`);
      await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản tổ chức' }).click();
      await page.locator('input[name=login]').fill(login);
      await page.locator('input[name=password]').fill('any');
      await page.locator('button[type=submit]').click();
      // The provider may ask for consent next; otherwise it sends the browser straight back.
      const consent = page.locator('input[name=prompt][value=consent]');
      const consented = consent
        .waitFor({ state: 'attached' })
        .then(() => page.locator('button[type=submit]').first().click());
      const leftProvider = page.waitForURL((url) => url.origin !== provider.issuer);
      await Promise.race([consented, leftProvider]).catch(() => undefined);
      await Promise.allSettled([consented, leftProvider]);
    }

    beforeAll(async () => {
      provider = await startLocalProvider();
      app = await startDashboardApp(TREE, '2020-03-02T01:00:00Z', ({ redis, prefix, engine }) => {
        const store = createAccountStore(redis, prefix);
        const oracle = createScopeOracle(engine);
        const client = createOidcClient({ ...provider, usernameClaim: 'preferred_username' });
        return {
          accounts: {
            store,
            lockout: createSignInLockout(redis, prefix),
            oracle,
            sessionRedis: redis,
            secret: 'a browser-test secret of at least 32 characters',
            idleMinutes: 30,
            absoluteHours: 12,
            oidc: { client },
          },
        };
      });
      provider.serve(`${app.baseUrl}/api/v1/session/oidc/callback`);
      const admin = createAccountAdmin({
        accounts: createAccountStore(app.redis, app.prefix),
        tokens: app.tokens,
        oracle: createScopeOracle(app.engine),
      });
      const assignment = { role: 'secretary', unitId: 'C1' } as const;
      await admin.create(LOCAL_ADMIN, {
        username: 'bi-thu-c1',
        displayName: 'Bí thư',
        password: 'mật khẩu đủ dài',
        assignment,
      });
      browser = await launchBrowser();
    });
    // A fresh browser each time: the provider remembers who signed in there and would skip its login form.
    beforeEach(async () => {
      const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(8_000);
      page = await context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await provider?.close();
    });

    it('when a secretary known here signs in at the provider, then the dashboard opens on its work waiting, signed in by cookie', async () => {
      await signInAtProvider('bi-thu-c1');
      await page.waitForURL(/#\/work$/);
      expect(new URL(page.url()).search).toBe('');
    });

    it('when a secretary signed in at the provider signs out, then the provider signs out too and the next sign-in asks for the login again', async () => {
      await signInAtProvider('bi-thu-c1');
      await page.waitForURL(/#\/work$/);
      await page.locator('#sign-out').click();
      // The provider's own confirmation page, then back to the dashboard's sign-in.
      await page.waitForURL((url) => url.origin === provider.issuer);
      await page.locator('button[name=logout][value=yes]').click();
      await page.waitForURL((url) => url.href.startsWith(app.baseUrl));
      await page.locator('#account-sign-in').waitFor();
      await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản tổ chức' }).click();
      await page.locator('input[name=login]').waitFor();
      expect(new URL(page.url()).origin).toBe(provider.issuer);
    });

    it('when the provider vouches for a username no account has, then the page says to ask an account admin', async () => {
      await signInAtProvider('nguoi-la');
      await expect.poll(() => page.locator('main').textContent()).toContain('nhờ quản trị tài khoản tạo');
      await page.getByRole('link', { name: /Quay lại trang đăng nhập/ }).click();
      await page.locator('#account-sign-in').waitFor();
    });
  },
);
