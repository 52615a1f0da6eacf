import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/shared/errors.js';
import { createKeySpace } from '../../src/store/index.js';
import { buildDistrict, principals } from '../support/builders.js';
import { driveUnitToCongressHeld } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const CELL = 'district-b0-c0';
const BASE = 'district-b0';
const MONDAY = '2020-03-02T09:00:00+07:00';
const secretary = principals.secretaryOf(CELL);
const superior = principals.committeeOf(BASE);
const correct = (payload: Record<string, unknown>, at?: string) => ({
  type: 'record.corrected',
  payload,
  ...(at ? { at } : {}),
});

describe('corrections, append-only (record.corrected)', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('corrections');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
    // Recorded on the day it happened: Monday 2/3/2020, 10:00 in Hanoi.
    f.clock.set('2020-03-02T03:00:00.000Z');
    await f.engine.dispatch(
      CELL,
      { type: 'plan.submitted', payload: { reference: 'KH-01' }, at: MONDAY },
      secretary,
    );
  });
  afterEach(async () => f.cleanup());

  const history = async () => (await f.engine.history(CELL, {}, principals.admin)).entries;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

  it('when the secretary corrects a number within the window, then history shows the original beside the correction and replay uses the corrected value', async () => {
    const result = await f.engine.dispatch(
      CELL,
      correct({ seq: 1, payload: { reference: 'KH-01/CB' }, reason: 'Số hiệu kế hoạch ghi nhầm' }),
      secretary,
    );
    const [original, correction] = await history();

    expect(result).toMatchObject({ seq: 2, phase: 'plan' });
    expect(original).toMatchObject({
      payload: { reference: 'KH-01' },
      corrections: [{ seq: 2, payload: { reference: 'KH-01/CB' }, reason: 'Số hiệu kế hoạch ghi nhầm' }],
    });
    expect(correction).toMatchObject({ type: 'record.corrected', payload: { seq: 1 } });
    const replayed = await f.engine.replay(CELL, { seq: 2 }, principals.auditorOf(BASE));
    expect(replayed.corrections).toEqual([{ seq: 1, correctedBy: [2] }]);
    expect(await f.engine.verify(CELL, principals.admin)).toEqual([{ unitId: CELL, ok: true, events: 2 }]);
  });

  it('when the date is corrected, then the deadlines are recomputed from the corrected date', async () => {
    const before = await f.engine.getUnit(CELL, principals.admin);
    await f.engine.dispatch(
      CELL,
      correct({ seq: 1, occurredAt: '2020-02-24T09:00:00+07:00', reason: 'Ngày trình sai' }),
      secretary,
    );
    const after = await f.engine.getUnit(CELL, principals.admin);

    const due = (view: typeof before) => view.deadlines.find((d) => d.kind === 'plan.approval')?.dueAt;
    expect(due(before)).toBe('2020-03-16T10:00:00.000Z');
    expect(due(after)).toBe('2020-03-09T10:00:00.000Z');
    expect(await f.engine.verify(CELL, principals.admin)).toEqual([{ unitId: CELL, ok: true, events: 2 }]);
  });

  it('when a correction is asked by recorded time before it was recorded, then the original values come back; by occurred time, the corrected ones', async () => {
    f.clock.set('2020-03-03T03:00:00.000Z');
    await f.engine.dispatch(
      CELL,
      correct({ seq: 1, occurredAt: '2020-02-24T09:00:00+07:00', reason: 'Ngày trình sai' }),
      secretary,
    );
    const asOf = '2020-02-28T00:00:00+07:00';

    expect(await f.engine.replay(CELL, { at: asOf, by: 'occurred' }, principals.admin)).toMatchObject({
      seq: 1,
      corrections: [{ seq: 1, correctedBy: [2] }],
    });
    expect(
      await f.engine.replay(CELL, { at: '2020-03-02T23:00:00+07:00', by: 'recorded' }, principals.admin),
    ).toMatchObject({
      seq: 1,
      corrections: [],
    });
  });

  it('when the window has passed, then the same role is refused with what to do; the superior standing committee may still correct', async () => {
    // Recorded Monday 2/3; the 5th working day after is Monday 9/3, the 6th Tuesday 10/3.
    f.clock.set('2020-03-09T16:59:59.000Z');
    const fix = correct({ seq: 1, payload: { reference: 'KH-02' }, reason: 'Sai số hiệu' });
    const lastDay = await f.engine.dispatch(CELL, fix, secretary);
    expect(lastDay.seq).toBe(2);
    f.clock.set('2020-03-09T17:00:00.000Z');
    const dump = await namespaceDump(f.redis, f.prefix);

    const late = await refusal(f.engine.dispatch(CELL, fix, secretary));

    expect(late).toBeInstanceOf(ForbiddenError);
    expect((late as Error).message).toMatch(/window.*passed.*superior standing committee/);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(dump);
    expect((await f.engine.dispatch(CELL, fix, superior)).seq).toBe(3);
  });

  it("when another role corrects within the window, then it is refused naming who may; a unit outside the principal's scope is refused too", async () => {
    await f.engine.dispatch(CELL, { type: 'plan.approved', payload: {}, at: MONDAY }, superior);
    const fix = (seq: number) => correct({ seq, occurredAt: MONDAY, reason: 'r' });

    const secretaryOnApproval = await refusal(f.engine.dispatch(CELL, fix(2), secretary));
    const outsider = await refusal(f.engine.dispatch(CELL, fix(1), principals.secretaryOf('district-b0-c1')));

    expect(secretaryOnApproval).toBeInstanceOf(ForbiddenError);
    expect((secretaryOnApproval as Error).message).toMatch(/recorded by the superior standing committee/);
    expect(outsider).toBeInstanceOf(ForbiddenError);
    expect(await history()).toHaveLength(2);
  });

  it('when a correction would change which transition happened, then it is refused and nothing is written', async () => {
    const OTHER = 'district-b0-c1';
    f.clock.set('2020-03-25T03:00:00.000Z');
    await driveUnitToCongressHeld(f.engine, OTHER, '2020-03-20');
    const entries = (await f.engine.history(OTHER, {}, principals.admin)).entries;
    const election = entries.find((e) => e.type === 'election.recorded')!;
    const votes = (election.payload.votes as { candidateId: string; votes: number }[]).map((v) => ({
      ...v,
      votes: 0,
    }));
    const dump = await namespaceDump(f.redis, f.prefix);

    const elsewhere = await refusal(
      f.engine.dispatch(
        OTHER,
        correct({ seq: election.seq, payload: { ...election.payload, votes }, reason: 'Đếm lại' }),
        superior,
      ),
    );
    const invalid = await refusal(
      f.engine.dispatch(
        OTHER,
        correct({ seq: election.seq, payload: { round: 'một' }, reason: 'Sai' }),
        superior,
      ),
    );

    expect(elsewhere).toBeInstanceOf(ConflictError);
    expect((elsewhere as Error).message).toMatch(/never which step happened|would have been refused/);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).issues[0]!.path).toMatch(/^payload\.payload/);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(dump);
  });

  it('when a corrected date would go before the previous entry or after the next, then 422 names payload.occurredAt', async () => {
    f.clock.set('2020-03-02T10:00:00.000Z');
    await f.engine.dispatch(
      CELL,
      { type: 'plan.approved', payload: {}, at: '2020-03-02T15:00:00+07:00' },
      superior,
    );

    const afterNext = await refusal(
      f.engine.dispatch(
        CELL,
        correct({ seq: 1, occurredAt: '2020-03-02T16:00:00+07:00', reason: 'r' }),
        secretary,
      ),
    );
    const beforePrevious = await refusal(
      f.engine.dispatch(
        CELL,
        correct({ seq: 2, occurredAt: '2020-03-02T08:00:00+07:00', reason: 'r' }),
        superior,
      ),
    );

    expect((afterNext as ValidationError).issues[0]).toMatchObject({ path: 'payload.occurredAt' });
    expect((beforePrevious as ValidationError).issues[0]).toMatchObject({ path: 'payload.occurredAt' });
    expect(await history()).toHaveLength(2);
  });

  it('when a correction names no entry, or another correction, or gives no change or no reason, then 422', async () => {
    await f.engine.dispatch(
      CELL,
      correct({ seq: 1, payload: { reference: 'KH-02' }, reason: 'Sai' }),
      secretary,
    );

    for (const payload of [
      { seq: 9, payload: {}, reason: 'r' },
      { seq: 2, payload: {}, reason: 'r' },
      { seq: 1, reason: 'r' },
      { seq: 1, payload: {}, reason: ' ' },
    ]) {
      expect(await refusal(f.engine.dispatch(CELL, correct(payload), secretary))).toBeInstanceOf(
        ValidationError,
      );
    }
    expect(await history()).toHaveLength(2);
  });

  it.each([
    ['t', 'the time bound', '2020-01-01T00:00:00+07:00', /last occurredAt/],
    ['x', 'the corrections index', '{"1":[3]}', /corrections index/],
  ])(
    'when the snapshot hash field %s (%s) is tampered, then verify reports it',
    async (field, _label, value, reason) => {
      await f.engine.dispatch(
        CELL,
        correct({ seq: 1, payload: { reference: 'KH-02' }, reason: 'Sai' }),
        secretary,
      );
      await f.redis.hset(createKeySpace(f.prefix).snap(CELL), field, value);

      const [report] = await f.engine.verify(CELL, principals.admin);

      expect(report).toMatchObject({ ok: false, firstBrokenSeq: 2 });
      expect(report!.reason).toMatch(reason);
    },
  );
});
