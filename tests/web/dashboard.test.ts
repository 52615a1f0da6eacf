import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { buildUnit, principals } from '../support/builders.js';
import { driveUnitToCongressHeld } from '../support/drive.js';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

/** D1 → B1 (ward; cells C1, C2) and B2 (school). Cells and B1 hold their congresses; B2 is flagged. */
const TREE: OrgUnit[] = [
  buildUnit({ id: 'D1', name: 'Đảng bộ quận Thử', level: 'district', block: 'urban_district' }),
  buildUnit({ id: 'B1', name: 'Đảng bộ phường Một', level: 'base', parentId: 'D1', workingGroup: 'wg1' }),
  buildUnit({
    id: 'B2',
    name: 'Chi bộ trường Hai',
    level: 'base',
    block: 'schools',
    parentId: 'D1',
    workingGroup: 'wg2',
  }),
  buildUnit({ id: 'C1', name: 'Chi bộ 1', level: 'cell', parentId: 'B1' }),
  buildUnit({ id: 'C2', name: 'Chi bộ 2', level: 'cell', parentId: 'B1' }),
];

/** The browser's clock: after the base units' date in the 2020–2025 directive (30/6/2020), before the district's. */
const BROWSER_NOW = new Date('2020-07-03T09:00:00+07:00');

function overdueAlert(id: string, unitId: string, type: Alert['type']): Alert {
  const dueAt = '2020-06-30T17:00:00.000+07:00';
  return {
    id,
    type,
    unitId,
    deadline: { kind: 'congress.held', step: 'procedure', enteredSeq: 0, owner: 'unit', dueAt },
    recipients: ['sc:D1'],
    fireAt: '2020-06-30T10:00:00.000Z',
    createdAt: '2020-06-30T10:00:00.000Z',
    ...(type === 'escalation' ? { rung: 2 } : {}),
  };
}

interface ProgressBody {
  byLevel: { level: string; formatted: string }[];
}

describe('dashboard in a real browser', () => {
  let app: DashboardApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let auditor: string;
  const foreignRequests: string[] = [];
  /** Paths of the API requests the page made, in order; tests clear it before the action they watch. */
  const apiRequests: string[] = [];

  beforeAll(async () => {
    app = await startDashboardApp(TREE, '2020-03-02T01:00:00Z');
    // Overdue counts of subordinates are taken at the engine's clock; align it with the browser's
    // (every event below is recorded then, after it occurred).
    app.clock.set(BROWSER_NOW);
    // The cells hold their congresses before their base prepares (3/4), as cells go first.
    await driveUnitToCongressHeld(app.engine, 'C1', '2020-03-12');
    await driveUnitToCongressHeld(app.engine, 'C2', '2020-03-16');
    await driveUnitToCongressHeld(app.engine, 'B1', '2020-06-10');
    await app.engine.dispatch(
      'B2',
      {
        type: 'unit.flagged_difficult',
        payload: { reason: 'Khiếu nại về nhân sự' },
        at: '2020-06-01T09:00:00+07:00',
      },
      principals.workingGroup('wg2'),
    );
    await app.alertStore.record(overdueAlert('dl|B2|congress.held|0|due', 'B2', 'overdue'));
    auditor = await app.issueToken({ role: 'auditor', subtreeOf: 'D1' });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    // Fail within the test's own time budget, with Playwright's message rather than a bare timeout.
    context.setDefaultTimeout(5_000);
    page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(app.baseUrl) && !request.url().startsWith('data:'))
        foreignRequests.push(request.url());
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/')) apiRequests.push(url.pathname);
    });
    await page.clock.setFixedTime(BROWSER_NOW);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  // A string, because the test's own TypeScript has no DOM types; it runs in the page.
  const storedToken = () => page.evaluate<string | null>("sessionStorage.getItem('congress.token')");
  const levelTotal = (level: string) => page.locator(`tr[data-level="${level}"][data-block="*"] .done`);
  const unitRequests = () => apiRequests.filter((path) => path.startsWith('/api/v1/units/'));
  const signInWith = async (token: string) => {
    await page.getByLabel('Mã truy cập (bearer token)').fill(token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };

  it('when a wrong token is pasted, then sign-in says so and nothing is kept in the session', async () => {
    await page.goto(`${app.baseUrl}/`);
    await signInWith('not-a-real-token-0123456789');

    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('không hợp lệ');
    expect(await storedToken()).toBeNull();
  });

  it('when an auditor signs in with the token alone, then the district of its scope opens with the API roll-up in Vietnamese formatting', async () => {
    apiRequests.length = 0;
    await signInWith(auditor);

    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();
    expect(apiRequests[0]).toBe('/api/v1/me');
    const progress = (await app.api('/api/v1/units/D1/progress', auditor)) as ProgressBody;
    const formatted = Object.fromEntries(progress.byLevel.map((l) => [l.level, l.formatted]));
    expect(formatted).toEqual({ base: '1/2 (50,00%)', cell: '2/2 (100,00%)' });
    expect(await levelTotal('base').textContent()).toBe(formatted.base);
    expect(await levelTotal('cell').textContent()).toBe(formatted.cell);
    expect(await page.locator('tr[data-level="base"][data-block="schools"] .done').textContent()).toBe(
      '0/1 (0,00%)',
    );
    expect(await storedToken()).toBe(auditor);
  });

  it('when the district page is shown, then the children’s phases come from one children request, not one per child', async () => {
    const children = (await app.api('/api/v1/units/D1/children', auditor)) as {
      children: { id: string; phase: string }[];
    };
    for (const child of children.children) {
      const badge = page.locator(`tr[data-unit="${child.id}"] .phase-badge`);
      expect(await badge.getAttribute('class')).toContain(`phase-${child.phase}`);
    }
    expect(unitRequests().sort()).toEqual(
      [
        '/api/v1/units/D1',
        '/api/v1/units/D1',
        '/api/v1/units/D1/at-risk',
        '/api/v1/units/D1/children',
        '/api/v1/units/D1/progress',
      ].sort(),
    );
  });

  it('when the district page is shown, then the units at risk are the server’s list for the subtree, each with why', async () => {
    const b2 = page.locator('#risk-list li[data-unit="B2"]');
    await b2.waitFor();
    const server = (await app.api('/api/v1/units/D1/at-risk', auditor)) as { units: { id: string }[] };
    const shown = await Promise.all(
      (await page.locator('#risk-list > ul > li').all()).map((li) => li.getAttribute('data-unit')),
    );
    expect(shown).toEqual(server.units.map((u) => u.id));
    // Flagged difficult is a reason; an alert in the feed is not one of its own (the overdue job marks units).
    expect(await b2.locator('li').allTextContents()).toEqual(['Đơn vị có khó khăn, phức tạp']);
    expect(await page.locator('#risk-list li[data-unit="B1"]').count()).toBe(0);
    for (const id of ['B1', 'B2']) {
      const view = (await app.api(`/api/v1/units/${id}`, auditor)) as { deadlines: { dueAt: string }[] };
      const overdue = view.deadlines.filter((d) => Date.parse(d.dueAt) < BROWSER_NOW.getTime()).length;
      expect(await page.locator(`tr[data-unit="${id}"] .overdue-count`).textContent()).toBe(String(overdue));
    }
    expect(await page.locator('tr[data-unit="B2"] .flag-difficult').textContent()).toBe(
      ' Có khó khăn, phức tạp',
    );
    expect(await page.locator('#alerts-list [data-alert="dl|B2|congress.held|0|due"]').count()).toBe(1);
  });

  it('when a new alert is recorded, then it arrives in the panel live, without a reload', async () => {
    await expect.poll(() => page.locator('#alerts-status').getAttribute('data-status')).toBe('live');
    await app.alertStore.record(overdueAlert('dl|B2|congress.held|0|esc-2', 'B2', 'escalation'));

    const live = page.locator('#alerts-list [data-alert="dl|B2|congress.held|0|esc-2"]');
    await live.waitFor();
    expect(await live.textContent()).toContain('Báo cấp trên');
  });

  it('when the server drops the alert stream, then the panel says it is retrying and comes back live', async () => {
    const status = () => page.locator('#alerts-status').getAttribute('data-status');
    app.dropConnections();

    // The client waits a second before reconnecting, so "offline" is on screen long enough to see.
    await expect.poll(status).toBe('offline');
    expect(await page.locator('#alerts-status').textContent()).toBe('Mất kết nối, đang thử lại…');
    await expect.poll(status, { timeout: 5_000 }).toBe('live');
    await app.alertStore.record(overdueAlert('dl|B2|congress.held|0|esc-3', 'B2', 'escalation'));
    await page.locator('#alerts-list [data-alert="dl|B2|congress.held|0|esc-3"]').waitFor();
  });

  it('when a base unit is drilled into, then its cells show with the phases the API reports, with no per-cell request', async () => {
    apiRequests.length = 0;
    await page.getByRole('link', { name: 'Xem tiến độ của Đảng bộ phường Một' }).click();

    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ phường Một' }).waitFor();
    expect(await levelTotal('cell').textContent()).toBe('2/2 (100,00%)');
    const c1 = (await app.api('/api/v1/units/C1', auditor)) as { phase: string };
    await expect
      .poll(() => page.locator('tr[data-unit="C1"] .phase-badge').getAttribute('class'))
      .toContain(`phase-${c1.phase}`);
    expect(await page.locator('nav.trail li').allTextContents()).toEqual([
      'Đảng bộ quận Thử',
      'Đảng bộ phường Một',
    ]);
    expect(unitRequests().sort()).toEqual([
      '/api/v1/units/B1',
      '/api/v1/units/B1/at-risk',
      '/api/v1/units/B1/children',
      '/api/v1/units/B1/progress',
    ]);
  });

  it('when the unit page is opened, then its timeline lists every dispatched event with label, actor and hash prefix', async () => {
    await page.getByRole('link', { name: 'Trang đơn vị' }).first().click();
    await page.getByRole('heading', { name: 'Đảng bộ phường Một', level: 1, exact: true }).waitFor();

    const history = (await app.api('/api/v1/units/B1/history?limit=500', auditor)) as {
      entries: { seq: number; type: string; hash: string }[];
    };
    const rows = page.locator('table.timeline tbody tr');
    expect(await rows.count()).toBe(history.entries.length);
    const closed = history.entries.find((e) => e.type === 'congress.closed')!;
    const row = page.locator(`table.timeline tr[data-seq="${closed.seq}"]`);
    expect(await row.locator('.event-label').textContent()).toBe('Bế mạc đại hội');
    expect(await row.textContent()).toContain('Bí thư · sec-B1');
    expect(await row.locator('code[title]').textContent()).toBe(closed.hash.slice(0, 12));
    const view = (await app.api('/api/v1/units/B1', auditor)) as {
      phase: string;
      allowedEvents: { type: string; allowed: boolean }[];
    };
    expect(await page.locator('#unit-phase').getAttribute('class')).toContain(`phase-${view.phase}`);
    expect(await page.locator('.stepper [aria-current="step"]').getAttribute('data-phase')).toBe(view.phase);
    const allowed = view.allowedEvents.filter((e) => e.allowed).map((e) => e.type);
    expect(
      await Promise.all(
        (await page.locator('ul.events').first().locator('li').all()).map((li) =>
          li.getAttribute('data-event'),
        ),
      ),
    ).toEqual(allowed);
    expect(await page.locator('li[data-event="committee.first_meeting_held"]').textContent()).toContain(
      'Hội nghị lần thứ nhất',
    );
    expect(await page.locator('li[data-event="committee.first_meeting_held"] .roles').textContent()).toBe(
      ' · Bí thư',
    );
    const blocked = (view.allowedEvents as { type: string; allowed: boolean; reason?: string }[]).find(
      (e) => !e.allowed && e.reason !== undefined,
    )!;
    const blockedItem = page.locator(`li[data-event="${blocked.type}"]`);
    expect(await blockedItem.locator('.reason [lang="en"]').textContent()).toBe(blocked.reason);
    expect(await blockedItem.locator('.reason-lang').textContent()).toBe(' (lý do bằng tiếng Anh)');
    const { flags } = (await app.api('/api/v1/units/B1', auditor)) as { flags: Record<string, boolean> };
    const shownFlags = await Promise.all(
      (await page.locator('#unit-flags [data-flag]').all()).map((li) => li.getAttribute('data-flag')),
    );
    expect(shownFlags.sort()).toEqual(
      Object.keys(flags)
        .filter((key) => flags[key])
        .sort(),
    );
    expect(flags.congressHeld).toBe(true);
    const pilot = page.locator('.stepper [data-phase="pilot"]');
    expect(await pilot.getAttribute('class')).toContain('step-skipped');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-unit-vi.png`, fullPage: true });
  });

  it('when the replay slider is moved back to seq 1, then the phase replayed there is shown', async () => {
    const atOne = (await app.api('/api/v1/units/B1/state?seq=1', auditor)) as { phase: string };
    const now = (await app.api('/api/v1/units/B1', auditor)) as { phase: string };
    expect(atOne.phase).not.toBe(now.phase);

    await page.locator('#replay-seq').fill('1');

    await expect.poll(() => page.locator('#replay-result').getAttribute('data-phase')).toBe(atOne.phase);
    expect(await page.locator('#replay-result').textContent()).toBe('Sau sự kiện số 1: giai đoạn Kế hoạch');
    expect(await page.locator('table.timeline tr.after-replay').count()).toBeGreaterThan(0);
    expect(await page.locator('table.timeline tr[data-seq="1"].after-replay').count()).toBe(0);
  });

  it('when a day is picked in the replay, then the state at its end is shown by when events happened, or by when they were recorded', async () => {
    const asOf = encodeURIComponent('2020-05-15T23:59:59+07:00');
    const occurred = (await app.api(`/api/v1/units/B1/state?at=${asOf}&by=occurred`, auditor)) as {
      seq: number;
    };
    expect(occurred.seq).toBeGreaterThan(0);

    await page.locator('#replay-date').fill('2020-05-15');
    await page.locator('#replay-by').selectOption('occurred');
    await page.locator('#replay-date-go').click();
    await expect
      .poll(() => page.locator('#replay-result').textContent())
      .toContain(`Sau sự kiện số ${occurred.seq}:`);

    // Every event of this log was recorded on 3/7/2020, so by recorded time nothing had happened yet.
    await page.locator('#replay-by').selectOption('recorded');
    await page.locator('#replay-date-go').click();
    await expect.poll(() => page.locator('#replay-result').textContent()).toContain('Sau sự kiện số 0:');
    // Recorded weeks after they happened: the timeline marks them late for supervisors, with both times.
    expect(await page.locator('table.timeline .badge.late').count()).toBeGreaterThan(0);
    expect(await page.locator('table.timeline th').allTextContents()).toEqual(
      expect.arrayContaining(['Diễn ra lúc', 'Ghi nhận lúc']),
    );
  });

  it('when verify is clicked on an untouched log, then the chain is reported intact with its event count', async () => {
    await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();

    const result = page.locator('#verify-result[data-ok]');
    await result.waitFor();
    const verify = (await app.api('/api/v1/units/B1/verify', auditor)) as { reports: { events: number }[] };
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toBe(
      `Toàn vẹn: ${verify.reports[0]!.events} sự kiện, chuỗi băm khớp.`,
    );
  });

  it('when the language is switched to English, then labels and number formatting follow', async () => {
    await page.goto(`${app.baseUrl}/#/tree/D1`);
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();

    await page.getByLabel('Ngôn ngữ').selectOption('en');

    await page.getByRole('heading', { name: 'Progress of Đảng bộ quận Thử' }).waitFor();
    expect(await levelTotal('base').textContent()).toBe('1/2 (50.00%)');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-district-en.png`, fullPage: true });

    await page.getByLabel('Language').selectOption('vi');
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Đã đại hội' }).count()).toBe(1);
    expect(await levelTotal('base').textContent()).toBe('1/2 (50,00%)');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-district-vi.png`, fullPage: true });
  });

  it('when a stored event of a cell is altered, then verify names the first broken seq', async () => {
    const logKey = `${app.prefix}:{C2}:log`;
    const entries = await app.redis.xrange(logKey, '-', '+');
    await app.redis.del(logKey);
    for (const [id, fields] of entries) {
      // Fields: seq, h (the hash), c (the canonical record that was hashed); entry 3's title changes.
      const forged = fields.map((v, i) => (id === '3-0' && i === 5 ? v.replace('chính trị', 'giả mạo') : v));
      if (id === '3-0') expect(forged[5]).not.toBe(fields[5]);
      await app.redis.xadd(logKey, id, ...forged);
    }
    await page.goto(`${app.baseUrl}/#/unit/C2`);
    await page.getByRole('heading', { name: 'Chi bộ 2', level: 1, exact: true }).waitFor();

    await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();

    const result = page.locator('#verify-result[data-ok]');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await result.textContent()).toMatch(/^Sai lệch từ sự kiện số 3: /);
  });

  it('when the window is phone-sized, then the page reflows without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/#/tree/D1`);
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();

    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-district-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('when a unit flagged difficult is opened, then its page lists the flag', async () => {
    await page.goto(`${app.baseUrl}/#/unit/B2`);
    await page.getByRole('heading', { name: 'Chi bộ trường Hai', level: 1, exact: true }).waitFor();

    expect(await page.locator('#unit-flags [data-flag="difficult"]').textContent()).toBe(
      'Có khó khăn, phức tạp',
    );
    expect(await page.locator('#unit-flags [data-flag="congressHeld"]').count()).toBe(0);
  });

  it('when the unit page is shown in English, then blocked reasons carry no language note', async () => {
    const reasons = page.locator('ul.events .reason');
    expect(await page.locator('ul.events .reason-lang').count()).toBe(await reasons.count());

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Chi bộ trường Hai', level: 1, exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Allowed events' }).waitFor();

    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await page.locator('ul.events .reason-lang').count()).toBe(0);
    expect(await page.locator('#unit-flags [data-flag="difficult"]').textContent()).toBe('Difficult');
    await page.getByLabel('Language').selectOption('vi');
    await page.getByRole('heading', { name: 'Sự kiện được phép' }).waitFor();
  });

  it('when the user signs out, then the token is forgotten, and signing in again works with the keyboard alone', async () => {
    await page.goto(`${app.baseUrl}/#/tree/D1`);
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await storedToken()).toBeNull();

    await page.keyboard.press('Tab');
    await page.keyboard.type(auditor);
    await page.keyboard.press('Enter');

    // Same unit as before signing out: the address does not change, the page must still be drawn.
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();
    expect(await storedToken()).toBe(auditor);
  });

  it('when a working group signs in with the token alone, then the work waiting on it opens, with its assigned unit', async () => {
    const token = await app.issueToken({ role: 'working_group', workingGroup: 'wg1' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signInWith(token);

    await page.getByRole('heading', { name: 'Việc đang chờ bạn' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/work');
    await page.locator('#work-list li[data-unit="B1"]').waitFor();
    // The header's link to this page is visible, marked as the current page.
    const link = page.locator('#workbench-nav a[href="#/work"]');
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('aria-current')).toBe('page');
    const [color, background] = await page.evaluate<string[]>(
      "[getComputedStyle(document.querySelector('#workbench-nav a')).color, getComputedStyle(document.querySelector('header')).backgroundColor]",
    );
    expect(color).not.toBe(background);
    expect(await storedToken()).toBe(token);
  });

  it('when an admin names a unit at sign-in, then that unit opens instead of the tree root', async () => {
    const token = await app.issueToken({ role: 'admin' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã đơn vị bắt đầu').fill('B2');
    await signInWith(token);

    await page.getByRole('heading', { name: 'Tiến độ của Chi bộ trường Hai' }).waitFor();
  });

  it('when a secretary names a unit outside its scope, then sign-in refuses it and keeps nothing', async () => {
    const token = await app.issueToken({ role: 'secretary', unitId: 'C1' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã đơn vị bắt đầu').fill('C2');
    await signInWith(token);

    await expect
      .poll(() => page.locator('#sign-in-error').textContent())
      .toBe('Đơn vị này nằm ngoài phạm vi của bạn.');
    expect(await storedToken()).toBeNull();
    await page.getByLabel('Mã đơn vị bắt đầu').fill('');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // Without a unit named, a secretary starts on the work waiting on its unit.
    await page.getByRole('heading', { name: 'Việc đang chờ bạn' }).waitFor();
    await page.locator('#work-list li[data-unit="C1"]').waitFor();
  });

  it('when the token is revoked during a session, then the next page load returns to sign-in and forgets it', async () => {
    const { token, record } = await app.tokens.create({ role: 'inspection', subtreeOf: 'D1' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signInWith(token);
    await page.getByRole('heading', { name: 'Tiến độ của Đảng bộ quận Thử' }).waitFor();

    expect(await app.tokens.revoke(record.id)).toBe(true);
    await page.getByRole('link', { name: 'Xem tiến độ của Đảng bộ phường Một' }).click();

    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('#sign-in-error').textContent()).toBe(
      'Mã truy cập không hợp lệ hoặc đã bị thu hồi.',
    );
    expect(await storedToken()).toBeNull();
  });

  it('when the dashboard has been used, then every request went to the app itself', () => {
    expect(foreignRequests).toEqual([]);
  });
});
