import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountAdmin } from '../../src/auth/account-admin.js';
import type { AssignmentRequest } from '../../src/auth/account.schema.js';
import { createAccountStore, type AccountStore } from '../../src/auth/account-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createSignInLockout } from '../../src/auth/sign-in-lockout.js';
import { createScopeOracle } from '../../src/engine/scope-oracle.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { buildUnit } from '../support/builders.js';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

/** D1 → B1 → C1, C2; D2 → B3: an account admin of B1 has C1 inside its subtree and B3 outside. */
const TREE: OrgUnit[] = [
  buildUnit({ id: 'D1', name: 'Đảng bộ quận Một', level: 'district', block: 'urban_district' }),
  buildUnit({ id: 'B1', name: 'Đảng bộ phường Một', level: 'base', parentId: 'D1', workingGroup: 'wg1' }),
  buildUnit({ id: 'C1', name: 'Chi bộ 1', level: 'cell', parentId: 'B1' }),
  buildUnit({ id: 'C2', name: 'Chi bộ 2', level: 'cell', parentId: 'B1' }),
  buildUnit({ id: 'D2', name: 'Đảng bộ quận Hai', level: 'district', block: 'urban_district' }),
  buildUnit({ id: 'B3', name: 'Đảng bộ phường Ba', level: 'base', parentId: 'D2', workingGroup: 'wg3' }),
];
const PASSWORD = 'mật khẩu đủ dài';

describe('signing in with an account, in a real browser', { timeout: 60_000 }, () => {
  let app: DashboardApp;
  let store: AccountStore;
  let browser: Browser;
  let page: Page;

  async function person(username: string, assignment: AssignmentRequest) {
    const admin = createAccountAdmin({
      accounts: store,
      tokens: app.tokens,
      oracle: createScopeOracle(app.engine),
    });
    await admin.create(LOCAL_ADMIN, { username, displayName: username, password: PASSWORD, assignment });
  }

  async function signIn(username: string, password = PASSWORD) {
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).first().click();
  }

  beforeAll(async () => {
    app = await startDashboardApp(TREE, '2020-03-02T01:00:00Z', ({ redis, prefix, engine }) => {
      store = createAccountStore(redis, prefix);
      return {
        accounts: {
          store,
          lockout: createSignInLockout(redis, prefix),
          oracle: createScopeOracle(engine),
          sessionRedis: redis,
          secret: 'a browser-test secret of at least 32 characters',
          idleMinutes: 30,
          absoluteHours: 12,
        },
      };
    });
    await person('bi-thu-c1', { role: 'secretary', unitId: 'C1' });
    await person('qtv-b1', { role: 'account_admin', subtreeOf: 'B1' });
    browser = await launchBrowser();
  });
  beforeAll(async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('when a secretary signs in with a wrong password, then the page says so in Vietnamese and keeps the form', async () => {
    await signIn('bi-thu-c1', 'sai mật khẩu rồi');
    await expect
      .poll(() => page.locator('#account-error').textContent())
      .toContain('Sai tên đăng nhập hoặc mật khẩu');
  });

  it('when a secretary signs in, then the dashboard opens on its work waiting with an HttpOnly cookie; signing out ends the server session', async () => {
    await signIn('bi-thu-c1');
    await page.waitForURL(/#\/work$/);
    const cookies = await page.context().cookies();
    const sid = cookies.find((c) => c.name === 'congress.sid');
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('congress.sid');
    await page.locator('#sign-out').click();
    await page.locator('#account-sign-in').waitFor();
    const res = await page.request.get(`${app.baseUrl}/api/v1/me`, {
      headers: { Cookie: `congress.sid=${sid!.value}` },
    });
    expect(res.status()).toBe(401);
  });

  it('when an account admin creates a secretary in its subtree, then the account is listed; outside it, the refusal says whom to ask', async () => {
    await signIn('qtv-b1');
    await page.waitForURL(/#\/tree\/B1$/);
    await page.locator('#accounts-link').click();
    await page.locator('#accounts-title').waitFor();
    const create = async (username: string, unit: string) => {
      await page.locator('#new-username').fill(username);
      await page.locator('#new-name').fill(`Bí thư ${unit}`);
      await page.locator('#new-password').fill(PASSWORD);
      await page.locator('#new-role').selectOption('secretary');
      await page.locator('#new-scope').fill(unit);
      await page.locator('#create-account button[type=submit]').click();
    };
    await create('bi-thu-c2', 'C2');
    await page.locator('tr[data-username="bi-thu-c2"]').waitFor();
    expect(await page.locator('#accounts-status').textContent()).toContain('Đã tạo tài khoản bi-thu-c2');
    await create('bi-thu-b3', 'B3');
    await expect
      .poll(() => page.locator('#accounts-status').textContent())
      .toMatch(/Không thực hiện được: .*outside your subtree B1/);
    expect(await store.byUsername('bi-thu-b3')).toBeNull();
    expect((await store.byUsername('bi-thu-c2'))?.assignments).toMatchObject([
      { role: 'secretary', unitId: 'C2' },
    ]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/accounts-admin.png`, fullPage: true });
  });
});
