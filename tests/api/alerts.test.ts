import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';
import { openStream } from './sse-client.js';

const alertFor = (id: string, unitId: string, recipients: string[]): Alert => ({
  id,
  type: 'overdue',
  unitId,
  recipients,
  fireAt: '2026-03-01T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:01.000Z',
});

describe('alert routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.alertStore.record(alertFor('a-c1', 'C1', ['unit:C1', 'wg:wg1']));
    await t.alertStore.record(alertFor('a-b3', 'B3', ['wg:wg3']));
  });
  afterAll(async () => t.close());

  const as = (role: keyof TestApp['token']) => ({ Authorization: `Bearer ${t.token[role]}` });

  it("when a secretary lists alerts, then only their unit's feed is shown", async () => {
    const res = await t.http().get('/api/v1/alerts').set(as('secretary'));
    expect(res.status).toBe(200);
    expect((res.body.alerts as Alert[]).map((a) => a.id)).toEqual(['a-c1']);
  });

  it('when an admin lists alerts, then every team feed is included', async () => {
    const res = await t.http().get('/api/v1/alerts').set(as('admin'));
    expect((res.body.alerts as Alert[]).map((a) => a.id).sort()).toEqual(['a-b3', 'a-c1']);
  });

  it('when a working group acknowledges its alert, then it leaves the open feed', async () => {
    const ack = await t.http().post('/api/v1/alerts/a-c1/ack').set(as('working_group'));
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: 'a-c1', acknowledged: true, teams: ['wg:wg1'] });
    const open = await t.http().get('/api/v1/alerts').set(as('working_group'));
    expect(open.body.alerts).toEqual([]);
    const all = await t.http().get('/api/v1/alerts?includeAcked=true').set(as('working_group'));
    expect((all.body.alerts as { id: string; ack: unknown }[])[0]).toMatchObject({
      id: 'a-c1',
      ack: { by: expect.any(String) },
    });
  });

  it('when an alert is outside the caller’s feeds, unknown, or the caller is read-only, then 403/404/403 and nothing changes', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    expect((await t.http().post('/api/v1/alerts/a-b3/ack').set(as('secretary'))).status).toBe(403);
    expect((await t.http().post('/api/v1/alerts/nope/ack').set(as('secretary'))).status).toBe(404);
    expect((await t.http().post('/api/v1/alerts/a-c1/ack').set(as('auditor'))).status).toBe(403);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when an alert is recorded while a client listens, then the stream delivers it, and not alerts of other teams', async () => {
    const { res, next } = await openStream(t.server, t.token.secretary);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const frame = next();
    await t.alertStore.record(alertFor('live-other', 'B3', ['wg:wg3']));
    await t.alertStore.record(alertFor('live-mine', 'C1', ['unit:C1']));
    const text = await frame;
    expect(text).toContain('id: live-mine');
    expect(text).toContain('event: alert');
    expect(JSON.parse(text.split('data: ')[1]!)).toMatchObject({ id: 'live-mine', unitId: 'C1' });
    res.destroy();
  });
});
