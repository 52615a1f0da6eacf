import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { PASSWORD, startAccountsApp, type AccountsTestApp } from './accounts-harness.js';
import { digestPrefix } from './api-harness.js';

const MINUTE = 60_000;

describe('cookie sessions over HTTP', () => {
  let t: AccountsTestApp;
  const browser = () => supertest.agent(`http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  const signIn = (agent: supertest.Agent, username: string, password = PASSWORD) =>
    agent.post('/api/v1/session').send({ username, password });

  beforeAll(async () => {
    t = await startAccountsApp();
    await t.person('sec-c1', { role: 'secretary', unitId: 'C1' });
    await t.person('sc-d1', { role: 'standing_committee', subtreeOf: 'D1' });
  });
  afterAll(async () => t.close());

  it('when a person signs in, then an HttpOnly SameSite=Lax cookie (not Secure over HTTP) lets GET /me work', async () => {
    const agent = browser();
    const res = await signIn(agent, 'sec-c1').expect(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^congress\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(res.body)).not.toContain('argon2');
    const me = await agent.get('/api/v1/me').expect(200);
    expect(me.body.principal).toMatchObject({ kind: 'account', role: 'secretary', unitId: 'C1' });
    expect(me.body.principal.assignmentId).toBe(res.body.assignmentId);
  });

  it('when OIDC is not configured, then /session/options offers passwords only and starting one redirects nowhere', async () => {
    const options = await browser().get('/api/v1/session/options').expect(200);
    expect(options.body).toEqual({ password: true, oidc: false });
    // Unknown under /api/v1, it meets authentication first, as any unknown route does.
    const start = await browser().get('/api/v1/session/oidc').expect(401);
    expect(start.headers.location).toBeUndefined();
  });

  it('when the password is wrong, then 401 and no cookie', async () => {
    const res = await signIn(browser(), 'sc-d1', 'wrong password!').expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when a person signs out, then the cookie no longer authenticates', async () => {
    const agent = browser();
    const { body } = await signIn(agent, 'sec-c1').expect(201);
    const cookie = String((await agent.get('/api/v1/me')).request.getHeader('cookie'));
    await agent.delete('/api/v1/session').set('X-CSRF-Token', String(body.csrfToken)).expect(204);
    await supertest(t.server).get('/api/v1/me').set('Cookie', cookie).expect(401);
  });

  it('when a session is idle for 30 minutes, then it ends; just under, it lives on', async () => {
    const agent = browser();
    await signIn(agent, 'sec-c1').expect(201);
    t.clock.advance(30 * MINUTE - 1);
    await agent.get('/api/v1/me').expect(200);
    t.clock.advance(30 * MINUTE - 1);
    await agent.get('/api/v1/me').expect(200);
    t.clock.advance(30 * MINUTE);
    const res = await agent.get('/api/v1/me').expect(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('when a busy session reaches 12 hours, then it ends; just under, it lives on', async () => {
    const agent = browser();
    await signIn(agent, 'sec-c1').expect(201);
    for (let i = 0; i < 36; i += 1) {
      t.clock.advance(20 * MINUTE - (i === 35 ? 1 : 0));
      await agent.get('/api/v1/me').expect(200);
    }
    t.clock.advance(1);
    const res = await agent.get('/api/v1/me').expect(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('when a cookie request changes state without X-CSRF-Token, then 403 csrf_failed and nothing is written', async () => {
    const agent = browser();
    const { body } = await signIn(agent, 'sec-c1').expect(201);
    const event = { type: 'plan.submitted', payload: { reference: 'KH-C1' } };
    const before = await digestPrefix(t.redis, t.prefix);
    for (const token of [undefined, 'x'.repeat(32), `${body.csrfToken as string}x`]) {
      const req = agent
        .post('/api/v1/units/C1/events')
        .set('Idempotency-Key', `k-${Math.random()}`)
        .send(event);
      const res = await (token === undefined ? req : req.set('X-CSRF-Token', token)).expect(403);
      expect(res.body.code).toBe('csrf_failed');
    }
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    const allowed = await agent
      .post('/api/v1/units/C1/events')
      .set('Idempotency-Key', `k-${Math.random()}`)
      .set('X-CSRF-Token', String(body.csrfToken))
      .send(event);
    expect(allowed.status).toBe(201);
  });

  it('when account A fails 5 times, then A is locked while B signs in from the same address; 4 failures do not lock', async () => {
    await t.person('lock-a', { role: 'secretary', unitId: 'C2' });
    await t.person('lock-b', { role: 'secretary', unitId: 'C2' });
    for (let i = 0; i < 4; i += 1) await signIn(browser(), 'lock-a', 'not the password').expect(401);
    await signIn(browser(), 'lock-a').expect(201); // a success forgets the four failures
    for (let i = 0; i < 4; i += 1) await signIn(browser(), 'lock-a', 'not the password').expect(401);
    const fifth = await signIn(browser(), 'lock-a', 'not the password').expect(429);
    expect(fifth.body.code).toBe('account_locked');
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);
    await signIn(browser(), 'lock-a').expect(429);
    await signIn(browser(), 'lock-b').expect(201);
    t.clock.advance(15 * MINUTE - 1);
    await signIn(browser(), 'lock-a').expect(429);
    t.clock.advance(1);
    await signIn(browser(), 'lock-a').expect(201);
  });

  it('when failures are spread over more than 15 minutes, then they do not lock', async () => {
    await t.person('slow-typist', { role: 'secretary', unitId: 'C2' });
    for (let i = 0; i < 4; i += 1) await signIn(browser(), 'slow-typist', 'not the password').expect(401);
    t.clock.advance(15 * MINUTE);
    await signIn(browser(), 'slow-typist', 'not the password').expect(401);
    await signIn(browser(), 'slow-typist').expect(201);
  });

  it('when an account is disabled, then its session ends and its tokens are revoked at once, and it cannot sign in', async () => {
    const id = await t.person('leaver', { role: 'secretary', unitId: 'C1' });
    const agent = browser();
    await signIn(agent, 'leaver').expect(201);
    const { token } = await t.tokens.create({ role: 'secretary', unitId: 'C1', accountId: id });
    await t.http().get('/api/v1/me').auth(token, { type: 'bearer' }).expect(200);
    const result = await t.admin.setDisabled(LOCAL_ADMIN, 'leaver', true);
    expect(result.sessionsEnded).toBe(1);
    expect((await agent.get('/api/v1/me').expect(401)).body.code).toBe('unauthorized');
    await t.http().get('/api/v1/me').auth(token, { type: 'bearer' }).expect(401);
    const refused = await signIn(browser(), 'leaver').expect(403);
    expect(refused.body.detail).toMatch(/disabled/);
    await t.admin.setDisabled(LOCAL_ADMIN, 'leaver', false);
    await signIn(browser(), 'leaver').expect(201);
  });

  it('when a token expires, then 401 token_expired; a moment before, it works and records lastUsedAt', async () => {
    const { token, record } = await t.tokens.create({ role: 'auditor', subtreeOf: 'D1', expiresIn: '1h' });
    const expiry = Date.parse(record.expiresAt!);
    t.clock.set(new Date(expiry - 1));
    await t.http().get('/api/v1/me').auth(token, { type: 'bearer' }).expect(200);
    const listed = (await t.tokens.list()).find((r) => r.id === record.id);
    expect(listed?.lastUsedAt).toBe(new Date(expiry - 1).toISOString());
    t.clock.set(new Date(expiry));
    const res = await t.http().get('/api/v1/me').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body.code).toBe('token_expired');
  });

  it('when the request body is bad, then 422 and no session is made', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    await browser().post('/api/v1/session').send({ username: 'sec-c1' }).expect(422);
    await browser()
      .post('/api/v1/session')
      .send({ username: 'sec-c1', password: PASSWORD, extra: 1 })
      .expect(422);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });
});

describe('the Secure flag behind a trusted proxy', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp({ trustProxy: 'loopback' });
    await t.person('proxied', { role: 'secretary', unitId: 'C1' });
  });
  afterAll(async () => t.close());

  it('when the proxy says the request came over TLS, then the cookie is Secure', async () => {
    const res = await supertest(t.server)
      .post('/api/v1/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'proxied', password: PASSWORD })
      .expect(201);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
