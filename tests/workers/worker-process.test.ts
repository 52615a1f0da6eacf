import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_NAMES, bullPrefix } from '../../src/deadlines/queues.js';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';
import { killAndWait, spawnScript, waitForLine } from './support/child-process.js';

let child: ChildProcess | undefined;
let cleanup: () => Promise<void> = () => Promise.resolve();
afterEach(async () => {
  if (child) await killAndWait(child, 'SIGTERM');
  await cleanup();
});

describe('worker process (npm run worker)', () => {
  it('when started, then it installs the digest and reconcile schedulers; on SIGTERM it stops cleanly with exit code 0', async () => {
    const test = await createTestRedis('proc');
    cleanup = test.cleanup;
    const main = fileURLToPath(new URL('../../workers/main.ts', import.meta.url));
    child = spawnScript(main, { REDIS_URL: TEST_REDIS_URL, CONGRESS_PREFIX: test.prefix, LOG_LEVEL: 'info' });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    await waitForLine(child, '"msg":"workers running"');

    const schedulers = await test.redis.zrange(
      `${bullPrefix(test.prefix)}:${DEFAULT_QUEUE_NAMES.digests}:repeat`,
      0,
      '-1',
    );
    expect(schedulers.sort()).toEqual(['daily-digest', 'reconcile']);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    const code = await exited;
    expect({ code, signal: child.signalCode }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"msg":"workers stopped"');
  });
});
