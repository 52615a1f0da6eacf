import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { digestPrefix, startTestApp, TREE, type TestApp } from './api-harness.js';

const CELLS = 1_050;
const cellId = (i: number) => `B2C${String(i).padStart(4, '0')}`;

/** Alerts of D1's standing committee: 250, fired a minute apart except pairs sharing a fire time. */
function scAlert(i: number): Alert {
  const fireAt = new Date(Date.parse('2026-03-01T00:00:00Z') + Math.floor(i / 2) * 60_000).toISOString();
  const unitId = i % 5 === 0 ? 'B1' : 'B2';
  return {
    id: `sc-${String(i).padStart(3, '0')}`,
    type: 'escalation',
    unitId,
    deadline: {
      kind: i % 3 === 0 ? 'plan.approval' : 'report.due',
      step: 's',
      enteredSeq: 1,
      owner: 'unit',
      dueAt: fireAt,
    },
    recipients: ['sc:D1'],
    fireAt,
    createdAt: new Date(Date.parse(fireAt) + 5_000).toISOString(),
  };
}

describe('paged lists: children and alerts', () => {
  let t: TestApp;
  const alerts = Array.from({ length: 250 }, (_, i) => scAlert(i));
  beforeAll(async () => {
    t = await startTestApp();
    const cells = Array.from({ length: CELLS }, (_, i) => ({
      id: cellId(i),
      name: `Chi bộ ${i}`,
      level: 'cell',
      block: i % 2 === 0 ? 'ward' : 'enterprise',
      parentId: 'B2',
      workingGroup: 'wg2',
      memberCount: 5,
      term: '2020-2025',
    }));
    // An import names the whole tree: the stored units, then the new cells under B2.
    await t.engine.importTree({ format: 'json', content: JSON.stringify([...TREE, ...cells]) }, LOCAL_ADMIN);
    for (const a of alerts) await t.alertStore.record(a);
  }, 120_000);
  afterAll(async () => t.close());

  const get = (path: string, role: keyof TestApp['token'] = 'standing_committee') =>
    t.http().get(path).set('Authorization', `Bearer ${t.token[role]}`);

  /** Follows nextCursor from `first` to the end; every page's items, in order. */
  async function walk<T>(first: string, field: string): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let pages = 0;
    for (let url: string | null = first; url !== null; pages++) {
      const res = await get(url);
      expect(res.status).toBe(200);
      items.push(...(res.body[field] as T[]));
      const next = res.body.nextCursor as string | null;
      url =
        next === null ? null : `${first}${first.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`;
    }
    return { items, pages };
  }

  it('when children are asked for without a limit, then the first 100 come with a cursor, and the cursor walks all 1,050 once', async () => {
    const first = await get('/api/v1/units/B2/children');
    expect(first.body.children).toHaveLength(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const { items, pages } = await walk<{ id: string }>('/api/v1/units/B2/children?limit=300', 'children');
    expect(pages).toBe(4);
    expect(items.map((c) => c.id)).toEqual(Array.from({ length: CELLS }, (_, i) => cellId(i)));
  });

  it('when limit is 1,000 the page holds 1,000; when it is 1,001 or 0, then 400 and the bounds are named', async () => {
    const max = await get('/api/v1/units/B2/children?limit=1000');
    expect(max.status).toBe(200);
    expect(max.body.children).toHaveLength(1_000);
    for (const limit of [1_001, 0]) {
      const res = await get(`/api/v1/units/B2/children?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/limit/);
    }
  });

  it('when children are filtered by block and name, then only those match, paged the same way', async () => {
    const { items } = await walk<{ id: string; block: string }>(
      '/api/v1/units/B2/children?block=enterprise&limit=200',
      'children',
    );
    expect(items).toHaveLength(CELLS / 2);
    expect(items.every((c) => c.block === 'enterprise')).toBe(true);
    const named = await get(`/api/v1/units/B2/children?q=${encodeURIComponent('chi bộ 104')}`);
    expect((named.body.children as { id: string }[]).map((c) => c.id)).toEqual([
      cellId(104),
      ...Array.from({ length: 10 }, (_, i) => cellId(1040 + i)),
    ]);
  });

  it('when a cursor was not made by the server, then 400 and what to do', async () => {
    const res = await get('/api/v1/units/B2/children?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/nextCursor/);
  });

  it('when alerts are walked 40 at a time, then all 250 come once, newest first, ties broken by id', async () => {
    const { items } = await walk<Alert>('/api/v1/alerts?limit=40', 'alerts');
    const expected = [...alerts]
      .sort((a, b) => b.fireAt.localeCompare(a.fireAt) || (b.id < a.id ? -1 : 1))
      .map((a) => a.id);
    expect(items.map((a) => a.id)).toEqual(expected);
  });

  it('when alerts are listed, then each names its unit, its due time and when it was written', async () => {
    const res = await get('/api/v1/alerts?limit=1&unitId=B1');
    expect(res.body.alerts[0]).toMatchObject({
      unitId: 'B1',
      unitName: 'Unit B1',
      deadline: { dueAt: expect.any(String) },
      createdAt: expect.any(String),
    });
  });

  it('when alerts are filtered by kind, unit and time window, then only matching alerts are listed', async () => {
    const from = alerts[100]!.fireAt;
    const to = alerts[149]!.fireAt;
    const { items } = await walk<Alert>(
      `/api/v1/alerts?kind=plan.approval&unitId=B2&from=${from}&to=${to}&limit=7`,
      'alerts',
    );
    const expected = alerts.filter(
      (a) => a.deadline?.kind === 'plan.approval' && a.unitId === 'B2' && a.fireAt >= from && a.fireAt <= to,
    );
    expect(items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    expect(expected.length).toBeGreaterThan(7);
  });

  it('when alerts are limited to 1,001, then 400; 1,000 is allowed', async () => {
    expect((await get('/api/v1/alerts?limit=1001')).status).toBe(400);
    expect((await get('/api/v1/alerts?limit=1000')).status).toBe(200);
  });

  it('when a standing committee acknowledges in bulk, then each alert is answered; acknowledged ones leave the open list', async () => {
    const ids = ['sc-000', 'sc-001', 'no-such-alert'];
    const res = await t
      .http()
      .post('/api/v1/alerts/ack')
      .set('Authorization', `Bearer ${t.token.standing_committee}`)
      .send({ ids });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: 'sc-000', acknowledged: true },
      { id: 'sc-001', acknowledged: true },
      { id: 'no-such-alert', acknowledged: false, status: 404, reason: expect.any(String) },
    ]);
    const acked = await get('/api/v1/alerts?acknowledged=true');
    expect((acked.body.alerts as Alert[]).map((a) => a.id).sort()).toEqual(['sc-000', 'sc-001']);
    const open = await walk<Alert>('/api/v1/alerts?limit=1000', 'alerts');
    expect(open.items).toHaveLength(248);
  });

  it('when an auditor acknowledges in bulk, then every alert is refused and nothing changes', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await t
      .http()
      .post('/api/v1/alerts/ack')
      .set('Authorization', `Bearer ${t.token.auditor}`)
      .send({ ids: ['sc-002'] });
    expect(res.body.results).toEqual([
      { id: 'sc-002', acknowledged: false, status: 403, reason: expect.any(String) },
    ]);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });
});
