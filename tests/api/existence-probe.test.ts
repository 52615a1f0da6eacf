/**
 * Outside a principal's scope, a unit that exists and one that does not get the same answer, so no
 * token can probe which unit ids exist; only admins learn that an id names nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RoleName, type TestApp } from './api-harness.js';

const MISSING = 'NOPE';
/** B3 (under D2) is outside the scope of every scoped token of the harness, all set in D1's tree. */
const OUTSIDE = 'B3';

const READS = [
  '',
  '/history',
  '/state?seq=0',
  '/verify',
  '/verify?subtree=true',
  '/progress',
  '/children',
  '/export',
];
const SCOPED: RoleName[] = ['secretary', 'working_group', 'standing_committee', 'inspection', 'auditor'];

describe('unit existence is not revealed outside scope', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const get = (role: RoleName, unit: string, route: string) =>
    t.http().get(`/api/v1/units/${unit}${route}`).set('Authorization', `Bearer ${t.token[role]}`);
  const send = (role: RoleName, unit: string) =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set('Authorization', `Bearer ${t.token[role]}`)
      .set('Idempotency-Key', `probe-${++n}`)
      .send({ type: 'plan.submitted', payload: { reference: 'KH-01' } });

  /** The answer with the unit id blanked, so answers about two ids can be compared. */
  const shape = (res: { status: number; body: Record<string, unknown> }, unit: string) => ({
    status: res.status,
    body: JSON.parse(JSON.stringify(res.body).replaceAll(unit, '<unit>')) as unknown,
  });

  it.each(SCOPED)(
    'when a %s reads an existing unit outside its scope or a missing one, then both answer the same 403',
    async (role) => {
      for (const route of READS) {
        const outside = shape(await get(role, OUTSIDE, route), OUTSIDE);
        const missing = shape(await get(role, MISSING, route), MISSING);
        expect(outside.status, `${role} GET ${route}`).toBe(403);
        expect(missing, `${role} GET ${route}`).toEqual(outside);
      }
    },
  );

  it.each(SCOPED)(
    'when a %s sends an event to an existing unit outside its scope or a missing one, then both answer the same 403',
    async (role) => {
      const outside = shape(await send(role, OUTSIDE), OUTSIDE);
      const missing = shape(await send(role, MISSING), MISSING);
      expect(outside.status).toBe(403);
      expect(missing).toEqual(outside);
    },
  );

  it('when an admin reads or sends to a missing unit, then 404 says it is not found', async () => {
    for (const route of READS) {
      const res = await get('admin', MISSING, route);
      expect(res.status, `GET ${route}`).toBe(404);
      expect(res.body.detail).toBe(`unit ${MISSING} not found`);
    }
    expect((await send('admin', MISSING)).status).toBe(404);
    expect((await get('admin', OUTSIDE, '')).status).toBe(200);
  });
});
