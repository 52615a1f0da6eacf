import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createEngine } from '../../src/engine/index.js';
import { pino } from 'pino';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';
import { digestPrefix } from '../api/api-harness.js';

const CLI = ['--import', 'tsx', join(import.meta.dirname, '../../src/cli/main.ts')];
const TREE = [
  {
    id: 'D1',
    name: 'D1',
    level: 'district',
    block: 'district',
    parentId: null,
    workingGroup: null,
    memberCount: 9,
    term: '2020-2025',
  },
  {
    id: 'B1',
    name: 'B1',
    level: 'base',
    block: 'ward',
    parentId: 'D1',
    workingGroup: 'wg1',
    memberCount: 9,
    term: '2020-2025',
  },
  {
    id: 'C1',
    name: 'C1',
    level: 'cell',
    block: 'ward',
    parentId: 'B1',
    workingGroup: null,
    memberCount: 9,
    term: '2020-2025',
  },
  {
    id: 'D2',
    name: 'D2',
    level: 'district',
    block: 'district',
    parentId: null,
    workingGroup: null,
    memberCount: 9,
    term: '2020-2025',
  },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('congress accounts as a child process', { timeout: 120_000 }, () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  const congress = (args: string[], input?: string): Promise<Run> =>
    new Promise((resolve) => {
      const env = { ...process.env, REDIS_URL: TEST_REDIS_URL, CONGRESS_PREFIX: prefix, CONGRESS_TOKEN: '' };
      const child = execFile(
        process.execPath,
        [...CLI, ...args],
        { env, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input ?? '');
    });

  beforeAll(async () => {
    ({ redis, prefix, cleanup } = await createTestRedis('cli-acc'));
    const engine = createEngine({ redis, prefix, logger: pino({ level: 'silent' }) });
    await engine.importTree({ format: 'json', content: JSON.stringify(TREE) }, LOCAL_ADMIN);
  });
  afterAll(async () => cleanup());

  it('when the first admin is created from the CLI, then a drawn password is printed once and the account is listed', async () => {
    const made = await congress([
      'accounts',
      'create',
      'chief',
      '--name',
      'Chief admin',
      '--role',
      'admin',
      '--as-admin',
    ]);
    expect(made).toMatchObject({ code: 0 });
    expect(made.stdout).toMatch(/^created chief \(acc_[0-9a-f]{12}\) {2}password: [A-Za-z0-9_-]{16}\n$/);
    const listed = await congress(['accounts', 'list', '--as-admin', '--json']);
    const accounts = JSON.parse(listed.stdout) as { username: string; passwordHash?: string }[];
    expect(accounts.map((a) => a.username)).toEqual(['chief']);
    expect(listed.stdout).not.toContain('argon2');
  });

  it('when an account is created with a password on stdin, assigned, disabled and its log verified, then each step says so', async () => {
    const made = await congress(
      [
        'accounts',
        'create',
        'sec-c1',
        '--name',
        'Secretary',
        '--role',
        'secretary',
        '--unit',
        'C1',
        '--password-stdin',
        '--as-admin',
      ],
      'a long enough password\n',
    );
    expect(made.stdout).not.toContain('password:');
    const assigned = await congress([
      'accounts',
      'assign',
      'sec-c1',
      '--role',
      'auditor',
      '--subtree',
      'D1',
      '--as-admin',
    ]);
    expect(assigned.stdout).toMatch(/assigned sec-c1: auditor subtree:D1 \(asg_/);
    const disabled = await congress(['accounts', 'disable', 'sec-c1', '--as-admin']);
    expect(disabled.stdout).toContain('disabled sec-c1: 0 session(s) ended, 0 token(s) revoked');
    const verified = await congress(['accounts', 'verify-log', '--as-admin']);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('administration log: 4 entries, chain intact');
    const all = await congress(['verify', '--all', '--as-admin']);
    expect(all.stdout).toContain('administration log: 4 entries, chain intact');
  });

  it('when the arguments are wrong, then exit 2 and nothing is written', async () => {
    const before = await digestPrefix(redis, prefix);
    const [noScope, shortPassword] = await Promise.all([
      congress(['accounts', 'create', 'x-user', '--name', 'X', '--role', 'secretary', '--as-admin']),
      congress(['accounts', 'create', 'y-user', '--name', 'Y', '--password-stdin', '--as-admin'], 'short\n'),
    ]);
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toMatch(/unitId: required/);
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/at least 10/);
    expect(await digestPrefix(redis, prefix)).toBe(before);
  });

  it('when a token is issued with --expires-in, then the list shows when it expires', async () => {
    const made = await congress([
      'tokens',
      'create',
      '--role',
      'auditor',
      '--subtree',
      'D1',
      '--expires-in',
      '90d',
      '--as-admin',
      '--json',
    ]);
    const { expiresAt } = JSON.parse(made.stdout) as { expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const listed = await congress(['tokens', 'list', '--as-admin']);
    expect(listed.stdout).toContain(expiresAt);
    expect(listed.stdout).toMatch(/expires +last used/);
  });
});
