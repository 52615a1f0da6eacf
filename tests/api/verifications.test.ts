/**
 * Verifying a large subtree runs in the background: in a child process (the CLI's verify-slice,
 * acting with the caller's token), one per principal, with progress and a result resource; a subtree
 * up to the limit is still verified within the request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createVerificationJobs, type VerificationJobs } from '../../src/jobs/verification-jobs.js';
import { verifyProgram } from '../../src/jobs/verify-program.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startTestApp, TREE, type RoleName, type TestApp } from './api-harness.js';

describe('background verifications', () => {
  let t: TestApp;
  let jobs: VerificationJobs;
  beforeAll(async () => {
    t = await startTestApp({ syncVerifyMaxUnits: 5 }, ({ redis, prefix }) => {
      const env = { ...process.env, CONGRESS_PREFIX: prefix };
      jobs = createVerificationJobs({
        redis,
        prefix,
        program: verifyProgram(TEST_REDIS_URL, env),
        logger: createLogger('silent'),
      });
      return { verifications: jobs };
    });
  });
  afterAll(async () => {
    await jobs.close();
    await t.close();
  });

  const as = (role: RoleName) => ({ Authorization: `Bearer ${t.token[role]}` });
  const finished = async (location: string, role: RoleName) => {
    let body: Record<string, unknown> = {};
    await expect
      .poll(
        async () => {
          body = (await t.http().get(location).set(as(role))).body as Record<string, unknown>;
          return body.status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .not.toBe('running');
    return body;
  };

  it('when the subtree has as many units as the limit, then it is verified within the request; with one more, in the background', async () => {
    const inline = await t.http().get('/api/v1/units/D1/verify?subtree=true').set(as('auditor'));
    expect(inline.status).toBe(200);
    expect(inline.body.reports).toHaveLength(5);

    const cell = { ...TREE[3]!, id: 'C3', name: 'Unit C3' };
    await t.engine.importTree({ format: 'json', content: JSON.stringify([...TREE, cell]) }, LOCAL_ADMIN);
    const queued = await t.http().get('/api/v1/units/D1/verify?subtree=true').set(as('auditor'));
    expect(queued.status).toBe(202);
    expect(queued.headers.location).toBe(`/api/v1/verifications/${queued.body.id}`);
    expect(queued.body).toMatchObject({ unitId: 'D1', status: 'running', total: 6, verified: 0 });

    const done = await finished(queued.headers.location as string, 'auditor');
    expect(done).toMatchObject({ status: 'done', total: 6, verified: 6, broken: 0 });
    expect(done.result).toEqual({ ok: true, units: 6, events: expect.any(Number), broken: [] });
  });

  it('when a principal starts a second verification while one runs, then 409 names the running one', async () => {
    const first = await t.http().post('/api/v1/units/D1/verifications').set(as('standing_committee'));
    expect(first.status).toBe(202);
    const second = await t.http().post('/api/v1/units/B1/verifications').set(as('standing_committee'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'verification_running', running: first.body.id });
    // Someone else may run theirs meanwhile.
    const other = await t.http().post('/api/v1/units/B1/verifications').set(as('admin'));
    expect(other.status).toBe(202);
    await finished(first.headers.location as string, 'standing_committee');
    await finished(other.headers.location as string, 'admin');
    expect((await t.http().post('/api/v1/units/B1/verifications').set(as('standing_committee'))).status).toBe(
      202,
    );
  });

  it('when a unit of the subtree is tampered, then the result names it and is not ok', async () => {
    await t.redis.hset(`${t.prefix}:{C1}:snap`, 'h', 'f'.repeat(64));
    const started = await t.http().post('/api/v1/units/B1/verifications').set(as('admin'));
    const done = await finished(started.headers.location as string, 'admin');
    expect(done).toMatchObject({ status: 'done', broken: 1 });
    expect(done.result).toMatchObject({ ok: false, broken: [{ unitId: 'C1', ok: false }] });
  });

  it('when the token is revoked as the run starts, then the child process refuses it and the run fails saying so', async () => {
    const { token, record } = await t.tokens.create({ role: 'auditor', subtreeOf: 'D1' });
    const started = await t.http().post('/api/v1/units/D1/verifications').auth(token, { type: 'bearer' });
    expect(started.status).toBe(202);
    await t.tokens.revoke(record.id);
    const done = await finished(started.headers.location as string, 'admin');
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/unknown or revoked/);
  });

  it('when someone else asks for a run, then 403; an unknown id 404; a malformed one 400', async () => {
    const started = await t.http().post('/api/v1/units/B1/verifications').set(as('inspection'));
    const location = started.headers.location as string;
    expect((await t.http().get(location).set(as('auditor'))).status).toBe(403);
    expect((await t.http().get(location).set(as('admin'))).status).toBe(200);
    const unknown = '/api/v1/verifications/00000000-0000-4000-8000-000000000000';
    expect((await t.http().get(unknown).set(as('admin'))).status).toBe(404);
    expect((await t.http().get('/api/v1/verifications/nope').set(as('admin'))).status).toBe(400);
    await finished(location, 'inspection');
  });

  it('when a unit is outside the caller’s scope, then no run starts', async () => {
    const res = await t.http().post('/api/v1/units/D2/verifications').set(as('auditor'));
    expect(res.status).toBe(403);
  });
});
