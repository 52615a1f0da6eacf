/**
 * The labels that come from the schemas and the rule vocabulary, in a real browser: the election
 * forms name their fields and election kinds in Vietnamese, then English; the unit page lists its
 * irregularities with the rule's name and basis, and its recorded rounds with a link to their minutes.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREE } from '../api/api-harness.js';
import { principals } from '../support/builders.js';
import { driveTarget, procedurePlan, sendPlanned, vnTime } from '../support/drive.js';
import { launchBrowser } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

const HELD_ON = '2020-03-30';
const at = (hour: number) => vnTime(HELD_ON, hour);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CANDIDATES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Chí', 'Phạm Thị Dung'];

describe('labels from the schemas on the unit page', () => {
  let app: DashboardApp;
  let browser: Browser;
  const token = { c1: '', c2: '' };

  /** Takes `unitId` to its official session with `present` of 11 full members present. */
  async function toOfficialSession(unitId: string, present: number) {
    const target = await driveTarget(app.engine, unitId);
    const { preparation, toHeld } = procedurePlan(target, HELD_ON);
    const opened = toHeld.findIndex((e) => e.type === 'congress.opened');
    for (const event of [...preparation, ...toHeld.slice(0, opened + 1)])
      await sendPlanned(app.engine, target, event);
    const payload = { congressKind: 'member', summoned: 11, present };
    await app.engine.dispatch(
      unitId,
      { type: 'congress.official_session_opened', payload, at: at(9) },
      target.secretary,
    );
    return target;
  }

  beforeAll(async () => {
    app = await startDashboardApp(TREE, '2026-12-01T01:00:00Z');
    // C1: a full session and one recorded round of its committee election.
    const c1 = await toOfficialSession('C1', 10);
    const send = (type: string, payload: Record<string, unknown>, hour: number) =>
      app.engine.dispatch('C1', { type, payload, at: at(hour) }, c1.secretary);
    const nominations = CANDIDATES.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
    await send(
      'election.list_set',
      { election: 'committee', seats: 3, candidates: CANDIDATES, nominations },
      9,
    );
    await send(
      'election.recorded',
      {
        election: 'committee',
        round: 1,
        ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
        votes: CANDIDATES.map((candidateId, i) => ({ candidateId, votes: [9, 8, 7, 2][i] })),
      },
      10,
    );
    // C2: 7 of 11 present, below the product's two-thirds quorum (local policy): flagged, not refused.
    await toOfficialSession('C2', 7);
    token.c1 = await app.issueToken({ role: 'secretary', unitId: 'C1' });
    token.c2 = await app.issueToken({ role: 'secretary', unitId: 'C2' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** `bypassCSP` lets axe-core in as a script tag, which the dashboard's own policy forbids. */
  async function unitPage(key: keyof typeof token, unitId: string, bypassCSP = true): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', bypassCSP });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Mã truy cập (bearer token)').fill(token[key]);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // Secretaries start on their work waiting.
    await page.locator('#work-list').waitFor();
    await page.goto(`${app.baseUrl}/#/unit/${unitId}`);
    await page.locator('#unit-phase').waitFor();
    return page;
  }

  /** Serious or critical axe-core violations, and the page's width on a 390 px phone. */
  async function checkLayout(page: Page): Promise<{ violations: string[]; width: number }> {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate<string[]>(
      "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))",
    );
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    return { violations, width };
  }

  it('when the election list form is drawn, then its fields and election kinds are named in Vietnamese, and in English after switching', async () => {
    const page = await unitPage('c2', 'C2');
    const open = () => page.locator('#unit-actions button[data-event="election.list_set"]').click();
    await open();
    const form = page.locator('form[data-event="election.list_set"]');
    const kind = form.getByLabel('Cuộc bầu cử');
    expect(await kind.locator('option[value="delegates"]').textContent()).toBe(
      'Bầu đại biểu dự đại hội cấp trên',
    );
    expect(await kind.locator('option[value="committee"]').textContent()).toBe(
      'Bầu cử ban chấp hành (cấp uỷ)',
    );
    await expect.poll(() => form.getByLabel('Số lượng được bầu', { exact: true }).count()).toBe(1);
    // The value sent is the schema's, whatever the language shows.
    await kind.selectOption({ label: 'Bầu cử ban chấp hành (cấp uỷ)' });
    expect(await kind.inputValue()).toBe('committee');

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.locator('#unit-actions h2', { hasText: 'What you can do' }).waitFor();
    await open();
    const english = page
      .locator('form[data-event="election.list_set"]')
      .getByLabel('Election', { exact: true });
    expect(await english.locator('option[value="committee"]').textContent()).toBe('Committee election');
    expect(
      await page.locator('form[data-event="election.list_set"]').getByLabel('Seats', { exact: true }).count(),
    ).toBe(1);
    await page.context().close();
  }, 60_000);

  it('when a unit breached a local-policy rule, then its page lists the irregularity with the rule’s Vietnamese name, the date and who set the rule', async () => {
    const page = await unitPage('c2', 'C2');
    const row = page.locator('#irregularities tr[data-rule="election.quorum"]');
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Số có mặt tối thiểu để đại hội hợp lệ');
    expect(text).toContain('Quy định của địa phương, do congress-engine default đặt');
    expect(text).toContain('7 of 11 present');
    expect(await row.locator('time').getAttribute('datetime')).toBe(at(9));
    expect(text).toContain('Chưa xử lý');
    expect(await checkLayout(page)).toEqual({ violations: [], width: 390 });
    // C1 had its quorum: no such row there.
    const c1 = await unitPage('c1', 'C1');
    await c1.locator('#irregularities').waitFor();
    expect(await c1.locator('#irregularities tr[data-rule="election.quorum"]').count()).toBe(0);
    // Its list of rounds (next test) is accessible and fits a phone too.
    await c1.locator('#election-rounds').waitFor();
    expect(await checkLayout(c1)).toEqual({ violations: [], width: 390 });
    await page.context().close();
    await c1.context().close();
  }, 60_000);

  it('when the superior closes the irregularity, then the page says when, in which entry and why', async () => {
    const view = await app.engine.getUnit('C2', principals.committeeOf('B1'));
    const { seq } = view.irregularities.find((i) => i.rule === 'election.quorum')!;
    const closed = await app.engine.dispatch(
      'C2',
      { type: 'irregularity.closed', payload: { seq, note: 'đã nhắc nhở, rút kinh nghiệm' }, at: at(11) },
      principals.committeeOf('B1'),
    );
    const page = await unitPage('c2', 'C2');
    const status = page.locator('#irregularities tr[data-rule="election.quorum"] td.closed');
    await status.waitFor();
    const text = await status.textContent();
    expect(text).toContain('Đã khép lại');
    expect(text).toContain(`sự kiện số ${closed.seq}`);
    expect(text).toContain('đã nhắc nhở, rút kinh nghiệm');
    await page.context().close();
  }, 60_000);

  it('when a unit recorded a round, then its page links the round’s minutes by election kind, and following the link opens them', async () => {
    // The dashboard's own content policy holds here, as it does for its users.
    const page = await unitPage('c1', 'C1', false);
    const link = page.locator('#election-rounds li[data-election="committee"][data-round="1"] a');
    expect(await link.textContent()).toBe('Bầu cử ban chấp hành (cấp uỷ), lần 1');
    expect(await link.getAttribute('href')).toBe('/api/v1/units/C1/elections/committee/rounds/1/minutes');
    const [minutes] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    const heading = minutes.locator('h1');
    await heading.waitFor();
    expect(await heading.textContent()).toBe('BIÊN BẢN KIỂM PHIẾU');
    expect(await minutes.title()).toBe('Biên bản kiểm phiếu — Bầu cử ban chấp hành (cấp uỷ), lần 1');
    // Its print style holds, though the window keeps the dashboard's policy against inline style.
    expect(await minutes.evaluate<string>("getComputedStyle(document.querySelector('h1')).textAlign")).toBe(
      'center',
    );
    const body = await minutes.locator('body').textContent();
    expect(body).toContain('Bầu cử ban chấp hành (cấp uỷ), lần 1');
    expect(body).toContain('Trúng cử: Nguyễn Văn An, Trần Thị Bình, Lê Văn Chí');
    // C2 recorded no round: no list of rounds at all.
    const c2 = await unitPage('c2', 'C2');
    expect(await c2.locator('#election-rounds').count()).toBe(0);
    await page.context().close();
    await c2.context().close();
  }, 60_000);
});
