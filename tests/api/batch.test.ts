import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespaceContents } from '../support/namespace.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

const flag = (unitId: string, key: string, reason = 'Complaints pending') => ({
  unitId,
  type: 'unit.flagged_difficult',
  payload: { reason },
  occurredAt: '2026-12-01T09:00:00+07:00',
  idempotencyKey: key,
});

describe('POST /api/v1/events:batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const batch = (role: 'working_group' | 'standing_committee', body: unknown) =>
    t
      .http()
      .post('/api/v1/events:batch')
      .set('Authorization', `Bearer ${t.token[role]}`)
      .send(body as object);
  /** A unit's own keys (log, snapshot, deadlines...), without the roll-up its subordinates' rows move. */
  const unitKeys = async (id: string) =>
    Object.fromEntries(
      Object.entries(await namespaceContents(t.redis, `${t.prefix}:{${id}}`)).filter(
        ([k]) => !k.endsWith(':rollup'),
      ),
    );

  it('when a working group sends rows for its units and others, then each row is answered and refused rows write nothing', async () => {
    const [b2Before, b1Before] = [await unitKeys('B2'), await unitKeys('B1')];
    const res = await batch('working_group', {
      rows: [
        flag('C1', 'wg-1'),
        flag('B2', 'wg-2'), // wg2's unit: outside wg1's scope
        flag('C2', 'wg-3'),
        flag('B1', 'wg-4', '   '), // blank reason: invalid payload
        { unitId: 'C1', type: 'unit.flagged_difficult', payload: {} }, // no idempotency key
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, refused: 3 });
    const [c1, b2, c2, b1, noKey] = res.body.results;
    expect(c1).toMatchObject({
      row: 1,
      unitId: 'C1',
      status: 'accepted',
      seq: 1,
      version: 1,
      duplicate: false,
    });
    expect(b2).toMatchObject({ row: 2, unitId: 'B2', status: 'refused', httpStatus: 403 });
    expect(c2).toMatchObject({ row: 3, unitId: 'C2', status: 'accepted', seq: 1 });
    expect(b1).toMatchObject({ row: 4, unitId: 'B1', status: 'refused', httpStatus: 422 });
    expect(b1.reason).toMatch(/reason/);
    expect(noKey).toMatchObject({ row: 5, status: 'refused', code: 'invalid_row' });
    expect(noKey.reason).toMatch(/idempotencyKey/);
    expect(await unitKeys('B2')).toEqual(b2Before);
    expect(await unitKeys('B1')).toEqual(b1Before);
    const c1View = await t.http().get('/api/v1/units/C1').set('Authorization', `Bearer ${t.token.admin}`);
    expect(c1View.body.flags.difficult).toBe(true);
  });

  it('when the same batch is sent again, then every accepted row is a duplicate and nothing is appended', async () => {
    const res = await batch('working_group', { rows: [flag('C1', 'wg-1'), flag('C2', 'wg-3')] });
    expect((res.body.results as { duplicate: boolean }[]).map((r) => r.duplicate)).toEqual([true, true]);
    expect((res.body.results as { version: number }[]).map((r) => r.version)).toEqual([1, 1]);
  });

  it('when a batch has 1,001 rows, then it is refused whole with 422 and nothing is written; 1,000 rows are read', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const rows = Array.from({ length: 1_001 }, (_, i) => flag('B3', `big-${i}`));
    const res = await batch('standing_committee', { rows });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/1000 rows/);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    // 1,000 rows are taken: every one is answered (B3 is outside D1, so each is refused, and nothing is written).
    const ok = await batch('standing_committee', { rows: rows.slice(0, 1_000) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accepted: 0, refused: 1_000 });
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when the path has another word after the colon, then it is no route: ":batch" is a literal, not a parameter', async () => {
    const res = await t
      .http()
      .post('/api/v1/events:other')
      .set('Authorization', `Bearer ${t.token.admin}`)
      .send({ rows: [flag('C1', 'x')] });
    expect(res.status).toBe(404);
  });

  it('when the CSV template of an event is asked for, then its header names the fixed columns and the payload fields', async () => {
    const res = await t
      .http()
      .get('/api/v1/event-templates/election.recorded')
      .set('Authorization', `Bearer ${t.token.secretary}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/election\.recorded\.csv/);
    expect(res.text.trim()).toBe(
      'unitId,occurredAt,idempotencyKey,election,round,summoned,present,exclusions,ballots,votes,keyPostCandidateIds',
    );
    const unknown = await t
      .http()
      .get('/api/v1/event-templates/no.such')
      .set('Authorization', `Bearer ${t.token.admin}`);
    expect(unknown.status).toBe(404);
  });

  it('when a filled template is uploaded as CSV, then each line is a row and a bad line is refused alone', async () => {
    const csv = [
      'unitId,occurredAt,idempotencyKey,reason',
      'B1,2026-12-02,,Members moved away',
      'D2,2026-12-02,,Outside the scope',
      'B2,,csv-b2,',
    ].join('\n');
    const b2Before = await unitKeys('B2');
    const res = await t
      .http()
      .post('/api/v1/events:batch?type=unit.flagged_difficult')
      .set('Authorization', `Bearer ${t.token.standing_committee}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect((res.body.results as { status: string }[]).map((r) => r.status)).toEqual([
      'accepted',
      'refused',
      'refused',
    ]);
    expect(res.body.results[2]).toMatchObject({ row: 3, unitId: 'B2', httpStatus: 422 });
    expect(await unitKeys('B2')).toEqual(b2Before);
    const again = await t
      .http()
      .post('/api/v1/events:batch?type=unit.flagged_difficult')
      .set('Authorization', `Bearer ${t.token.standing_committee}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(again.body.results[0]).toMatchObject({ status: 'accepted', duplicate: true });
  });
});
