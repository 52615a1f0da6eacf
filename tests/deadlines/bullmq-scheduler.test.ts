import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertPointsOf } from '../../src/deadlines/alert-points.js';
import { createBullmqScheduler } from '../../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-job.schema.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createTestRedis } from '../support/redis.js';
import { buildDeadline } from './support/builders.js';
import { testDeadlineQueue, uniqueQueueNames } from './support/queues.js';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let queue: Queue<DeadlineJobData>;
const DAY = 24 * 3600 * 1000;

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('sched'));
  queue = testDeadlineQueue(redis, prefix, uniqueQueueNames().deadlines);
});
afterEach(async () => {
  await queue.close();
  await cleanup();
});

async function delayedJobs() {
  const jobs = await queue.getJobs(['delayed', 'waiting']);
  return new Map(jobs.map((j) => [j.id!, j]));
}

describe('BullMQ deadline scheduler', () => {
  it('when a deadline opens, then one delayed job per point is added with delay = fire time − now', async () => {
    const deadline = buildDeadline();
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) - 10 * DAY));
    await createBullmqScheduler({ queue, clock }).sync('cell-1', [], [deadline]);
    const jobs = await delayedJobs();
    const points = alertPointsOf('cell-1', deadline);
    expect([...jobs.keys()].sort()).toEqual(points.map((p) => p.jobId).sort());
    for (const p of points) {
      expect(jobs.get(p.jobId)!.opts.delay).toBe(Date.parse(p.fireAt) - clock.now().getTime());
      expect(jobs.get(p.jobId)!.data).toEqual(p);
    }
  });

  it('when a time scale is set, then delays are compressed by it', async () => {
    const deadline = buildDeadline({ reminders: [], escalations: [] });
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) - DAY));
    await createBullmqScheduler({ queue, clock, timeScale: 1 / 86_400 }).sync('cell-1', [], [deadline]);
    const [job] = [...(await delayedJobs()).values()];
    expect(job!.opts.delay).toBe(1000);
  });

  it('when the deadline moves, then the old jobs are removed and new ones added; a kept deadline is untouched', async () => {
    const clock = createManualClock('2025-05-01T00:00:00.000Z');
    const scheduler = createBullmqScheduler({ queue, clock });
    const kept = buildDeadline({ kind: 'report.due' });
    const original = buildDeadline();
    await scheduler.sync('cell-1', [], [kept, original]);
    const keptJob = (await delayedJobs()).get(alertPointsOf('cell-1', kept)[0]!.jobId)!;
    const moved = buildDeadline({ dueAt: '2025-07-10T10:00:00.000Z' });
    await scheduler.sync('cell-1', [kept, original], [kept, moved]);
    const jobs = await delayedJobs();
    const expected = [...alertPointsOf('cell-1', kept), ...alertPointsOf('cell-1', moved)].map(
      (p) => p.jobId,
    );
    expect([...jobs.keys()].sort()).toEqual(expected.sort());
    expect(jobs.get(keptJob.id!)!.timestamp).toBe(keptJob.timestamp);
  });

  it('when a deadline closes, then all its pending jobs are removed', async () => {
    const clock = createManualClock('2025-05-01T00:00:00.000Z');
    const scheduler = createBullmqScheduler({ queue, clock });
    await scheduler.sync('cell-1', [], [buildDeadline()]);
    await scheduler.sync('cell-1', [buildDeadline()], []);
    expect((await delayedJobs()).size).toBe(0);
  });

  it('when a deadline opens after its reminders passed, then only overdue and escalations are scheduled, overdue at once', async () => {
    const deadline = buildDeadline();
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) + 60_000));
    await createBullmqScheduler({ queue, clock }).sync('cell-1', [], [deadline]);
    const jobs = [...(await delayedJobs()).values()];
    expect(jobs.map((j) => j.data.point.type).sort()).toEqual([
      'escalation',
      'escalation',
      'escalation',
      'overdue',
    ]);
    expect(jobs.find((j) => j.data.point.type === 'overdue')!.opts.delay ?? 0).toBe(0);
  });
});
