import { MACHINE_VERSION } from '../../machines/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../../machines/domain.js';
import type { DeadlineScheduler } from '../../src/deadlines/scheduler.port.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { buildDistrict, principals } from '../support/builders.js';
import { driveUnitToCongressHeld } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const CELL = 'district-b0-c0';
const BASE = 'district-b0';
const submitPlan = { type: 'plan.submitted', payload: { reference: 'KH-01' } };

describe('dispatch', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('dispatch');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  it('when an event is accepted, then it is appended with seq, actor, clock time and a hash linking to the head', async () => {
    const before = await f.engine.getUnit(CELL, principals.admin);

    const result = await f.engine.dispatch(CELL, submitPlan, principals.secretaryOf(CELL));

    expect(result).toMatchObject({
      unitId: CELL,
      duplicate: false,
      seq: 1,
      version: 1,
      phase: 'plan',
      cascaded: [],
    });
    const { entries } = await f.engine.history(CELL, {}, principals.admin);
    expect(entries).toEqual([
      {
        seq: 1,
        type: 'plan.submitted',
        payload: { reference: 'KH-01' },
        actor: {
          kind: 'token',
          principalId: `sec-${CELL}`,
          role: 'secretary',
          scope: `unit:${CELL}`,
          id: `secretary:${CELL}`,
        },
        occurredAt: f.clock.now().toISOString(),
        recordedAt: f.clock.now().toISOString(),
        late: false,
        backfilled: false,
        at: f.clock.now().toISOString(),
        machineVersion: MACHINE_VERSION,
        prevHash: before.lastHash,
        hash: result.hash,
      },
    ]);
    expect((await f.engine.getUnit(CELL, principals.admin)).lastHash).toBe(result.hash);
  });

  it('when the event carries a business time, then the record keeps it instead of the clock', async () => {
    await f.engine.dispatch(
      CELL,
      { ...submitPlan, at: '2020-01-05T09:00:00+07:00' },
      principals.secretaryOf(CELL),
    );

    const { entries } = await f.engine.history(CELL, {}, principals.admin);
    expect(entries[0]!.at).toBe('2020-01-05T09:00:00+07:00');
  });

  it('when the event is not allowed in the current state, then not_allowed lists what is allowed and why others are blocked, and nothing is written', async () => {
    const before = await namespaceDump(f.redis, f.prefix);

    const error = await f.engine
      .dispatch(CELL, { type: 'plan.approved', payload: {} }, principals.committeeOf(BASE))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: 'not_allowed',
      details: { allowed: expect.arrayContaining(['plan.submitted']) },
    });
    const blocked = (error as ConflictError).details.blocked as { type: string; reason: string }[];
    expect(blocked.find((b) => b.type === 'unit.difficulty_cleared')?.reason).toMatch(/not flagged/);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when the payload is invalid, then a ValidationError names payload.<field> and nothing is written', async () => {
    const before = await namespaceDump(f.redis, f.prefix);

    const error = await f.engine
      .dispatch(CELL, { type: 'plan.submitted', payload: { reference: 42 } }, principals.secretaryOf(CELL))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['payload.reference']);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when the event type is unknown, then a ValidationError names the type and nothing is written', async () => {
    const before = await namespaceDump(f.redis, f.prefix);

    const error = await f.engine
      .dispatch(CELL, { type: 'plan.teleported', payload: {} }, principals.secretaryOf(CELL))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('type');
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when the unit does not exist, then NotFoundError', async () => {
    await expect(f.engine.dispatch('nowhere', submitPlan, principals.system)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("when a cell's congress is held, then the parent's log records the child and its seq and the result lists the cascade", async () => {
    const closed = await driveUnitToCongressHeld(f.engine, CELL, '2020-05-20');

    expect(closed.cascaded).toEqual([{ unitId: BASE, type: 'subordinate.congress_held', seq: 1 }]);
    const { entries } = await f.engine.history(BASE, {}, principals.admin);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      type: 'subordinate.congress_held',
      payload: { childId: CELL, childSeq: closed.seq },
      at: '2020-05-20T16:00:00+07:00',
      actor: { role: 'system' },
    });
    const base = await f.engine.getUnit(BASE, principals.admin);
    expect((base.snapshot.context as { held: string[] }).held).toEqual([CELL]);
  });
});

describe('dispatch and the deadline scheduler', () => {
  let f: EngineFixture;
  const calls: { unitId: string; previous: readonly Deadline[]; next: readonly Deadline[] }[] = [];
  let failing = false;
  const warnings: string[] = [];
  const scheduler: DeadlineScheduler = {
    sync: (unitId, previous, next) => {
      calls.push({ unitId, previous, next });
      return failing ? Promise.reject(new Error('queue down')) : Promise.resolve();
    },
  };
  beforeEach(async () => {
    calls.length = 0;
    warnings.length = 0;
    failing = false;
    f = await openEngineFixture('sched', {
      scheduler,
      logger: {
        warn: (_d, message) => warnings.push(message),
        error: (_d, message) => warnings.push(message),
      },
    });
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 1 }));
  });
  afterEach(async () => f.cleanup());

  it('when an event is appended, then the scheduler gets the previous and the new open deadline sets', async () => {
    calls.length = 0;
    const before = await f.engine.getUnit(CELL, principals.admin);

    await f.engine.dispatch(CELL, submitPlan, principals.secretaryOf(CELL));

    const after = await f.engine.getUnit(CELL, principals.admin);
    expect(calls).toEqual([{ unitId: CELL, previous: before.deadlines, next: after.deadlines }]);
    expect(after.deadlines.map((d) => d.kind)).toContain('plan.approval');
  });

  it('when the next event is planned from what this engine last wrote, then the scheduler still gets the stored previous set', async () => {
    await f.engine.dispatch(CELL, submitPlan, principals.secretaryOf(CELL));
    const stored = await f.engine.getUnit(CELL, principals.admin);
    calls.length = 0;

    const returned = { type: 'plan.returned', payload: { reason: 'incomplete' } };
    await f.engine.dispatch(CELL, returned, principals.committeeOf(BASE));

    const after = await f.engine.getUnit(CELL, principals.admin);
    expect(calls).toEqual([{ unitId: CELL, previous: stored.deadlines, next: after.deadlines }]);
    expect(stored.deadlines.map((d) => d.kind)).toContain('plan.approval');
    expect(after.deadlines.map((d) => d.kind)).not.toContain('plan.approval');
  });

  it('when the scheduler fails, then the append stands and the failure is logged', async () => {
    failing = true;

    const result = await f.engine.dispatch(CELL, submitPlan, principals.secretaryOf(CELL));

    expect(result.seq).toBe(1);
    expect((await f.engine.getUnit(CELL, principals.admin)).version).toBe(1);
    expect(warnings).toEqual(['deadline scheduling failed after append']);
  });
});
