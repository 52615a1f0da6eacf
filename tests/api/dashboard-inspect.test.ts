import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueDashboard } from '../../src/alerts/bull-board.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { sparePort } from '../../src/redis/private-server.js';
import { startTestApp, type TestApp } from './api-harness.js';

describe('/admin/queues (BullMQ dashboard)', () => {
  let t: TestApp;
  let queue: Queue;
  beforeAll(async () => {
    t = await startTestApp({}, ({ redis, prefix }) => {
      queue = new Queue('deadlines', { connection: redis, prefix: bullPrefix(prefix) });
      return { queueDashboard: createQueueDashboard([queue], '/admin/queues') };
    });
    await queue.add('probe', { n: 1 }, { delay: 60_000 });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  it('when opened without credentials, then 401 asks the browser for Basic credentials', async () => {
    const res = await t.http().get('/admin/queues');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Basic');
  });

  it('when opened with a non-admin token, then 403', async () => {
    expect(
      (await t.http().get('/admin/queues').auth(t.token.standing_committee, { type: 'bearer' })).status,
    ).toBe(403);
  });

  it('when an admin opens it (bearer or Basic with the token as password), then the dashboard and its queue API answer', async () => {
    const page = await t.http().get('/admin/queues').auth(t.token.admin, { type: 'bearer' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('congress-engine queues');
    const api = await t.http().get('/admin/queues/api/queues').auth('admin', t.token.admin);
    expect(api.status).toBe(200);
    const names = (api.body.queues as { name: string; counts: { delayed: number } }[]).map((q) => [
      q.name,
      q.counts.delayed,
    ]);
    expect(names).toEqual([['deadlines', 1]]);
  });
});

describe('/api/v1/units/:id/inspect', () => {
  it('when inspection is off (the default), then the route does not exist', async () => {
    const t = await startTestApp();
    expect(
      (await t.http().get('/api/v1/units/C1/inspect').auth(t.token.admin, { type: 'bearer' })).status,
    ).toBe(404);
    await t.close();
  });

  it('when inspection is on, then the unit’s log is replayed into the inspector: actor, then each event with its snapshot', async () => {
    const url = `ws://127.0.0.1:${await sparePort()}`;
    const t = await startTestApp({ inspect: { enabled: true, url } });
    const sent = await t
      .http()
      .post('/api/v1/units/C1/events')
      .auth(t.token.secretary, { type: 'bearer' })
      .set('Idempotency-Key', 'k1')
      .send({ type: 'plan.submitted', payload: { reference: 'KH-1' } });
    expect(sent.status).toBe(201);
    const res = await t.http().get('/api/v1/units/C1/inspect').auth(t.token.auditor, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body.inspector).toBe(url);
    const events = res.body.events as {
      type: string;
      event?: { type: string };
      snapshot?: { value: unknown };
    }[];
    expect(events.map((e) => e.type)).toEqual(['@xstate.actor', '@xstate.event', '@xstate.snapshot']);
    expect(events[1]!.event).toMatchObject({ type: 'plan.submitted', reference: 'KH-1' });
    expect(events[2]!.snapshot!.value).toEqual(
      (await t.engine.replay('C1', { seq: 1 }, { id: 'a', role: 'admin' })).snapshot.value,
    );
    expect(
      (await t.http().get('/api/v1/units/B3/inspect').auth(t.token.auditor, { type: 'bearer' })).status,
    ).toBe(403);
    await t.close();
  });
});
