import type { ChildProcess } from 'node:child_process';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { alertKeys } from '../../src/alerts/alert-keys.js';
import { createAlertStore } from '../../src/alerts/alert-store.js';
import { schedulablePoints, type AlertPoint } from '../../src/deadlines/alert-points.js';
import { createBullmqScheduler } from '../../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-job.schema.js';
import { createEngine } from '../../src/engine/index.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { createManualClock } from '../../src/shared/clock.js';
import { testDeadlineQueue, uniqueQueueNames } from '../deadlines/support/queues.js';
import { buildUnit, principals, toJson } from '../support/builders.js';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';
import { killAndWait, spawnFixture, waitForLine } from './support/child-process.js';

const CLOCK_AT = '2020-03-31T12:00:00.000Z';
const BASES = 100;
const CELLS_PER_BASE = 100;

let children: ChildProcess[] = [];
let queue: Queue<DeadlineJobData> | undefined;
let cleanup: () => Promise<void> = () => Promise.resolve();
afterEach(async () => {
  await Promise.all(children.map((c) => killAndWait(c, 'SIGKILL')));
  children = [];
  await queue?.close();
  await cleanup();
});

/** 10,000 cells under 100 bases; cells of base b are followed by working group wg-b<b>. */
function buildTree(): OrgUnit[] {
  const units = [
    buildUnit({ id: 'p', level: 'province', block: 'province' }),
    buildUnit({ id: 'd', level: 'district', block: 'district', parentId: 'p' }),
  ];
  for (let b = 0; b < BASES; b++) {
    units.push(buildUnit({ id: `b${b}`, level: 'base', parentId: 'd' }));
    for (let c = 0; c < CELLS_PER_BASE; c++) {
      units.push(buildUnit({ id: `b${b}-c${c}`, parentId: `b${b}`, workingGroup: `wg-b${b}` }));
    }
  }
  return units;
}

async function zcards(redis: Redis, keys: string[]): Promise<number[]> {
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.zcard(key);
  return ((await pipeline.exec()) ?? []).map(([, n]) => n as number);
}

describe('exactly-once under load', () => {
  it('when 10,000 deadlines fall due together, enqueued twice, with two worker processes, then every alert exists exactly once', async () => {
    const test = await createTestRedis('load');
    cleanup = test.cleanup;
    const { redis, prefix } = test;
    const clock = createManualClock(CLOCK_AT);
    const engine = createEngine({ redis, prefix, clock });
    await engine.importTree({ format: 'json', content: toJson(buildTree()) }, principals.admin);
    const names = uniqueQueueNames();
    queue = testDeadlineQueue(redis, prefix, names.deadlines);

    const overdue: AlertPoint[] = [];
    for await (const set of engine.scanDeadlineSets()) {
      for (const d of set.deadlines) {
        overdue.push(
          ...schedulablePoints(set.unitId, d, clock.now()).filter(
            (p) => p.point.type === 'overdue' && Date.parse(p.fireAt) <= clock.now().getTime(),
          ),
        );
      }
    }
    expect(overdue).toHaveLength(BASES * CELLS_PER_BASE);

    const env = {
      REDIS_URL: TEST_REDIS_URL,
      PREFIX: prefix,
      QUEUE_DEADLINES: names.deadlines,
      QUEUE_WEBHOOKS: names.webhooks,
      QUEUE_DIGESTS: names.digests,
      CLOCK_AT,
      CONCURRENCY: '16',
    };
    children = [spawnFixture('worker-process.ts', env), spawnFixture('worker-process.ts', env)];
    await Promise.all(children.map((c) => waitForLine(c, 'ready')));

    const scheduler = createBullmqScheduler({ queue, clock });
    for (let i = 0; i < overdue.length; i += 1000) await scheduler.addPoints(overdue.slice(i, i + 1000));
    // The same points again while workers run: completed jobs are gone, so many are re-added and fire twice.
    for (let i = 0; i < overdue.length; i += 1000) await scheduler.addPoints(overdue.slice(i, i + 1000));

    const pending = async () => {
      const c = await queue!.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting! + c.active! + c.prioritized!;
    };
    await expect.poll(pending, { timeout: 60_000, interval: 250 }).toBe(0);
    expect((await queue.getJobCounts('failed')).failed).toBe(0);
    // Each deadline's chain moved on to exactly one queued job: its first escalation, days away.
    const delayed = await queue.getJobs(['delayed']);
    expect(delayed.map((j) => j.id!).sort()).toEqual(
      overdue.map((p) => p.jobId.replace(/\|due$/, '|esc1')).sort(),
    );

    const keys = alertKeys(prefix);
    const cells = overdue.map((p) => p.unitId);
    expect(
      new Set(
        await zcards(
          redis,
          cells.map((id) => keys.unitAlerts(id)),
        ),
      ),
    ).toEqual(new Set([1]));
    expect(
      new Set(
        await zcards(
          redis,
          cells.map((id) => keys.openFeed(`unit:${id}`)),
        ),
      ),
    ).toEqual(new Set([1]));
    const wgFeeds = Array.from({ length: BASES }, (_, b) => keys.openFeed(`wg:wg-b${b}`));
    expect(new Set(await zcards(redis, wgFeeds))).toEqual(new Set([CELLS_PER_BASE]));
    expect((await createAlertStore(redis, prefix).exist(overdue.map((p) => p.jobId))).every(Boolean)).toBe(
      true,
    );
    expect(await redis.scard(keys.teams())).toBe(cells.length + BASES);

    const stopped = children.map((c) => new Promise<number | null>((resolve) => c.once('exit', resolve)));
    for (const c of children) c.kill('SIGTERM');
    expect(await Promise.all(stopped)).toEqual([0, 0]);
  }, 90_000);
});
