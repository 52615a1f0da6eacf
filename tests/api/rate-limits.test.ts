import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { startTestApp, TREE, type TestApp } from './api-harness.js';

const UNITS = 600;
const cellId = (i: number) => `B1X${String(i).padStart(3, '0')}`;

describe('rate limits with their defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const cells = Array.from({ length: UNITS }, (_, i) => ({
      id: cellId(i),
      name: `Chi bộ ${i}`,
      level: 'cell',
      block: 'ward',
      parentId: 'B1',
      workingGroup: 'wg1',
      memberCount: 5,
      term: '2020-2025',
    }));
    await t.engine.importTree({ format: 'json', content: JSON.stringify([...TREE, ...cells]) }, LOCAL_ADMIN);
  }, 120_000);
  afterAll(async () => t.close());

  it('when a standing committee records a decision on 600 units within one minute, one request each, then none is throttled; the 601st request is', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < UNITS; i++) {
      const res = await t
        .http()
        .post(`/api/v1/units/${cellId(i)}/events`)
        .set('Authorization', `Bearer ${t.token.standing_committee}`)
        .set('Idempotency-Key', `sc-${i}`)
        .send({ type: 'unit.flagged_difficult', payload: { reason: 'Kiểm tra' } });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const over = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${t.token.standing_committee}`);
    expect(over.status).toBe(429);
    expect(over.body.detail).toMatch(/token/);
    // Another token is counted on its own.
    expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${t.token.auditor}`)).status).toBe(
      200,
    );
  }, 120_000);
});

describe('rate limit per account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 100, rateLimitPerAccountPerMinute: 3 });
  });
  afterAll(async () => t.close());

  it('when an account makes 3 requests, then they pass; the 4th is refused 429 naming the account', async () => {
    const me = () => t.http().get('/api/v1/me').set('Authorization', `Bearer ${t.token.secretary}`);
    for (let i = 0; i < 3; i++) expect((await me()).status).toBe(200);
    const fourth = await me();
    expect(fourth.status).toBe(429);
    expect(fourth.body.detail).toMatch(/account/);
  });
});
