import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeadlineScheduler } from '../../src/deadlines/scheduler.port.js';
import { createEngine } from '../../src/engine/index.js';
import { readCascadeFailures, createKeySpace } from '../../src/store/index.js';
import { buildDistrict, principals } from '../support/builders.js';
import {
  driveFromReviewToHeld,
  drivePreparation,
  driveUnitToCongressHeld,
  preparationDay,
  procedurePlan,
  sendPlanned,
  vnTime,
  holdFirstMeeting,
} from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const BASE = 'district-b0';
const [CELL0, CELL1] = [`${BASE}-c0`, `${BASE}-c1`];

describe('cascade to the parent', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('cascade');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  it('when the process stops between the append and the cascade, then retrying with the idempotency key completes the cascade exactly once', async () => {
    let release = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const hanging: DeadlineScheduler = { sync: () => stalled };
    const crashing = createEngine({ redis: f.redis, prefix: f.prefix, scheduler: hanging });
    const target = await drivePreparation(f.engine, CELL0, '2020-05-20');
    const steps = procedurePlan(target, '2020-05-20').toHeld;
    for (const step of steps.slice(0, -1)) await sendPlanned(f.engine, target, step);
    const closing = steps.at(-1)!;
    const request = { type: closing.type, payload: closing.payload, at: closing.at };

    const first = crashing.dispatch(CELL0, request, target.secretary, { idempotencyKey: 'close-1' });
    await expect.poll(async () => (await f.engine.getUnit(CELL0, principals.admin)).phase).toBe('report');
    expect((await f.engine.history(BASE, {}, principals.admin)).entries).toEqual([]);
    const retried = await f.engine.dispatch(CELL0, request, target.secretary, { idempotencyKey: 'close-1' });
    release();
    await first;

    expect(retried).toMatchObject({
      duplicate: true,
      cascaded: [{ unitId: BASE, type: 'subordinate.congress_held', seq: 1 }],
    });
    const parentLog = (await f.engine.history(BASE, {}, principals.admin)).entries;
    expect(parentLog.map((e) => [e.type, e.payload])).toEqual([
      ['subordinate.congress_held', { childId: CELL0, childSeq: retried.seq }],
    ]);
  });

  it('when the parent no longer accepts the child (it finished after waiving it), then the refusal is recorded and the child append stands', async () => {
    // The cell holds its congress before the base prepares (10/4), as cells go first.
    await driveUnitToCongressHeld(f.engine, CELL0, '2020-03-20');
    const base = await drivePreparation(f.engine, BASE, '2020-06-16');
    const waiver = {
      type: 'gate.waiver_recorded',
      payload: { unitIds: [CELL1], reason: 'chi bộ đang sáp nhập' },
      at: vnTime(preparationDay('2020-06-16'), 8),
    };
    await f.engine.dispatch(BASE, waiver, principals.committeeOf('district'));
    await driveFromReviewToHeld(f.engine, base, '2020-06-16');
    await holdFirstMeeting(f.engine, base);
    for (const [type, by] of [
      ['results.reported', base.secretary],
      ['results.confirmed', base.superior],
      ['records.archived', base.secretary],
    ] as const) {
      await f.engine.dispatch(BASE, { type, payload: {} }, by);
    }
    expect((await f.engine.getUnit(BASE, principals.admin)).phase).toBe('completed');

    const late = await driveUnitToCongressHeld(f.engine, CELL1, '2020-06-30');

    expect(late.cascaded).toEqual([]);
    expect((await f.engine.getUnit(CELL1, principals.admin)).version).toBe(late.seq);
    const failures = await readCascadeFailures(f.redis, createKeySpace(f.prefix));
    expect(failures).toEqual([
      expect.objectContaining({
        childId: CELL1,
        childSeq: String(late.seq),
        parentId: BASE,
        type: 'subordinate.congress_held',
      }),
    ]);
  });
});
