import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/shared/clock.js';
import { startTestApp, type TestApp } from './api-harness.js';

// The engine clock: 1/4/2020, 09:00 in Hanoi.
const NOW = '2020-04-01T02:00:00.000Z';

describe('irregularities and pilots over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => ({}), { clock: createManualClock(NOW) });
  });
  afterAll(async () => t.close());

  const post = (unit: string, body: object, role: 'secretary' | 'standing_committee') =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set('Authorization', `Bearer ${t.token[role]}`)
      .set('Idempotency-Key', randomUUID())
      .send(body);
  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${t.token.auditor}`);

  it('when the superior decides a plan on the 11th working day, then 201, and the unit shows the irregularity, its flag and an alert deadline', async () => {
    const submitted = await post(
      'C1',
      { type: 'plan.submitted', payload: { reference: 'KH-C1' }, occurredAt: '2020-03-02T09:00:00+07:00' },
      'secretary',
    );
    // 2/3 + 10 working days is 16/3: the 17th is one day late.
    const approved = await post(
      'C1',
      { type: 'plan.approved', payload: {}, occurredAt: '2020-03-17T09:00:00+07:00' },
      'standing_committee',
    );
    const unit = await get('/api/v1/units/C1');

    expect([submitted.status, approved.status]).toEqual([201, 201]);
    expect(unit.body.irregularities).toEqual([
      {
        rule: 'clocks.superiorDecision',
        source: expect.objectContaining({ basis: 'local-policy' }) as unknown,
        occurredAt: '2020-03-17T09:00:00+07:00',
        seq: 2,
      },
    ]);
    expect(unit.body.flags.irregular).toBe(true);
    const kinds = (unit.body.deadlines as { kind: string }[]).map((d) => d.kind);
    expect(kinds).toContain('irregularity.clocks.superiorDecision');
    const progress = await get('/api/v1/units/D1/progress');
    const cells = (progress.body.byLevel as { level: string; atRisk: number }[]).find(
      (r) => r.level === 'cell',
    );
    expect(cells?.atRisk).toBe(1);
  });

  it('when the superior closes that irregularity, then it stays listed as closed, leaves the deadlines and the at-risk count; a secretary or a wrong seq changes nothing', async () => {
    const close = (seq: number, role: 'secretary' | 'standing_committee') =>
      post(
        'C1',
        { type: 'irregularity.closed', payload: { seq, note: 'đã nhắc nhở, rút kinh nghiệm' } },
        role,
      );
    const before = await get('/api/v1/units/C1');
    const bySecretary = await close(2, 'secretary');
    expect(bySecretary.status).toBe(403);
    const wrongSeq = await close(1, 'standing_committee');
    expect(wrongSeq.status).toBe(409);
    expect(wrongSeq.body.detail).toContain('no irregularity was recorded at seq 1');
    expect((await get('/api/v1/units/C1')).body.version).toBe(before.body.version);

    const closed = await close(2, 'standing_committee');
    expect(closed.status).toBe(201);
    const unit = await get('/api/v1/units/C1');
    expect(unit.body.irregularities).toEqual([
      expect.objectContaining({
        rule: 'clocks.superiorDecision',
        seq: 2,
        closedSeq: closed.body.seq,
        closingNote: 'đã nhắc nhở, rút kinh nghiệm',
      }),
    ]);
    expect(unit.body.riskReasons).not.toContain('irregularity');
    const kinds = (unit.body.deadlines as { kind: string }[]).map((d) => d.kind);
    expect(kinds).not.toContain('irregularity.clocks.superiorDecision');
    const progress = await get('/api/v1/units/D1/progress');
    const cells = (progress.body.byLevel as { level: string; atRisk: number }[]).find(
      (r) => r.level === 'cell',
    );
    expect(cells?.atRisk).toBe(0);
    expect((await close(2, 'standing_committee')).status).toBe(409);
  });

  it('when a cell is designated a pilot and the base records the lessons, then the other cell is told to wait and then told the lessons', async () => {
    const designated = await post(
      'C1',
      { type: 'pilot.designated', payload: { reason: 'chi bộ tiêu biểu' } },
      'standing_committee',
    );
    expect(designated.status).toBe(201);
    expect(designated.body.cascaded).toEqual([
      expect.objectContaining({ unitId: 'B1', type: 'subordinate.pilot_designated' }),
      expect.objectContaining({ unitId: 'C2', type: 'superior.pilots_designated' }),
    ]);
    const lessons = await post(
      'B1',
      {
        type: 'pilot.lessons_recorded',
        payload: { conferenceDate: '2020-04-01', summary: 'Rút kinh nghiệm' },
      },
      'standing_committee',
    );
    expect(lessons.status).toBe(201);
    expect(lessons.body.cascaded).toEqual([
      expect.objectContaining({ unitId: 'C2', type: 'superior.pilot_lessons_recorded' }),
    ]);
    const c2 = await get('/api/v1/units/C2/history');
    expect((c2.body.entries as { type: string }[]).map((e) => e.type)).toEqual([
      'superior.pilots_designated',
      'superior.pilot_lessons_recorded',
    ]);
    const c1 = await get('/api/v1/units/C1/history');
    expect((c1.body.entries as { type: string }[]).map((e) => e.type)).not.toContain(
      'superior.pilots_designated',
    );
  });

  it('when the announcement allocates delegates to a unit that is not a subordinate, then 409 says so and nothing is written', async () => {
    const at = '2020-04-01T09:00:00+07:00';
    await post(
      'C1',
      { type: 'convening.date_proposed', payload: { openingDate: '2020-06-01' }, occurredAt: at },
      'secretary',
    );
    await post('C1', { type: 'convening.date_approved', payload: {}, occurredAt: at }, 'standing_committee');
    const before = await get('/api/v1/units/C1');
    const payload = { openingDate: '2020-06-01', delegateAllocations: { X9: 2 } };
    const res = await post('C1', { type: 'convening.announced', payload, occurredAt: at }, 'secretary');
    const after = await get('/api/v1/units/C1');

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('unit X9 is not a direct subordinate');
    expect(after.body.version).toBe(before.body.version);
  });
});
