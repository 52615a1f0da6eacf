import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createManualClock } from '../../src/shared/clock.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

interface Row {
  level: string;
  block: string;
  atRisk: number;
  total: number;
}

describe('at risk, defined once on the server', () => {
  let t: TestApp;
  const clock = createManualClock('2020-01-02T00:00:00Z');
  const wg = (group: string) => ({
    id: `${group}-member`,
    role: 'working_group' as const,
    workingGroup: group,
  });
  const flag = (unitId: string, group: string) =>
    t.engine.dispatch(unitId, { type: 'unit.flagged_difficult', payload: { reason: 'Đơn thư' } }, wg(group));

  beforeAll(async () => {
    t = await startTestApp({}, () => ({}), { clock });
    await flag('C1', 'wg1');
    await flag('B2', 'wg2');
    await flag('B3', 'wg3'); // in D2: outside D1's subtree
  });
  afterAll(async () => t.close());

  const get = (path: string, role: keyof TestApp['token'] = 'standing_committee') =>
    t.http().get(path).set('Authorization', `Bearer ${t.token[role]}`);
  const atRiskCount = async (unitId: string, level: string) =>
    ((await get(`/api/v1/units/${unitId}/progress`)).body.rows as Row[])
      .filter((r) => r.level === level)
      .reduce((n, r) => n + r.atRisk, 0);
  const openDeadline = async (unitId: string) => {
    const [deadline] = (await t.engine.getUnit(unitId, LOCAL_ADMIN)).deadlines;
    if (!deadline) throw new Error(`${unitId} has no open deadline`);
    return deadline;
  };

  it('when units are flagged, then the roll-ups count them at risk, each subtree its own', async () => {
    expect(await atRiskCount('D1', 'cell')).toBe(1);
    expect(await atRiskCount('D1', 'base')).toBe(1);
    expect(await atRiskCount('B1', 'cell')).toBe(1);
  });

  it('when the overdue job marks a deadline of C2, then C2 is at risk for "overdue" and counted once, however often it fires', async () => {
    const deadline = await openDeadline('C2');
    expect(await t.engine.markOverdue('C2', deadline)).toBe('marked');
    expect(await atRiskCount('B1', 'cell')).toBe(2);
    const before = await digestPrefix(t.redis, t.prefix);
    expect(await t.engine.markOverdue('C2', deadline)).toBe('already');
    expect(await t.engine.markOverdue('C2', { ...deadline, enteredSeq: deadline.enteredSeq + 1 })).toBe(
      'closed',
    );
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    const view = await get('/api/v1/units/C2');
    expect(view.body.riskReasons).toEqual(['overdue']);
  });

  it('when a unit that is already at risk is marked overdue, then the count does not change', async () => {
    expect(await t.engine.markOverdue('C1', await openDeadline('C1'))).toBe('marked');
    expect(await atRiskCount('B1', 'cell')).toBe(2);
    expect((await get('/api/v1/units/C1')).body.riskReasons).toEqual(['overdue', 'difficult']);
  });

  it('when an overdue unit takes a step that keeps its deadline open, then it stays overdue, and a recount agrees with the roll-ups', async () => {
    const secretary = { id: 'sec-c2', role: 'secretary' as const, unitId: 'C2' };
    await t.engine.dispatch('C2', { type: 'plan.submitted', payload: { reference: '01-KH' } }, secretary);
    expect((await get('/api/v1/units/C2')).body.riskReasons).toEqual(['overdue']);
    expect(await t.engine.rebuildRollups()).toMatchObject({ matches: true });
  });

  it('when the at-risk list of B1 is read, then it holds its subtree only: C1 and C2, not B2 or B3', async () => {
    const res = await get('/api/v1/units/B1/at-risk');
    expect(res.status).toBe(200);
    expect((res.body.units as { id: string }[]).map((u) => u.id)).toEqual(['C1', 'C2']);
    expect(res.body.units[0]).toMatchObject({ name: 'Unit C1', riskReasons: ['overdue', 'difficult'] });
    const whole = await get('/api/v1/units/D1/at-risk?limit=1');
    const second = await get(`/api/v1/units/D1/at-risk?limit=1&cursor=${whole.body.nextCursor}`);
    const third = await get(`/api/v1/units/D1/at-risk?limit=1&cursor=${second.body.nextCursor}`);
    expect([whole, second, third].map((r) => (r.body.units as { id: string }[])[0]!.id)).toEqual([
      'B2',
      'C1',
      'C2',
    ]);
    expect(third.body.nextCursor).toBeNull();
  });

  it('when children are filtered by atRisk, then true lists the at-risk ones and false the others', async () => {
    const risky = await get('/api/v1/units/D1/children?atRisk=true');
    expect((risky.body.children as { id: string }[]).map((c) => c.id)).toEqual(['B2']);
    const calm = await get('/api/v1/units/D1/children?atRisk=false');
    expect((calm.body.children as { id: string }[]).map((c) => c.id)).toEqual(['B1']);
  });

  it('when a unit outside the caller’s scope is asked for, then 403 and no list', async () => {
    expect((await get('/api/v1/units/D2/at-risk')).status).toBe(403);
  });
});
