import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { startTestApp, type TestApp } from './api-harness.js';

interface Step {
  kind: string;
  owner: string;
  by: { unitId: string; unitName: string } | null;
  dueAt: string;
}
interface Item {
  unitId: string;
  actions: string[];
  owed: Step[];
  waiting: Step[];
  dueAt: string | null;
}

describe('GET /api/v1/me/work: the work waiting on each person', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const secretaryOf = (unitId: string) => ({ id: `sec-${unitId}`, role: 'secretary' as const, unitId });
    await t.engine.dispatch(
      'B1',
      { type: 'plan.submitted', payload: { reference: 'KH-B1' } },
      secretaryOf('B1'),
    );
  });
  afterAll(async () => t.close());

  const work = async (role: keyof TestApp['token']) => {
    const res = await t.http().get('/api/v1/me/work').set('Authorization', `Bearer ${t.token[role]}`);
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  const rolesOf = (type: string) => EVENT_CATALOGUE[type]!.roles;

  it("when a secretary opens the workbench, then its unit's next steps are its own role's only", async () => {
    const [item, ...rest] = await work('secretary');
    expect(rest).toEqual([]);
    expect(item!.unitId).toBe('C1');
    // A step the unit owes names the unit by its name, not its id.
    expect(item!.owed.map((s) => s.by)).toContainEqual({ unitId: 'C1', unitName: 'Unit C1' });
    expect(item!.actions).toContain('plan.submitted');
    expect(item!.actions.every((type) => rolesOf(type).includes('secretary'))).toBe(true);
  });

  it("when a standing committee opens it, then B1's submitted plan is owed by it, listed first and offered as plan.approved, not the secretary's steps", async () => {
    const items = await work('standing_committee');
    const b1 = items.find((i) => i.unitId === 'B1')!;
    expect(b1.owed.map((s) => s.kind)).toContain('plan.approval');
    expect(b1.actions).toEqual(expect.arrayContaining(['plan.approved', 'plan.returned']));
    expect(b1.actions.every((type) => rolesOf(type).includes('standing_committee'))).toBe(true);
    // What it owes comes first, even where units waiting on their own steps are due earlier.
    const waiting = items.filter((i) => i.owed.length === 0);
    expect(items[0]!.unitId).toBe('B1');
    expect(Date.parse(waiting[0]!.dueAt!)).toBeLessThan(Date.parse(items[0]!.dueAt!));
    expect(items.slice(items.length - waiting.length)).toEqual(waiting);
    expect(waiting.map((i) => i.dueAt)).toEqual(
      [...waiting.map((i) => i.dueAt)].sort((a, b) =>
        a === null ? 1 : b === null ? -1 : Date.parse(a) - Date.parse(b),
      ),
    );
  });

  it("when a working group opens it, then all its units are listed and B1's pending superior decision shows as waiting, with who and when", async () => {
    const items = await work('working_group');
    const b1 = items.find((i) => i.unitId === 'B1')!;
    expect(b1.waiting).toContainEqual(
      expect.objectContaining({
        kind: 'plan.approval',
        owner: 'superior',
        by: { unitId: 'D1', unitName: 'Unit D1' },
      }),
    );
    expect(b1.actions).not.toContain('plan.approved');
    expect(items.map((i) => i.unitId).sort()).toEqual(['B1', 'C1', 'C2']);
  });

  it('when an auditor or an inspection delegation opens it, then nothing is offered', async () => {
    expect(await work('auditor')).toEqual([]);
    expect(await work('inspection')).toEqual([]);
    const unit = await t.http().get('/api/v1/units/B1').set('Authorization', `Bearer ${t.token.auditor}`);
    expect(unit.body.actions).toEqual([]);
  });

  it("when a secretary reads its unit, then actions hold its own events only, while allowedEvents still lists the superior's", async () => {
    const res = await t.http().get('/api/v1/units/C1').set('Authorization', `Bearer ${t.token.secretary}`);
    expect(res.body.actions).toContain('plan.submitted');
    expect(res.body.actions).not.toContain('unit.flagged_difficult');
    expect((res.body.allowedEvents as { type: string }[]).map((e) => e.type)).toContain(
      'unit.flagged_difficult',
    );
  });
});
