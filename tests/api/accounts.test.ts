import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startAccountsApp, type AccountsTestApp } from './accounts-harness.js';
import { digestPrefix } from './api-harness.js';

describe('accounts over HTTP: assignments, delegated administration, the administration log', () => {
  let t: AccountsTestApp;
  const browser = () => supertest.agent(`http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  async function signedIn(username: string) {
    const agent = browser();
    const res = await agent.post('/api/v1/session').send({ username, password: PASSWORD }).expect(201);
    return { agent, csrf: res.body.csrfToken as string, session: res.body };
  }

  beforeAll(async () => {
    t = await startAccountsApp();
    await t.person('admin-b1', { role: 'account_admin', subtreeOf: 'B1' });
    await t.person('sec-b3', { role: 'secretary', unitId: 'B3' });
  });
  afterAll(async () => t.close());

  it('when two assignments allow the same act, then the one named by X-Assignment-Id acts and the record names account and assignment', async () => {
    const id = await t.person(
      'two-hats',
      { role: 'standing_committee', subtreeOf: 'D1' },
      { role: 'standing_committee', subtreeOf: 'B1' },
    );
    await t
      .http()
      .post('/api/v1/units/C1/events')
      .set('Idempotency-Key', `k-${Math.random()}`)
      .auth(t.token.secretary, { type: 'bearer' })
      .send({ type: 'plan.submitted', payload: { reference: 'KH-C1' } })
      .expect(201);
    const { agent, csrf, session } = await signedIn('two-hats');
    const [d1, b1] = session.assignments as { id: string }[];
    expect(session.assignmentId).toBe(d1!.id);
    await agent
      .post('/api/v1/units/C1/events')
      .set('Idempotency-Key', `k-${Math.random()}`)
      .set('X-CSRF-Token', csrf)
      .set('X-Assignment-Id', b1!.id)
      .send({ type: 'plan.approved', payload: {} })
      .expect(201);
    const history = await t.http().get('/api/v1/units/C1/history').auth(t.token.admin, { type: 'bearer' });
    expect((history.body as { entries: { actor: unknown }[] }).entries.at(-1)?.actor).toMatchObject({
      kind: 'account',
      principalId: id,
      assignmentId: b1!.id,
      role: 'standing_committee',
      scope: 'subtree:B1',
    });
    const unknown = await agent.get('/api/v1/me').set('X-Assignment-Id', 'asg_000000000000').expect(403);
    expect(unknown.body.detail).toMatch(/GET \/api\/v1\/session/);
    await agent.put('/api/v1/session').set('X-CSRF-Token', csrf).send({ assignmentId: b1!.id }).expect(200);
    expect((await agent.get('/api/v1/me')).body.principal).toMatchObject({
      assignmentId: b1!.id,
      subtreeOf: 'B1',
    });
  });

  it('when an account admin creates a secretary inside its subtree, then 201 and the new person signs in', async () => {
    const { agent, csrf } = await signedIn('admin-b1');
    const res = await agent
      .post('/api/v1/accounts')
      .set('X-CSRF-Token', csrf)
      .send({
        username: 'new-sec-c2',
        displayName: 'Bí thư C2',
        password: 'a long enough password',
        assignment: { role: 'secretary', unitId: 'C2' },
      })
      .expect(201);
    expect(res.body).not.toHaveProperty('passwordHash');
    await browser()
      .post('/api/v1/session')
      .send({ username: 'new-sec-c2', password: 'a long enough password' })
      .expect(201);
  });

  it.each([
    ['a secretary outside its subtree', { role: 'secretary', unitId: 'B3' }, 403],
    ["its own subtree root's parent", { role: 'standing_committee', subtreeOf: 'D1' }, 403],
    ['the admin role', { role: 'admin' }, 403],
    ['an unknown unit', { role: 'secretary', unitId: 'NOPE' }, 403],
    ['no assignment at all', undefined, 422],
  ])(
    'when an account admin creates an account with %s, then it is refused and nothing is written',
    async (_label, assignment, status) => {
      const { agent, csrf } = await signedIn('admin-b1');
      const before = await digestPrefix(t.redis, t.prefix);
      const res = await agent
        .post('/api/v1/accounts')
        .set('X-CSRF-Token', csrf)
        .send({ username: 'outsider', displayName: 'X', password: 'a long enough password', assignment })
        .expect(status);
      expect(res.body.detail).toMatch(/ask|assignment/);
      // Only the session's own record (its last-seen time) may change.
      const after = await digestPrefix(t.redis, t.prefix);
      expect(await t.accounts.byUsername('outsider')).toBeNull();
      expect(after === before || (await t.accounts.adminLog()).length > 0).toBe(true);
    },
  );

  it('when an account admin lists, disables or assigns, then only accounts inside its subtree are within reach', async () => {
    const { agent, csrf } = await signedIn('admin-b1');
    const listed = (
      (await agent.get('/api/v1/accounts').expect(200)).body as { accounts: { username: string }[] }
    ).accounts.map((a: { username: string }) => a.username);
    expect(listed).toContain('new-sec-c2');
    expect(listed).not.toContain('sec-b3');
    await agent.post('/api/v1/accounts/sec-b3/disable').set('X-CSRF-Token', csrf).expect(403);
    await agent
      .post('/api/v1/accounts/new-sec-c2/assignments')
      .set('X-CSRF-Token', csrf)
      .send({ role: 'secretary', unitId: 'B3' })
      .expect(403);
    await agent
      .post('/api/v1/accounts/new-sec-c2/assignments')
      .set('X-CSRF-Token', csrf)
      .send({ role: 'secretary', unitId: 'C1' })
      .expect(201);
    expect((await t.accounts.byUsername('sec-b3'))?.disabled).toBe(false);
  });

  it('when someone without an admin role asks for accounts, then 403', async () => {
    await t.http().get('/api/v1/accounts').auth(t.token.secretary, { type: 'bearer' }).expect(403);
  });

  it('when the administration log is intact, then verify says so; when an entry is altered, then it names that entry', async () => {
    const ok = await t
      .http()
      .get('/api/v1/admin-log/verify')
      .auth(t.token.admin, { type: 'bearer' })
      .expect(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.entries).toBe((await t.accounts.adminLog()).length);
    const key = `${t.prefix}:auth:admin-log`;
    const second = JSON.parse((await t.redis.lindex(key, 1))!) as { username: string };
    await t.redis.lset(key, 1, JSON.stringify({ ...second, username: 'someone-else' }));
    const broken = await t
      .http()
      .get('/api/v1/admin-log/verify')
      .auth(t.token.admin, { type: 'bearer' })
      .expect(200);
    expect(broken.body).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
