import { createRequire } from 'node:module';
import type axeCore from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { buildUnit } from '../support/builders.js';
import { launchBrowser } from './browser.js';
import { cellsAwaitingConfirmation, CONFIRMED_ON, confirmationReminder } from './cell-results.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';

const CELLS = 40;
const resultCell = (i: number) => `R${String(i + 1).padStart(2, '0')}`;
const REPORTED = Array.from({ length: CELLS }, (_, i) => resultCell(i));
/** A cell that held its congress but has not reported its results: its row is the bad one. */
const UNREPORTED = resultCell(CELLS);
const TREE: OrgUnit[] = [
  buildUnit({ id: 'D1', name: 'Đảng bộ quận Thử', level: 'district', block: 'urban_district' }),
  buildUnit({ id: 'B1', name: 'Đảng bộ phường Một', level: 'base', parentId: 'D1', workingGroup: 'wg1' }),
  ...['C01', 'C02', 'C03'].map((id, i) =>
    buildUnit({ id, name: `Chi bộ ${i + 1}`, parentId: 'B1', workingGroup: 'wg1' }),
  ),
  buildUnit({ id: 'B2', name: 'Đảng bộ phường Hai', level: 'base', parentId: 'D1', workingGroup: 'wg2' }),
  ...[...REPORTED, UNREPORTED].map((id, i) =>
    buildUnit({ id, name: `Chi bộ khu dân cư ${i + 1}`, parentId: 'B2', workingGroup: 'wg2' }),
  ),
];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

function alertOf(id: string, unitId: string, kind: string): Alert {
  return {
    id,
    type: 'overdue',
    unitId,
    deadline: { kind, step: 'procedure', enteredSeq: 0, owner: 'unit', dueAt: '2026-12-01T10:00:00.000Z' },
    recipients: ['wg:wg1'],
    fireAt: '2026-12-01T10:00:00.000Z',
    createdAt: '2026-12-01T10:00:05.000Z',
  };
}

interface UnitState {
  actions: string[];
}
interface History {
  entries: { type: string; occurredAt: string; actor: { role: string } }[];
}

describe('the workbench in a real browser', () => {
  let app: DashboardApp;
  let browser: Browser;
  let context: BrowserContext;
  const contexts: BrowserContext[] = [];
  // axe-core is injected as a script tag, which the dashboard's own policy (script-src 'self') forbids.
  const contextOptions = { locale: 'vi-VN', bypassCSP: true, viewport: { width: 1280, height: 900 } };
  const token: Record<'wg' | 'auditor' | 'secretary' | 'committee' | 'superior', string> = {
    wg: '',
    auditor: '',
    secretary: '',
    committee: '',
    superior: '',
  };

  beforeAll(async () => {
    app = await startDashboardApp(TREE, '2026-12-01T01:00:00Z');
    token.wg = await app.issueToken({ role: 'working_group', workingGroup: 'wg1' });
    token.auditor = await app.issueToken({ role: 'auditor', subtreeOf: 'D1' });
    token.secretary = await app.issueToken({ role: 'secretary', unitId: 'B1' });
    token.committee = await app.issueToken({ role: 'standing_committee', subtreeOf: 'D1' });
    // The standing committee of B2: the superior of B2's cells, which confirms their results.
    token.superior = await app.issueToken({ role: 'standing_committee', subtreeOf: 'B2' });
    for (const [id, unit] of [
      ['a1', 'C01'],
      ['a2', 'C02'],
      ['a3', 'C03'],
    ] as const)
      await app.alertStore.record(alertOf(id, unit, 'congress.held'));
    browser = await launchBrowser();
    context = await browser.newContext(contextOptions);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  /** Each person in a browser context of their own, as on their own machine. */
  async function signedIn(key: keyof typeof token, root = ''): Promise<Page> {
    const own = await browser.newContext(contextOptions);
    // Generous: on two shared cores another test file may be loading the machine meanwhile.
    own.setDefaultTimeout(20_000);
    contexts.push(own);
    const page = await own.newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Mã truy cập (bearer token)').fill(token[key]);
    if (root) await page.locator('#root').fill(root);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The first page (the work waiting, or the progress of a unit named at sign-in) is drawn
    // before the test navigates elsewhere.
    await page.locator('#work-list, nav.trail').first().waitFor();
    return page;
  }
  /**
   * The unit page's button for `type`, once the page is drawn; when it never appears, the failure says
   * what the page shows instead (an error, another page, other actions).
   */
  async function actionButton(page: Page, type: string) {
    const button = page.locator(`#unit-actions button[data-event="${type}"]`);
    try {
      await button.waitFor({ timeout: 20_000 });
    } catch {
      throw new Error(
        `no ${type} button at ${page.url()}; the page shows: ${await page.locator('main').innerText()}`,
      );
    }
    return button;
  }
  /** Serious or critical axe-core violations on the page as it is now, within `scope` (a selector). */
  async function seriousViolations(page: Page, scope = 'html'): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate<string[], string>(
      (selector) =>
        (globalThis as unknown as { axe: typeof axeCore }).axe
          .run(selector, { resultTypes: ['violations'] })
          .then((r) =>
            r.violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          ),
      scope,
    );
  }
  async function fitsPhone(page: Page): Promise<number> {
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    await page.setViewportSize({ width: 1280, height: 900 });
    return width;
  }

  // Cell results by the rules: the secretary reports (results.reported) and the superior standing
  // committee confirms (results.confirmed, chuẩn y, DOMAIN.md §2 row 11; QĐ 24 §16.1). A working group
  // may send neither (machines/events/event-catalogue.ts; src/engine/access.ts canSend): it only
  // follows units and records complaints or difficulties. The bulk job on 40 cells' results is therefore
  // the superior's confirmation, and this test signs in as B2's standing committee, the cells' superior.
  it('when the superior confirms 40 cells’ results from a CSV with one bad row and acknowledges the reminders, then 40 are confirmed, the bad row is named with its reason and nothing is written for it', async () => {
    await cellsAwaitingConfirmation(app.engine, REPORTED, UNREPORTED);
    for (const unitId of REPORTED) await app.alertStore.record(confirmationReminder(unitId, 'B2'));
    const unitOf = async (id: string) => (await app.api(`/api/v1/units/${id}`, token.superior)) as UnitState;
    const historyOf = async (id: string) =>
      (await app.api(`/api/v1/units/${id}/history`, token.superior)) as History;
    for (const id of REPORTED) expect((await unitOf(id)).actions).toContain('results.confirmed');
    expect((await unitOf(UNREPORTED)).actions).not.toContain('results.confirmed');
    const unreportedBefore = await historyOf(UNREPORTED);

    const page = await signedIn('superior', 'B2');
    // The waiting list, 40 confirmations long.
    await page.goto(`${app.baseUrl}/#/work`);
    await expect
      .poll(() => page.locator('#work-list button[data-event="results.confirmed"]').count())
      .toBe(CELLS);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.goto(`${app.baseUrl}/#/batch`);
    await page.locator('#batch-event').selectOption('results.confirmed');
    // The unreported cell sits among the others, as row 17 of the file.
    const units = [...REPORTED.slice(0, 16), UNREPORTED, ...REPORTED.slice(16)];
    const csv = ['unitId,occurredAt,idempotencyKey', ...units.map((id) => `${id},${CONFIRMED_ON},`)].join(
      '\n',
    );
    await page
      .locator('#batch-file')
      .setInputFiles({ name: 'cells.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Gửi tệp' }).click();
    await expect
      .poll(() => page.locator('#batch-result p').first().textContent(), { timeout: 30_000 })
      .toContain('40 dòng đã ghi nhận, 1 dòng bị từ chối');
    const refused = page.locator('#batch-result li[data-row]');
    expect(await refused.count()).toBe(1);
    const reason = await page.locator('#batch-result li[data-row="17"]').textContent();
    expect(reason).toContain(UNREPORTED);
    // Worded in the page's language: the event refused and what the unit must do first.
    expect(reason).toContain('đơn vị chưa ở bước nhận «Chuẩn y kết quả bầu cử»');
    expect(reason).toContain('Báo cáo kết quả đại hội (Bí thư)');
    expect(await historyOf(UNREPORTED)).toEqual(unreportedBefore);
    for (const id of REPORTED) {
      expect((await unitOf(id)).actions).not.toContain('results.confirmed');
      const last = (await historyOf(id)).entries.at(-1)!;
      expect([last.type, last.actor.role]).toEqual(['results.confirmed', 'standing_committee']);
      expect(last.occurredAt.slice(0, 10)).toBe(CONFIRMED_ON);
    }
    // The batch form, its answer and the alerts beside it.
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    // A unit page with a whole procedure in its history.
    await page.goto(`${app.baseUrl}/#/unit/${REPORTED[0]}`);
    await page.locator('h1', { hasText: 'Chi bộ khu dân cư 1' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);

    const picks = page.locator('#alerts-list input.alert-pick');
    await expect.poll(() => picks.count()).toBe(CELLS);
    expect(await seriousViolations(page, '#alerts')).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    for (let i = 0; i < CELLS; i++) await picks.nth(i).check();
    await page.locator('#alerts-ack-selected').click();
    await expect
      .poll(() => page.locator('#alerts-status').textContent())
      .toBe(`Đã đánh dấu ${CELLS} cảnh báo.`);
    expect(await picks.count()).toBe(0);
    const open = (await app.api('/api/v1/alerts', token.superior)) as { alerts: unknown[] };
    expect(open.alerts).toEqual([]);
    const me = (await app.api('/api/v1/me', token.superior)) as { principal: { id: string } };
    const acked = (await app.api('/api/v1/alerts?acknowledged=true&limit=100', token.superior)) as {
      alerts: { id: string; ack: { by: string } | null }[];
    };
    expect(acked.alerts.map((a) => a.id).sort()).toEqual(REPORTED.map((id) => `reminder-${id}`).sort());
    expect(acked.alerts.every((a) => a.ack?.by === me.principal.id)).toBe(true);
    await page.close();
  }, 120_000);

  it('when the sign-in page is drawn, then it has no serious accessibility violation and fits a 390 px phone', async () => {
    const own = await browser.newContext(contextOptions);
    contexts.push(own);
    const page = await own.newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Mã truy cập (bearer token)').waitFor();
    // Nothing to work on before signing in: the header offers no workbench links yet.
    expect(await page.locator('#workbench-nav').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('when a working group acknowledges one alert, then the selected two, then all three leave its open alerts', async () => {
    const page = await signedIn('wg', 'B1');
    const group = page.locator('#alerts-list .alert-group').first();
    await group.waitFor();
    expect(await page.locator('#alerts-list .group-title').first().textContent()).toContain('Chi bộ');
    await page.locator('li[data-alert="a1"] .alert-ack').click();
    await page.locator('li[data-alert="a1"]').waitFor({ state: 'detached' });
    await page.locator('li[data-alert="a2"] .alert-pick').check();
    await page.locator('li[data-alert="a3"] .alert-pick').check();
    await page.locator('#alerts-ack-selected').click();
    await page.locator('li[data-alert="a3"]').waitFor({ state: 'detached' });
    const open = (await app.api('/api/v1/alerts', token.wg)) as { alerts: unknown[] };
    expect(open.alerts).toEqual([]);
    await page.close();
  });

  it('when the forms of every event a person may send are drawn, then each has a field per payload property and the date; only system events are never drawn', async () => {
    const drawn = new Set<string>();
    for (const key of ['secretary', 'committee', 'wg'] as const) {
      const page = await signedIn(key, key === 'wg' ? 'B1' : '');
      await page.goto(`${app.baseUrl}/#/batch`);
      const options = page.locator('#batch-event option');
      await options.first().waitFor({ state: 'attached' });
      const types: string[] = [];
      for (let i = 0; i < (await options.count()); i++)
        types.push((await options.nth(i).getAttribute('value')) ?? '');
      for (const type of types) {
        await page.locator('#batch-event').selectOption(type);
        const properties = Object.keys(
          ((await import('zod')).z.toJSONSchema(EVENT_CATALOGUE[type]!.schema, {
            io: 'input',
            unrepresentable: 'any',
          }).properties as object) ?? {},
        );
        const firstRow = page.locator('#batch-table-form tbody tr').first();
        expect(await firstRow.locator('td').count()).toBe(properties.length + 1);
        drawn.add(type);
      }
      await page.close();
    }
    const people = Object.values(EVENT_CATALOGUE).filter((d) => !d.roles.every((r) => r === 'system'));
    expect([...drawn].sort()).toEqual(people.map((d) => d.type).sort());
  }, 120_000);

  it('when a secretary records its plan through the generated form, then it is in the history; the standing committee approves it from its waiting list', async () => {
    const page = await signedIn('secretary');
    await page.goto(`${app.baseUrl}/#/unit/B1`);
    await (await actionButton(page, 'plan.submitted')).click();
    const form = page.locator('form[data-event="plan.submitted"]');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    expect(await form.locator('.field-error').first().textContent()).toBe('Bắt buộc nhập.');
    await form.getByLabel('Số hiệu văn bản').fill('KH-01');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-status').textContent()).toContain('Đã ghi nhận');
    const history = (await app.api('/api/v1/units/B1/history', token.secretary)) as {
      entries: { type: string }[];
    };
    expect(history.entries.map((e) => e.type)).toEqual(['plan.submitted']);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.close();

    const committee = await signedIn('committee');
    await committee.goto(`${app.baseUrl}/#/work`);
    const item = committee.locator('#work-list li[data-unit="B1"]');
    await item.locator('button[data-event="plan.approved"]').click();
    await item.locator('form[data-event="plan.approved"]').getByRole('button', { name: 'Ghi nhận' }).click();
    await expect
      .poll(async () => ((await app.api('/api/v1/units/B1', token.committee)) as { version: number }).version)
      .toBe(2);
    await committee.close();
  }, 60_000);

  it('when the unit changed since the form was drawn, then the 409 is explained with the current state, sending again works, and both of the secretary’s events show in the page’s history', async () => {
    const page = await signedIn('secretary');
    await page.goto(`${app.baseUrl}/#/unit/B1`);
    await (await actionButton(page, 'bodies.formed')).click();
    // Someone else records meanwhile: the form's If-Match is now stale.
    await app.engine
      .dispatch(
        'B1',
        { type: 'documents.draft_recorded', payload: { draft: 1, title: 'Dự thảo' } },
        { id: 'sec-b1', role: 'secretary', unitId: 'B1' },
      )
      .catch(() => undefined);
    await app.engine.dispatch(
      'B1',
      { type: 'unit.flagged_difficult', payload: { reason: 'x' } },
      { id: 'wg', role: 'working_group', workingGroup: 'wg1' },
    );
    const form = page.locator('form[data-event="bodies.formed"]');
    await form.locator('fieldset input[value="documents"]').check();
    await form.getByLabel('Số tổ công tác').fill('2');
    await form.getByLabel('Số đoàn kiểm tra').fill('1');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-status').textContent()).toContain('Đơn vị đã thay đổi');
    await form.getByRole('button', { name: 'Gửi lại' }).click();
    await expect.poll(() => form.locator('.form-status').textContent()).toContain('Đã ghi nhận');
    // Both events the secretary recorded through the forms are in the unit's history on the page.
    await page.reload();
    await page.locator('table.timeline').waitFor();
    const timeline = await page.locator('table.timeline tbody').textContent();
    expect(timeline).toContain(EVENT_CATALOGUE['plan.submitted']!.label.vi);
    expect(timeline).toContain(EVENT_CATALOGUE['bodies.formed']!.label.vi);
    await page.close();
  }, 60_000);

  it('when an auditor signs in, then no action is offered anywhere: no waiting work, no form, no acknowledgement', async () => {
    const page = await signedIn('auditor');
    await page.goto(`${app.baseUrl}/#/work`);
    await page.getByText('Không có việc nào đang chờ bạn.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.goto(`${app.baseUrl}/#/unit/B1`);
    await page.locator('h1', { hasText: 'Đảng bộ phường Một' }).waitFor();
    expect(await page.locator('#unit-actions').count()).toBe(0);
    expect(await page.locator('.alert-ack, #alerts-ack-selected').count()).toBe(0);
    await page.goto(`${app.baseUrl}/#/batch`);
    await page.getByText('Vai trò của bạn không gửi sự kiện nào.').waitFor();
    await page.close();
  });

  it('when the waiting list of the working group is shown, then other people’s steps are text, not buttons, and the page is accessible', async () => {
    const page = await signedIn('wg', 'B1');
    await page.goto(`${app.baseUrl}/#/work`);
    await page.locator('#work-list li').first().waitFor();
    const located = page.locator('#work-list button[data-event]');
    const buttons: string[] = [];
    for (let i = 0; i < (await located.count()); i++)
      buttons.push((await located.nth(i).getAttribute('data-event')) ?? '');
    expect(buttons.every((type) => EVENT_CATALOGUE[type]!.roles.includes('working_group'))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.close();
  });
});
