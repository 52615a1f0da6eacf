/**
 * The whole event catalogue through the forms the dashboard generates: every event a person may send
 * is opened from a unit page's action buttons, by someone who may send it, on a unit whose state
 * allows it, filled with a payload the congress tests know to be valid there, and sent; the API must
 * then show it at the end of the unit's history. The units are walked along procedures driven through
 * the pure machine (support/catalogue-walks.ts): each accepted event is recorded directly with the
 * engine, except the first of each type a person sends, which goes through the browser. The engine's
 * clock is set to each event's instant, so the form's "occurred on" date (today, the server's now)
 * records it exactly when the walk did and the unit stays where the walk expects it.
 *
 * Every such event is reachable on these two units, so none is only drawn: an event added to the
 * catalogue without a walk reaching it fails the last assertion until a walk sends it.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UncheckedEvent } from '../../machines/domain.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import type { OrgUnit, Principal } from '../../src/domain/index.js';
import type { TokenRequest } from '../../src/auth/principal.schema.js';
import { buildDashboardCatalogue } from '../../src/web/index.js';
import { OPENED_AT } from '../machines/congress/support/unit-driver.js';
import { buildUnit, principals } from '../support/builders.js';
import { launchBrowser } from './browser.js';
import { startDashboardApp, type DashboardApp } from './dashboard-harness.js';
import { catalogueWalks } from './support/catalogue-walks.js';
import { fillPayload, formIdPrefix } from './support/form-input.js';

// The units the walks are driven for: base-1 with cells cell-1…3, and cell-12 of 12 members under a
// base that is not walked, so its congress cascades into no walked unit.
const TREE: OrgUnit[] = [
  buildUnit({ id: 'district-1', level: 'district', block: 'district', memberCount: 300 }),
  buildUnit({
    id: 'base-1',
    level: 'base',
    memberCount: 120,
    parentId: 'district-1',
    workingGroup: 'wg1',
  }),
  ...['cell-1', 'cell-2', 'cell-3'].map((id) => buildUnit({ id, parentId: 'base-1' })),
  buildUnit({ id: 'base-2', level: 'base', memberCount: 80, parentId: 'district-1' }),
  buildUnit({ id: 'cell-12', memberCount: 12, parentId: 'base-2', workingGroup: 'wg1' }),
];
const WALKS = catalogueWalks();
const SCHEMAS = buildDashboardCatalogue().events;
const PERSON_EVENTS = Object.values(EVENT_CATALOGUE)
  .filter((d) => !d.roles.every((r) => r === 'system'))
  .map((d) => d.type);

type Role = UncheckedEvent['actor']['role'];

/** Who records an event in `role` on `unitId`: the engine principal, and the token a person signs in with. */
function actorOf(role: Role, unitId: string): { key: string; principal: Principal; token?: TokenRequest } {
  if (role === 'secretary')
    return {
      key: `secretary ${unitId}`,
      principal: principals.secretaryOf(unitId),
      token: { role: 'secretary', unitId },
    };
  if (role === 'standing_committee')
    return {
      key: role,
      principal: principals.committeeOf('district-1'),
      token: { role: 'standing_committee', subtreeOf: 'district-1' },
    };
  if (role === 'working_group')
    return {
      key: role,
      principal: { id: 'wg1', role: 'working_group', workingGroup: 'wg1' },
      token: { role: 'working_group', workingGroup: 'wg1' },
    };
  return { key: role, principal: principals.system };
}

interface Entry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

describe('every event a person may send, through its generated form', () => {
  let app: DashboardApp;
  let browser: Browser;
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    app = await startDashboardApp(TREE, OPENED_AT);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** One browser context per person, signed in once and reused for every form they send. */
  async function pageOf(key: string, token: TokenRequest): Promise<Page> {
    const known = pages.get(key);
    if (known) return known;
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.locator('#token').fill(await app.issueToken(token));
    await page.locator('#token').press('Enter');
    // Those who act start on their work waiting.
    await page.locator('#work-list').waitFor();
    pages.set(key, page);
    return page;
  }

  /** The unit's whole history over the API, read by an auditor of the district. */
  let auditor = '';
  async function history(unitId: string): Promise<Entry[]> {
    auditor ||= await app.issueToken({ role: 'auditor', subtreeOf: 'district-1' });
    const page = (await app.api(`/api/v1/units/${unitId}/history?limit=500`, auditor)) as {
      entries: Entry[];
    };
    return page.entries;
  }

  /** What the form shows after sending: its status and any field messages, or the unit's new last entry. */
  async function outcome(form: Locator, unitId: string): Promise<string> {
    const messages = (await form.locator('.form-status .error, .field-error').allTextContents()).filter(
      (m) => m.trim() !== '',
    );
    if (messages.length > 0) return `refused: ${messages.join(' | ')}`;
    const last = (await history(unitId)).at(-1);
    return `${last?.seq ?? 0} ${last?.type ?? ''}`;
  }

  /** Opens the form of `event.type` on the unit page, checks what it draws, types the payload and sends it. */
  async function sendThroughForm(page: Page, unitId: string, event: UncheckedEvent): Promise<void> {
    const before = (await history(unitId)).at(-1)?.seq ?? 0;
    await page.goto(`${app.baseUrl}/#/unit/${unitId}`);
    await page.reload();
    await page.locator(`#unit-actions button[data-event="${event.type}"]`).click();
    const form = page.locator(`form[data-event="${event.type}"]`);
    const prefix = formIdPrefix(unitId, event.type);
    const properties = Object.keys((SCHEMAS[event.type]?.schema.properties as object | undefined) ?? {});
    for (const name of properties) expect(await form.locator(`[id="${prefix}-${name}"]`).count()).toBe(1);
    expect(await form.locator(`input[type="date"][id="${prefix}-on"]`).count()).toBe(1);
    await fillPayload(form, prefix, event.payload);
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => outcome(form, unitId), { timeout: 30_000, message: `${event.type} on ${unitId}` })
      .toBe(`${before + 1} ${event.type}`);
    const recorded = (await history(unitId)).at(-1);
    // The form read back every property it was given (the engine may add what it knows, such as
    // the waivers named when a congress opens).
    expect(recorded?.payload).toMatchObject(event.payload);
  }

  it('when each unit is walked and the first event of each type a person sends goes through its form, then every such event is recorded from the browser', async () => {
    const submitted = new Set<string>();
    for (const [unitId, walk] of Object.entries(WALKS)) {
      const unit = TREE.find((u) => u.id === unitId)!;
      // The walk was driven for this very unit, or its states would not be the engine's.
      expect([unit.level, unit.memberCount, unit.term]).toEqual([
        walk.input.level,
        walk.input.memberCount,
        walk.input.ruleSetId,
      ]);
      expect(TREE.filter((u) => u.parentId === unitId).map((u) => u.id)).toEqual(walk.input.subordinateIds);
      for (const event of walk.events) {
        app.clock.set(event.at);
        const actor = actorOf(event.actor.role, unitId);
        if (actor.token && !submitted.has(event.type)) {
          await sendThroughForm(await pageOf(actor.key, actor.token), unitId, event);
          submitted.add(event.type);
        } else
          await app.engine.dispatch(
            unitId,
            { type: event.type, payload: event.payload, at: event.at },
            actor.principal,
          );
      }
      expect((await history(unitId)).length).toBe(walk.events.length);
    }
    expect(submitted.size).toBeGreaterThan(40);
    expect([...submitted].sort()).toEqual([...PERSON_EVENTS].sort());
  }, 900_000);
});
