import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/shared/errors.js';
import type { Principal } from '../../src/domain/index.js';
import { buildDistrict, principals } from '../support/builders.js';
import { driveTarget, driveUnitToCongressHeld, procedurePlan } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const CELL = 'district-b0-c0';
const BASE = 'district-b0';
// Monday 2/3/2020 in Hanoi; clocks.lateRecording is 3 working days (Thu 5/3 is the 3rd after).
const MONDAY = '2020-03-02T09:00:00+07:00';
const submit = (at?: string) => ({
  type: 'plan.submitted',
  payload: { reference: 'KH-01' },
  ...(at ? { at } : {}),
});

describe('business time: when it happened, when it was recorded, by whom', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('business-time');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  const history = async (unitId: string) => (await f.engine.history(unitId, {}, principals.admin)).entries;

  it.each([
    ['on the 3rd working day after it occurred (Vietnam evening)', '2020-03-05T16:59:59.000Z', false],
    ['at the first instant of the 4th working day', '2020-03-05T17:00:00.000Z', true],
  ])('when a step is recorded %s, then late is %s and both times are kept', async (_label, now, late) => {
    f.clock.set(now);
    await f.engine.dispatch(CELL, submit(MONDAY), principals.secretaryOf(CELL));

    expect(await history(CELL)).toEqual([
      expect.objectContaining({ occurredAt: MONDAY, at: MONDAY, recordedAt: now, late, backfilled: false }),
    ]);
  });

  it('when a loader backfills an old record, then it is marked backfilled and never late, and so is its cascade', async () => {
    const target = await driveTarget(f.engine, CELL);
    const { preparation, toHeld } = procedurePlan(target, '2020-03-12');
    for (const e of [...preparation, ...toHeld]) {
      await f.engine.dispatch(CELL, { type: e.type, payload: e.payload, at: e.at }, target[e.by], {
        backfilled: true,
      });
    }

    const cell = await history(CELL);
    expect(cell.every((e) => e.backfilled && !e.late)).toBe(true);
    expect(cell.length).toBeGreaterThan(5);
    expect(await history(BASE)).toEqual([
      expect.objectContaining({ type: 'subordinate.congress_held', backfilled: true, late: false }),
    ]);
  });

  it('when the same old record is not backfilled, then it is marked late', async () => {
    await f.engine.dispatch(CELL, submit(MONDAY), principals.secretaryOf(CELL));

    expect(await history(CELL)).toEqual([expect.objectContaining({ late: true, backfilled: false })]);
  });

  it('when occurredAt lies exactly 5 minutes ahead, then it is accepted; 1 ms more is refused naming the field and nothing is written', async () => {
    f.clock.set('2020-03-02T02:00:00.000Z');
    const tooFar = await f.engine
      .dispatch(CELL, submit('2020-03-02T02:05:00.001Z'), principals.secretaryOf(CELL))
      .catch((e: unknown) => e);
    const dump = await namespaceDump(f.redis, f.prefix);

    expect(tooFar).toBeInstanceOf(ValidationError);
    expect((tooFar as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'occurredAt', message: expect.stringMatching(/5 minutes/) as string }),
    ]);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(dump);
    await f.engine.dispatch(CELL, submit('2020-03-02T02:05:00.000Z'), principals.secretaryOf(CELL));
    expect(await history(CELL)).toHaveLength(1);
  });

  it("when occurredAt is before the unit's previous event, then 422 names the field; the same instant is accepted", async () => {
    await f.engine.dispatch(CELL, submit(MONDAY), principals.secretaryOf(CELL));
    const earlier = await f.engine
      .dispatch(
        CELL,
        { type: 'plan.approved', payload: {}, at: '2020-03-02T08:59:59.999+07:00' },
        principals.committeeOf(BASE),
      )
      .catch((e: unknown) => e);

    expect(earlier).toBeInstanceOf(ValidationError);
    expect((earlier as ValidationError).issues[0]).toMatchObject({ path: 'occurredAt' });
    expect((earlier as ValidationError).issues[0]!.message).toMatch(/previous event.*record\.corrected/);
    expect(await history(CELL)).toHaveLength(1);
    await f.engine.dispatch(
      CELL,
      { type: 'plan.approved', payload: {}, at: MONDAY },
      principals.committeeOf(BASE),
    );
    expect(await history(CELL)).toHaveLength(2);
  });

  it('when a step is recorded days later, then its deadlines run from when it occurred', async () => {
    f.clock.set('2020-04-20T02:00:00.000Z');
    await f.engine.dispatch(CELL, submit(MONDAY), principals.secretaryOf(CELL));
    const view = await f.engine.getUnit(CELL, principals.admin);

    // 10 working days after Monday 2/3: Monday 16/3, end of the Vietnam day.
    expect(view.deadlines.find((d) => d.kind === 'plan.approval')?.dueAt).toBe('2020-03-16T10:00:00.000Z');
  });

  it("when a child is recorded late after its parent moved on, then the parent's cascade is accepted at the parent's own time and names the child's", async () => {
    const flag = {
      type: 'unit.flagged_difficult',
      payload: { reason: 'Thiếu cán bộ' },
      at: '2020-06-01T09:00:00+07:00',
    };
    await f.engine.dispatch(BASE, flag, principals.committeeOf('district'));
    const held = await driveUnitToCongressHeld(f.engine, CELL, '2020-05-20');

    expect(held.cascaded).toEqual([{ unitId: BASE, type: 'subordinate.congress_held', seq: 2 }]);
    expect((await history(BASE))[1]).toMatchObject({
      type: 'subordinate.congress_held',
      occurredAt: '2020-06-01T09:00:00+07:00',
      childOccurredAt: '2020-05-20T16:00:00+07:00',
      late: false,
      actor: { kind: 'system', principalId: 'system', role: 'system', scope: 'all' },
    });
  });

  it("when a child's event is later than its parent's last, then the cascade occurs at the child's time", async () => {
    const held = await driveUnitToCongressHeld(f.engine, CELL, '2020-05-20');

    expect(held.cascaded).toHaveLength(1);
    expect((await history(BASE))[0]).toMatchObject({
      occurredAt: '2020-05-20T16:00:00+07:00',
      childOccurredAt: '2020-05-20T16:00:00+07:00',
    });
  });

  it('when a token, a standing committee and an account act, then each entry names kind, principal, role and scope', async () => {
    const account: Principal = {
      id: 'acc-7',
      role: 'secretary',
      unitId: CELL,
      kind: 'account',
      assignmentId: 'asg-3',
    };
    await f.engine.dispatch(CELL, submit(MONDAY), account);
    await f.engine.dispatch(
      CELL,
      { type: 'plan.approved', payload: {}, at: MONDAY },
      principals.committeeOf(BASE),
    );
    const [first, second] = await history(CELL);

    expect(first!.actor).toEqual({
      kind: 'account',
      principalId: 'acc-7',
      role: 'secretary',
      scope: `unit:${CELL}`,
      assignmentId: 'asg-3',
      id: `secretary:${CELL}`,
    });
    expect(second!.actor).toEqual({
      kind: 'token',
      principalId: `sc-${BASE}`,
      role: 'standing_committee',
      scope: `subtree:${BASE}`,
      id: `sc:${BASE}`,
    });
  });

  it('when the state is asked as of an instant, then by occurred and by recorded answer differently for a late entry', async () => {
    f.clock.set('2020-03-20T02:00:00.000Z');
    await f.engine.dispatch(CELL, submit(MONDAY), principals.secretaryOf(CELL));
    const asOf = '2020-03-10T00:00:00+07:00';

    const byOccurred = await f.engine.replay(CELL, { at: asOf, by: 'occurred' }, principals.admin);
    const byRecorded = await f.engine.replay(CELL, { at: asOf, by: 'recorded' }, principals.admin);
    const byDefault = await f.engine.replay(CELL, { at: asOf }, principals.admin);

    expect(byOccurred).toMatchObject({ seq: 1, by: 'occurred' });
    expect(byRecorded).toMatchObject({ seq: 0, by: 'recorded' });
    expect(byDefault).toMatchObject({ seq: 1, by: 'occurred' });
  });
});
