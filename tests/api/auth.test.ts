import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('tokens and authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 1000 });
  });
  afterAll(async () => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it.each([
    ['no Authorization header', {}],
    ['a non-bearer scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['an unknown token', bearer('A'.repeat(43))],
  ])('when a request has %s, then it is 401 with a WWW-Authenticate challenge', async (_label, headers) => {
    const res = await t.http().get('/api/v1/units/C1').set(headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('unauthorized');
  });

  it('when an admin issues a token, then it is shown once and works for its scope only', async () => {
    const created = await t
      .http()
      .post('/api/v1/tokens')
      .set(bearer(t.token.admin))
      .send({ role: 'secretary', unitId: 'C2', label: 'C2 secretary' });
    expect(created.status).toBe(201);
    expect(created.body.principal).toMatchObject({ role: 'secretary', unitId: 'C2' });
    expect(created.body.hash).toBeUndefined();
    const own = await t
      .http()
      .get('/api/v1/units/C2')
      .set(bearer(created.body.token as string));
    expect(own.status).toBe(200);
    const other = await t
      .http()
      .get('/api/v1/units/C1')
      .set(bearer(created.body.token as string));
    expect(other.status).toBe(403);
    const list = await t.http().get('/api/v1/tokens').set(bearer(t.token.admin));
    expect(list.text).not.toContain(created.body.token);
    const ids = (list.body.tokens as { id: string }[]).map((r) => r.id);
    expect(ids).toContain(created.body.id);
  });

  it('when a token is revoked, then it is refused with 401 and revoking again is 404', async () => {
    const created = await t
      .http()
      .post('/api/v1/tokens')
      .set(bearer(t.token.admin))
      .send({ role: 'auditor', subtreeOf: 'D1' });
    const revoked = await t.http().delete(`/api/v1/tokens/${created.body.id}`).set(bearer(t.token.admin));
    expect(revoked.status).toBe(204);
    expect(
      (
        await t
          .http()
          .get('/api/v1/units/D1')
          .set(bearer(created.body.token as string))
      ).status,
    ).toBe(401);
    expect(
      (await t.http().delete(`/api/v1/tokens/${created.body.id}`).set(bearer(t.token.admin))).status,
    ).toBe(404);
  });

  it('when a non-admin manages tokens, then it is 403 and nothing is stored', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await t
      .http()
      .post('/api/v1/tokens')
      .set(bearer(t.token.standing_committee))
      .send({ role: 'admin' });
    expect(res.status).toBe(403);
    expect((await t.http().get('/api/v1/tokens').set(bearer(t.token.secretary))).status).toBe(403);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when a token request does not fit its role, then it is 422 naming the field and nothing is stored', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await t
      .http()
      .post('/api/v1/tokens')
      .set(bearer(t.token.admin))
      .send({ role: 'secretary', subtreeOf: 'D1' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.unitId', message: 'required for role secretary' },
        { path: 'body.subtreeOf', message: 'not allowed for role secretary' },
      ]),
    );
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when a stored token record is corrupted, then 500 without internals, and the error is logged', async () => {
    const { token, record } = await t.tokens.create({ role: 'auditor', subtreeOf: 'D1' });
    await t.redis.set(`${t.prefix}:auth:token:${record.hash}`, '{"id":"x"}');
    const res = await t.http().get('/api/v1/units/D1').set(bearer(token));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, code: 'internal', errors: [] });
    expect(res.text).not.toMatch(/ZodError|principal|\.ts:\d+/);
    expect(t.logs.some((line) => line.includes('unhandled error') && line.includes('"stack"'))).toBe(true);
  });

  it('when requests carry tokens, then no token or Authorization value reaches the logs', async () => {
    await t.http().get('/api/v1/units/C1').set(bearer(t.token.secretary));
    await t
      .http()
      .get('/api/v1/units/C1')
      .set(bearer('B'.repeat(43)));
    const logged = t.logs.join('\n');
    expect(logged).toContain('"path":"/api/v1/units/C1"');
    for (const token of Object.values(t.token)) expect(logged).not.toContain(token);
    expect(logged).not.toContain('B'.repeat(43));
    expect(logged).not.toMatch(/authorization/i);
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 3 });
  });
  afterAll(async () => t.close());

  it('when a token exceeds its limit, then it gets 429 while another token is still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await t.http().get('/api/v1/units/C1').auth(t.token.secretary, { type: 'bearer' })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.http().get('/api/v1/units/C1').auth(t.token.secretary, { type: 'bearer' });
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await t.http().get('/api/v1/units/C1').auth(t.token.admin, { type: 'bearer' })).status).toBe(200);
  });
});

describe('failed authentication limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ authFailuresPerMinute: 2 });
  });
  afterAll(async () => t.close());

  it('when one address keeps presenting bad tokens, then it gets 429 before any further token lookup', async () => {
    const bad = () => t.http().get('/api/v1/units/C1').auth('C'.repeat(43), { type: 'bearer' });
    expect((await bad()).status).toBe(401);
    expect((await bad()).status).toBe(401);
    const third = await bad();
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('rate_limited');
    expect(third.headers['retry-after']).toBeDefined();
  });
});

describe('failed authentication limit under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ authFailuresPerMinute: 2 });
  });
  afterAll(async () => t.close());

  it('when more authenticated requests than the limit stay in flight from one address, then none is refused', async () => {
    // Live alert streams stay open: four at once from one address, against a limit of two failures.
    const { port } = t.server.address() as AddressInfo;
    const open = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const headers = { Authorization: `Bearer ${t.token.secretary}` };
        get({ port, host: '127.0.0.1', path: '/api/v1/alerts/stream', headers }, resolve).on('error', reject);
      });
    const streams: IncomingMessage[] = [];
    for (let i = 0; i < 4; i++) streams.push(await open());
    streams.forEach((res) => res.destroy());

    expect(streams.map((res) => res.statusCode)).toEqual([200, 200, 200, 200]);
  });
});
