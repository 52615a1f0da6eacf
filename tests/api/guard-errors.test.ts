import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/shared/clock.js';
import { drivePreparation, procedurePlan, sendPlanned } from '../support/drive.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

// The working-day calendar holds holidays for 2019–2031 only. A congress announced in late December
// 2031 makes the opening's 30-working-day notice check count into 2032, which it has no data for: the
// guard throws. The engine's clock stands on the opening day.
const HELD_ON = '2020-06-15';
const AGREED_AT = '2031-11-03T09:00:00+07:00';
const ANNOUNCED_AT = '2031-12-19T09:00:00+07:00';
const OPENING = '2031-12-22';

describe('a machine guard that throws', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => ({}), { clock: createManualClock(`${OPENING}T02:00:00.000Z`) });
    const target = await drivePreparation(t.engine, 'C1', HELD_ON);
    const [review, approval] = procedurePlan(target, HELD_ON).toHeld;
    await sendPlanned(t.engine, target, review!);
    await sendPlanned(t.engine, target, approval!);
    const convening = [
      ['convening.date_proposed', { openingDate: OPENING }, target.secretary, AGREED_AT],
      ['convening.date_approved', {}, target.superior, AGREED_AT],
      [
        'convening.announced',
        { openingDate: OPENING, delegateAllocations: {} },
        target.secretary,
        ANNOUNCED_AT,
      ],
    ] as const;
    for (const [type, payload, by, at] of convening) await t.engine.dispatch('C1', { type, payload, at }, by);
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
      .set('authorization', `Bearer ${t.token.secretary}`)
      .set('Idempotency-Key', 'open-1')
      .send({ type: 'congress.opened', payload: {} });

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('outside the holiday data (2019–2031)');
    expect(await digestPrefix(t.redis, t.prefix)).toEqual(before);
    const logged = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'machine guard threw',
        guard: 'openingGate',
        unitId: 'C1',
        event: 'congress.opened',
      }),
    );
    expect(await guardErrors()).toBe('congress_guard_errors_total{guard="openingGate"} 1');
  });

  it('when an event is refused by a rule, then no guard error is counted', async () => {
    const res = await t
      .http()
      .post('/api/v1/units/C1/events')
      .set('authorization', `Bearer ${t.token.secretary}`)
      .set('Idempotency-Key', 'plan-again')
      .send({ type: 'plan.submitted', payload: { reference: 'KH-2' } });
    expect(res.status).toBe(409);
    expect(await guardErrors()).toBe('congress_guard_errors_total{guard="openingGate"} 1');
  });
});
