import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/shared/clock.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

// The API's engine clock: Wednesday 11/3/2020, 09:00 in Hanoi.
const NOW = '2020-03-11T02:00:00.000Z';

describe('business time over HTTP', () => {
  let t: TestApp;
  const clock = createManualClock(NOW);
  beforeAll(async () => {
    t = await startTestApp({}, () => ({}), { clock });
  });
  afterAll(async () => t.close());

  const post = (
    body: object,
    key: string,
    role: 'secretary' | 'standing_committee' = 'secretary',
    unit = 'C1',
  ) =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set('Authorization', `Bearer ${t.token[role]}`)
      .set('Idempotency-Key', key)
      .send(body);
  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${t.token.auditor}`);

  it('when a past step is posted with occurredAt, then 201, and history shows both times, late and the actor', async () => {
    const res = await post(
      { type: 'plan.submitted', payload: { reference: 'KH-C1' }, occurredAt: '2020-03-02T09:00:00+07:00' },
      'bt-1',
    );
    const history = await get('/api/v1/units/C1/history');

    expect(res.status).toBe(201);
    expect(history.body.entries[0]).toMatchObject({
      occurredAt: '2020-03-02T09:00:00+07:00',
      recordedAt: NOW,
      // 7 working days after it occurred (clocks.lateRecording is 3).
      late: true,
      backfilled: false,
      actor: { kind: 'token', role: 'secretary', scope: 'unit:C1' },
    });
  });

  it.each([
    ['in the future beyond 5 minutes', '2020-03-11T02:05:00.001Z', /5 minutes/],
    ["before the unit's previous event", '2020-03-01T09:00:00+07:00', /previous event/],
    ['not an instant', '11/3/2020', /ISO 8601/],
  ])(
    'when occurredAt is %s, then 422 names the field and nothing changes',
    async (_label, occurredAt, message) => {
      const before = await digestPrefix(t.redis, t.prefix);
      const res = await post(
        { type: 'plan.approved', payload: {}, occurredAt },
        `bad-${occurredAt}`,
        'standing_committee',
      );

      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          path: expect.stringMatching(/^(body\.)?occurredAt$/) as string,
          message: expect.stringMatching(message) as string,
        }),
      ]);
      expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    },
  );

  it('when the state is asked by occurred and by recorded time, then each answers its own question', async () => {
    const asOf = encodeURIComponent('2020-03-05T00:00:00+07:00');
    const occurred = await get(`/api/v1/units/C1/state?at=${asOf}&by=occurred`);
    const recorded = await get(`/api/v1/units/C1/state?at=${asOf}&by=recorded`);
    const bad = await get(`/api/v1/units/C1/state?seq=1&by=recorded`);

    expect(occurred.body).toMatchObject({ seq: 1, by: 'occurred' });
    expect(recorded.body).toMatchObject({ seq: 0, by: 'recorded' });
    expect(bad.status).toBe(400);
  });

  it('when a correction is posted, then history shows it beside the original and the export carries both times', async () => {
    const res = await post(
      {
        type: 'record.corrected',
        payload: { seq: 1, payload: { reference: 'KH-C1/2020' }, reason: 'Sai số hiệu' },
      },
      'bt-fix',
    );
    const history = await get('/api/v1/units/C1/history');
    const csv = await get('/api/v1/units/C1/export?format=csv');
    const jsonl = await get('/api/v1/units/C1/export?format=jsonl');

    expect(res.status).toBe(201);
    expect(history.body.entries[0].corrections).toEqual([
      { seq: 2, payload: { reference: 'KH-C1/2020' }, reason: 'Sai số hiệu' },
    ]);
    expect(csv.text.split('\n')[0]).toContain('occurredAt,recordedAt');
    expect(csv.text.split('\n')[1]).toContain(`2020-03-02T09:00:00+07:00,${NOW}`);
    expect(JSON.parse(jsonl.text.split('\n')[0]!)).toMatchObject({
      occurredAt: '2020-03-02T09:00:00+07:00',
      recordedAt: NOW,
    });
  });
});
