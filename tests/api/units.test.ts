import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';

describe('unit routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bodyLimit: '2kb' });
  });
  afterAll(async () => t.close());

  const as = (role: keyof TestApp['token']) => ({ Authorization: `Bearer ${t.token[role]}` });
  const post = (unit: string, body: unknown, key: string, role: keyof TestApp['token'] = 'secretary') =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set(as(role))
      .set('Idempotency-Key', key)
      .send(body as object);
  const unchanged = async (act: () => Promise<unknown>) => {
    const before = await digestPrefix(t.redis, t.prefix);
    await act();
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  };

  it('when a unit is read, then it shows phase, allowed events and version, with the version as ETag', async () => {
    const res = await t.http().get('/api/v1/units/C1').set(as('secretary'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unit: { id: 'C1', level: 'cell' }, version: 0, phase: 'plan' });
    expect(res.headers.etag).toBe('"0"');
    const allowed = (res.body.allowedEvents as { type: string; allowed: boolean }[])
      .filter((e) => e.allowed)
      .map((e) => e.type);
    expect(allowed).toContain('plan.submitted');
  });

  it('when an event is appended, then 201; the same key and body again returns the original result with 200', async () => {
    const first = await post('C1', { type: 'plan.submitted', payload: { reference: 'KH-01' } }, 'submit-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ unitId: 'C1', duplicate: false, seq: 1, version: 1 });
    expect(first.headers.etag).toBe('"1"');
    const again = await post('C1', { type: 'plan.submitted', payload: { reference: 'KH-01' } }, 'submit-1');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, seq: 1, version: 1, hash: first.body.hash });
    const view = await t.http().get('/api/v1/units/C1').set(as('secretary'));
    expect(view.body.version).toBe(1);
  });

  it('when an idempotency key is reused with another body, then 409 idempotency_mismatch and nothing changes', async () => {
    await unchanged(async () => {
      const res = await post('C1', { type: 'plan.submitted', payload: { reference: 'KH-02' } }, 'submit-1');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('idempotency_mismatch');
    });
  });

  it('when If-Match names a stale version, then 409 version_conflict and nothing changes', async () => {
    await unchanged(async () => {
      const own = await t
        .http()
        .post('/api/v1/units/C1/events')
        .set(as('secretary'))
        .set('Idempotency-Key', 'stale-2')
        .set('If-Match', '"0"')
        .send({ type: 'bodies.formed', payload: {} });
      expect(own.status).toBe(409);
      expect(own.body).toMatchObject({ code: 'version_conflict', currentVersion: 1, expectedVersion: 0 });
    });
  });

  it('when the event is not allowed in this state, then 409 not_allowed listing the allowed events, and nothing changes', async () => {
    await unchanged(async () => {
      const res = await post('C1', { type: 'results.reported', payload: {} }, 'early-report');
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('not_allowed');
      expect(Array.isArray(res.body.allowed)).toBe(true);
      expect(res.body.allowed).not.toContain('results.reported');
    });
  });

  it('when the payload is invalid, then 422 names the field and the reason, and nothing changes', async () => {
    await unchanged(async () => {
      const own = await post(
        'C1',
        { type: 'plan.approved', payload: { unexpected: true } },
        'bad-2',
        'standing_committee',
      );
      expect(own.status).toBe(422);
      expect(own.body.errors[0].path).toMatch(/^payload/);
    });
  });

  it('when the body is malformed JSON, then 400; too large, then 413; no Idempotency-Key, then 400 — nothing changes', async () => {
    await unchanged(async () => {
      const malformed = await t
        .http()
        .post('/api/v1/units/C1/events')
        .set(as('secretary'))
        .set('Idempotency-Key', 'm')
        .set('Content-Type', 'application/json')
        .send('{"type": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('bad_request');
      const huge = await post(
        'C1',
        { type: 'plan.submitted', payload: { reference: 'x'.repeat(5000) } },
        'huge',
      );
      expect(huge.status).toBe(413);
      const keyless = await t
        .http()
        .post('/api/v1/units/C1/events')
        .set(as('secretary'))
        .send({ type: 'plan.submitted', payload: { reference: 'y' } });
      expect(keyless.status).toBe(400);
      expect(keyless.body.errors[0]).toEqual({
        path: 'headers.idempotency-key',
        message: 'Idempotency-Key header is required',
      });
      const badType = await post('C1', { type: 'NOT A TYPE', payload: {} }, 'bad-type');
      expect(badType.status).toBe(422);
      expect(badType.body.errors[0].path).toBe('body.type');
    });
  });

  it('when the unit is unknown, then 404; out of scope, then 403', async () => {
    expect((await t.http().get('/api/v1/units/NOPE').set(as('admin'))).status).toBe(404);
    expect(
      (await post('NOPE', { type: 'plan.submitted', payload: { reference: 'x' } }, 'k404', 'admin')).status,
    ).toBe(404);
    expect((await t.http().get('/api/v1/units/B3').set(as('auditor'))).status).toBe(403);
  });

  it('when history is paged, then entries come in seq order with their hash chain', async () => {
    const res = await t.http().get('/api/v1/units/C1/history?fromSeq=1&limit=10').set(as('auditor'));
    expect(res.status).toBe(200);
    expect(res.body.entries).toHaveLength(1);
    expect(res.body.entries[0]).toMatchObject({
      seq: 1,
      type: 'plan.submitted',
      payload: { reference: 'KH-01' },
    });
    expect((await t.http().get('/api/v1/units/C1/history?limit=0').set(as('auditor'))).status).toBe(400);
  });

  it('when the state is replayed at seq 0 or at a past instant, then the earlier phase comes back', async () => {
    const atStart = await t.http().get('/api/v1/units/C1/state?seq=0').set(as('auditor'));
    expect(atStart.body).toMatchObject({ seq: 0, phase: 'plan' });
    const now = await t.http().get('/api/v1/units/C1/state?seq=1').set(as('auditor'));
    expect(now.body.seq).toBe(1);
    const past = await t.http().get('/api/v1/units/C1/state?at=2000-01-01T00:00:00Z').set(as('auditor'));
    expect(past.body.seq).toBe(0);
    expect(
      (await t.http().get('/api/v1/units/C1/state?at=2000-01-01T00:00:00Z&seq=1').set(as('auditor'))).status,
    ).toBe(400);
    expect((await t.http().get('/api/v1/units/C1/state').set(as('auditor'))).status).toBe(400);
  });

  it('when a unit and its subtree are verified, then every report is intact', async () => {
    const one = await t.http().get('/api/v1/units/C1/verify').set(as('auditor'));
    expect(one.body).toMatchObject({ ok: true, reports: [{ unitId: 'C1', ok: true, events: 1 }] });
    const tree = await t.http().get('/api/v1/units/D1/verify?subtree=true').set(as('auditor'));
    expect((tree.body.reports as unknown[]).length).toBe(5);
  });

  it('when a log entry is tampered with, then verify reports the broken seq', async () => {
    const logKey = `${t.prefix}:{C2}:log`;
    const sec = await t.tokens.create({ role: 'secretary', unitId: 'C2' });
    await t
      .http()
      .post('/api/v1/units/C2/events')
      .auth(sec.token, { type: 'bearer' })
      .set('Idempotency-Key', 'c2')
      .send({ type: 'plan.submitted', payload: { reference: 'orig' } });
    const [entry] = await t.redis.xrange(logKey, '-', '+');
    const [id, fields] = entry!;
    const tampered = fields.map((v) => v.replace('orig', 'forged'));
    await t.redis
      .multi()
      .del(logKey)
      .xadd(logKey, id, ...tampered)
      .exec();
    const res = await t.http().get('/api/v1/units/C2/verify').set(as('auditor'));
    expect(res.body.ok).toBe(false);
    expect(res.body.reports[0]).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('when progress is asked, then rows by level and block carry the Vietnamese formatted share', async () => {
    const res = await t.http().get('/api/v1/units/D1/progress').set(as('standing_committee'));
    expect(res.status).toBe(200);
    const cells = (res.body.byLevel as { level: string; formatted: string; total: number }[]).find(
      (r) => r.level === 'cell',
    );
    expect(cells).toMatchObject({ total: 2, formatted: '0/2 (0,00%)' });
  });

  it('when children are listed, then the direct subordinates come back', async () => {
    const res = await t.http().get('/api/v1/units/B1/children').set(as('standing_committee'));
    expect((res.body.children as { id: string }[]).map((c) => c.id).sort()).toEqual(['C1', 'C2']);
  });

  it('when history is exported, then JSON lines and CSV stream with the right content type', async () => {
    const jsonl = await t
      .http()
      .get('/api/v1/units/C1/export?format=jsonl')
      .set(as('auditor'))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done(null, text));
      });
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const lines = (jsonl.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; type: string });
    expect(lines).toEqual([expect.objectContaining({ seq: 1, type: 'plan.submitted' })]);
    const csv = await t.http().get('/api/v1/units/C1/export?format=csv').set(as('auditor'));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toMatch(/^seq,type,at/);
    expect((await t.http().get('/api/v1/units/B3/export').set(as('auditor'))).status).toBe(403);
    expect((await t.http().get('/api/v1/units/C1/export?format=xml').set(as('auditor'))).status).toBe(400);
  });
});
