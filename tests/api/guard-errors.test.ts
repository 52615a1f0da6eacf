import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conveningDay, drivePreparation, procedurePlan, sendPlanned, vnTime } from '../support/drive.js';
import { principals } from '../support/builders.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

// The working-day calendar holds holidays for 2019–2031 only. An opening date proposed before that
// makes the notice check count working days it has no data for: the guard throws.
const HELD_ON = '2020-06-15';
const OUT_OF_CALENDAR = '2018-12-03';

describe('a machine guard that throws', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const target = await drivePreparation(t.engine, 'C1', HELD_ON);
    const [review, approval] = procedurePlan(target, HELD_ON).toHeld;
    await sendPlanned(t.engine, target, review!);
    await sendPlanned(t.engine, target, approval!);
    await t.engine.dispatch(
      'C1',
      {
        type: 'convening.date_proposed',
        payload: { openingDate: OUT_OF_CALENDAR },
        at: vnTime(conveningDay(HELD_ON), 9),
      },
      principals.secretaryOf('C1'),
    );
  });
  afterAll(async () => t.close());

  const guardErrors = async () => {
    const scrape = (await t.http().get('/metrics')).text;
    const line = scrape.split('\n').find((l) => l.startsWith('congress_guard_errors_total{'));
    return line ?? null;
  };

  it('when no guard has thrown, then the counter has no series yet', async () => {
    expect(await guardErrors()).toBeNull();
  });

  it('when a guard throws, then the event is refused, nothing is written, the error is logged and counted by guard', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await t
      .http()
      .post('/api/v1/units/C1/events')
      .set('authorization', `Bearer ${t.token.standing_committee}`)
      .set('Idempotency-Key', 'approve-1')
      .send({ type: 'convening.date_approved', payload: {} });

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(`Date ${OUT_OF_CALENDAR} is outside the holiday data`);
    expect(await digestPrefix(t.redis, t.prefix)).toEqual(before);
    const logged = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'machine guard threw',
        guard: 'openingDateAcceptable',
        unitId: 'C1',
        event: 'convening.date_approved',
      }),
    );
    expect(await guardErrors()).toBe('congress_guard_errors_total{guard="openingDateAcceptable"} 1');
  });

  it('when an event is refused by a rule, then no guard error is counted', async () => {
    const res = await t
      .http()
      .post('/api/v1/units/C1/events')
      .set('authorization', `Bearer ${t.token.secretary}`)
      .set('Idempotency-Key', 'plan-again')
      .send({ type: 'plan.submitted', payload: { reference: 'KH-2' } });
    expect(res.status).toBe(409);
    expect(await guardErrors()).toBe('congress_guard_errors_total{guard="openingDateAcceptable"} 1');
  });
});
