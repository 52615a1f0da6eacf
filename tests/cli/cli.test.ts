import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparePort } from '../../src/redis/private-server.js';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';
import { digestPrefix } from '../api/api-harness.js';
import { CLI, congressOn, type CliRun } from './cli-process.js';

const HEADER = 'id,name,level,block,parent,working_group,member_count,term';
const TREE_CSV = [
  HEADER,
  'D1,Quận 1,district,district,,,100,2020-2025',
  'B1,Phường 1,base,ward,D1,wg1,40,2020-2025',
  'C1,Chi bộ 1,cell,ward,B1,,12,2020-2025',
  'C2,Chi bộ 2,cell,ward,B1,,10,2020-2025',
].join('\n');

// Each case starts Node processes that compile the sources on the fly; give them room on a busy machine.
describe('congress CLI as a child process', { timeout: 120_000 }, () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  let dir: string;
  let secretaryToken: string;

  // The CLI from its sources (cli-process.ts); the compiled bin is started in tests/start/npm-start.test.ts.
  const congress = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    congressOn(prefix)(args, env);

  beforeAll(async () => {
    ({ redis, prefix, cleanup } = await createTestRedis('cli'));
    dir = mkdtempSync(join(tmpdir(), 'cg-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  });

  it('when a tree is imported as local admin, then the units exist and the report is printed (exit 0)', async () => {
    const file = join(dir, 'tree.csv');
    writeFileSync(file, TREE_CSV);
    const run = await congress(['import', file, '--as-admin']);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('4 created');
    expect(await redis.scard(`${prefix}:units`)).toBe(4);
  });

  it('when an import has a bad row, then exit 1 names the line and field, and nothing is written; without a principal, exit 2', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${TREE_CSV}\nC3,Chi bộ 3,planet,ward,B1,,10,2020-2025`);
    const before = await digestPrefix(redis, prefix);
    const [bad, anonymous] = await Promise.all([
      congress(['import', file, '--as-admin']),
      congress(['import', file]),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 6.*level/);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('--as-admin');
    expect(await digestPrefix(redis, prefix)).toBe(before);
  });

  it('when a secretary token is issued and used to advance, then the event is recorded (exit 0)', async () => {
    const issued = await congress([
      'tokens',
      'create',
      '--role',
      'secretary',
      '--unit',
      'C1',
      '--as-admin',
      '--json',
    ]);
    expect(issued.code).toBe(0);
    secretaryToken = (JSON.parse(issued.stdout) as { token: string }).token;
    const run = await congress(['advance', 'C1', 'plan.submitted', '--data', '{"reference":"KH-01"}'], {
      CONGRESS_TOKEN: secretaryToken,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/plan\.submitted recorded as seq 1; C1 is now in phase plan \(version 1\)/);
  });

  it('when --at gives when a step happened, then the entry keeps it; replay --by answers by either time; a malformed --at is a usage error', async () => {
    const issued = await congress([
      'tokens',
      'create',
      '--role',
      'secretary',
      '--unit',
      'C2',
      '--as-admin',
      '--json',
    ]);
    const token = (JSON.parse(issued.stdout) as { token: string }).token;
    const past = '2020-03-02T09:00:00+07:00';
    const [advanced, malformed] = await Promise.all([
      congress([
        'advance',
        'C2',
        'plan.submitted',
        '--data',
        '{"reference":"KH-02"}',
        '--at',
        past,
        '--token',
        token,
      ]),
      congress([
        'advance',
        'C2',
        'plan.submitted',
        '--data',
        '{"reference":"KH-02"}',
        '--at',
        '2/3/2020',
        '--token',
        token,
      ]),
    ]);
    expect(advanced.code).toBe(0);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('ISO 8601');

    const asOf = '2020-03-03T00:00:00+07:00';
    const [history, byOccurred, byRecorded] = await Promise.all([
      congress(['history', 'C2', '--token', token, '--json']),
      congress(['replay', 'C2', '--at', asOf, '--by', 'occurred', '--token', token, '--json']),
      congress(['replay', 'C2', '--at', asOf, '--by', 'recorded', '--token', token, '--json']),
    ]);
    expect(
      (JSON.parse(history.stdout) as { entries: { occurredAt: string; recordedAt: string }[] }).entries,
    ).toEqual([
      expect.objectContaining({ occurredAt: past, recordedAt: expect.stringMatching(/^20\d\d-/) as string }),
    ]);
    expect(JSON.parse(byOccurred.stdout)).toMatchObject({ seq: 1, by: 'occurred' });
    expect(JSON.parse(byRecorded.stdout)).toMatchObject({ seq: 0, by: 'recorded' });
  });

  it('when an advance is refused, then the exit code says why: 4 conflict, 3 not found, 1 forbidden, 2 bad data', async () => {
    const [conflict, missing, forbidden, badData] = await Promise.all([
      congress(['advance', 'C1', 'results.reported', '--token', secretaryToken]),
      congress(['advance', 'NOPE', 'plan.submitted', '--data', '{"reference":"x"}', '--as-admin']),
      congress(['advance', 'C2', 'plan.submitted', '--data', '{"reference":"x"}', '--token', secretaryToken]),
      congress(['advance', 'C1', 'plan.submitted', '--data', '{not json', '--token', secretaryToken]),
    ]);
    expect(conflict.code).toBe(4);
    expect(conflict.stderr).toContain('allowed now:');
    expect(missing.code).toBe(3);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('ForbiddenError');
    expect(badData.code).toBe(2);
    expect(await redis.xlen(`${prefix}:{C1}:log`)).toBe(1);
  });

  it('when status and history are asked, then the phase, allowed events and log are printed; a revoked token is refused', async () => {
    const [status, history] = await Promise.all([
      congress(['status', 'C1', '--token', secretaryToken]),
      congress(['history', 'C1', '--token', secretaryToken]),
    ]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^phase: {4}plan$/m);
    expect(status.stdout).toMatch(/^version: {2}1$/m);
    // seq, occurred, recorded, type, actor, principal
    expect(history.stdout).toMatch(
      /^\s*1\s+\S+\s+\S+\s+plan\.submitted\s+secretary:C1\s+tok_[0-9a-f]{12}\s/m,
    );
    const listed = await congress(['tokens', 'list', '--as-admin', '--json']);
    const id = (JSON.parse(listed.stdout) as { id: string; principal: { unitId?: string } }[]).find(
      (r) => r.principal.unitId === 'C1',
    )!.id;
    expect((await congress(['tokens', 'revoke', id, '--as-admin'])).code).toBe(0);
    const refused = await congress(['status', 'C1', '--token', secretaryToken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('unknown or revoked');
  });

  it('when progress is asked, then a table shows held/total in Vietnamese formatting', async () => {
    const run = await congress(['progress', 'D1', '--as-admin']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/level\s+block\s+held\s+on time\s+at risk/);
    expect(run.stdout).toMatch(/cell\s+ward\s+0\/2 \(0,00%\)/);
  });

  it('when the subtree is intact, then verify exits 0; after tampering, it exits 1 naming the broken seq', async () => {
    const intact = await congress(['verify', 'D1', '--as-admin']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('verified 4 units: all intact');
    const logKey = `${prefix}:{C1}:log`;
    const [entry] = await redis.xrange(logKey, '-', '+');
    const [id, fields] = entry!;
    await redis
      .multi()
      .del(logKey)
      .xadd(logKey, id, ...fields.map((v) => v.replace('KH-01', 'KH-99')))
      .exec();
    const broken = await congress(['verify', '--all', '--as-admin']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/C1: broken at seq 1/);
  });

  it('when verify runs in two processes over the tree with the tampered unit, then it names that unit and seq, exits 1, and prints what one process prints', async () => {
    const [split, single, splitJson, singleJson] = await Promise.all([
      congress(['verify', '--all', '--as-admin', '--jobs', '2']),
      congress(['verify', '--all', '--as-admin', '--jobs', '1']),
      congress(['verify', 'D1', '--as-admin', '--jobs', '2', '--json']),
      congress(['verify', 'D1', '--as-admin', '--jobs', '1', '--json']),
    ]);
    expect(split.code).toBe(1);
    expect(split.stdout).toBe(
      'verified 4 units: 1 broken\n  C1: broken at seq 1 (hash does not match the event content)\n',
    );
    expect(split.stderr).toContain('VerificationFailed');
    expect(single).toMatchObject({ code: 1, stdout: split.stdout });
    expect(splitJson.code).toBe(1);
    expect(JSON.parse(splitJson.stdout)).toEqual(JSON.parse(singleJson.stdout));
    expect(
      (JSON.parse(splitJson.stdout) as { reports: { unitId: string }[] }).reports.map((r) => r.unitId),
    ).toEqual(['D1', 'B1', 'C1', 'C2']);
  });

  it('when the child command verify-slice reads unit ids on stdin, then it writes one JSON report per unit', async () => {
    const child = execFile(process.execPath, [...CLI, '--as-admin', 'verify-slice'], {
      env: { ...process.env, REDIS_URL: TEST_REDIS_URL, CONGRESS_PREFIX: prefix, CONGRESS_TOKEN: '' },
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin!.end('C1\nC2\n');
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

    expect(code).toBe(0);
    const reports = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { unitId: string; ok: boolean });
    expect(reports.map((r) => [r.unitId, r.ok]).sort()).toEqual([
      ['C1', false],
      ['C2', true],
    ]);
  });

  it('when verify is given --jobs 0 or a token it cannot use, then it fails as one process would (exit 2, exit 1)', async () => {
    const [zero, unknownToken] = await Promise.all([
      congress(['verify', '--all', '--as-admin', '--jobs', '0']),
      congress(['verify', 'D1', '--jobs', '2'], { CONGRESS_TOKEN: 'not-a-token' }),
    ]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--jobs');
    expect(unknownToken.code).toBe(1);
    expect(unknownToken.stderr).toContain('unknown or revoked');
  });

  it('when Redis is unreachable, then exit 5; when the command is unknown, then exit 2', async () => {
    const url = `redis://127.0.0.1:${await sparePort()}`;
    const [unreachable, unknown] = await Promise.all([
      congress(['status', 'C1', '--as-admin'], { REDIS_URL: url }),
      congress(['frobnicate']),
    ]);
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toContain('does not answer');
    expect(unknown.code).toBe(2);
  });
  it('when a standing committee sends a filled template with one bad row, then each row is answered, the bad one writes nothing, exit 1', async () => {
    const template = await congress(['template', 'unit.flagged_difficult']);
    expect(template).toMatchObject({ code: 0, stdout: 'unitId,occurredAt,idempotencyKey,reason\n' });
    const issued = await congress([
      'tokens',
      'create',
      '--role',
      'standing_committee',
      '--subtree',
      'D1',
      '--as-admin',
      '--json',
    ]);
    const token = (JSON.parse(issued.stdout) as { token: string }).token;
    const file = join(dir, 'flags.csv');
    writeFileSync(file, `${template.stdout}C1,,,Đơn thư\nC2,,,\nB1,,,Khó khăn\n`);
    const c2Before = await redis.hgetall(`${prefix}:{C2}:snap`);
    const run = await congress(['batch', file, '--event', 'unit.flagged_difficult'], {
      CONGRESS_TOKEN: token,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/2 accepted, 1 refused/);
    expect(run.stdout).toMatch(/2\s+C2\s+refused \(422\)/);
    expect(await redis.hgetall(`${prefix}:{C2}:snap`)).toEqual(c2Before);
    expect(JSON.parse((await redis.hget(`${prefix}:{B1}:snap`, 'm')) ?? '{}')).toMatchObject({
      difficult: true,
    });
  });
});
