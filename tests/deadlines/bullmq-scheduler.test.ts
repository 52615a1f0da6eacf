import { UnrecoverableError, Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Deadline } from '../../machines/domain.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertPointsOf } from '../../src/deadlines/alert-points.js';
import { createBullmqScheduler } from '../../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-job.schema.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
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

const firstPointId = (deadline: Deadline) => alertPointsOf('cell-1', deadline)[0]!.jobId;

describe('BullMQ deadline scheduler', () => {
  it('when a deadline opens, then only its first point is queued, with delay = fire time − now', async () => {
    const deadline = buildDeadline();
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) - 10 * DAY));
    await createBullmqScheduler({ queue, clock }).sync('cell-1', [], [deadline]);
    const jobs = await delayedJobs();
    const first = alertPointsOf('cell-1', deadline)[0]!;
    expect(first.point).toEqual({ type: 'reminder', workingDaysBefore: 7 });
    expect([...jobs.keys()]).toEqual([first.jobId]);
    expect(jobs.get(first.jobId)!.opts.delay).toBe(Date.parse(first.fireAt) - clock.now().getTime());
    expect(jobs.get(first.jobId)!.data).toEqual(first);
  });

  it('when a time scale is set, then delays are compressed by it', async () => {
    const deadline = buildDeadline({ reminders: [], escalations: [] });
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) - DAY));
    await createBullmqScheduler({ queue, clock, timeScale: 1 / 86_400 }).sync('cell-1', [], [deadline]);
    const [job] = [...(await delayedJobs()).values()];
    expect(job!.opts.delay).toBe(1000);
  });

  it('when the deadline moves, then the old job is removed and the new first point added; a kept deadline is untouched', async () => {
    const clock = createManualClock('2025-05-01T00:00:00.000Z');
    const scheduler = createBullmqScheduler({ queue, clock });
    const kept = buildDeadline({ kind: 'report.due' });
    const original = buildDeadline();
    await scheduler.sync('cell-1', [], [kept, original]);
    const keptJob = (await delayedJobs()).get(firstPointId(kept))!;
    const moved = buildDeadline({ dueAt: '2025-07-10T10:00:00.000Z' });
    await scheduler.sync('cell-1', [kept, original], [kept, moved]);
    const jobs = await delayedJobs();
    expect([...jobs.keys()].sort()).toEqual([firstPointId(kept), firstPointId(moved)].sort());
    expect(jobs.get(keptJob.id!)!.timestamp).toBe(keptJob.timestamp);
  });

  it('when a deadline closes, then its queued job is removed', async () => {
    const clock = createManualClock('2025-05-01T00:00:00.000Z');
    const scheduler = createBullmqScheduler({ queue, clock });
    await scheduler.sync('cell-1', [], [buildDeadline()]);
    expect((await delayedJobs()).size).toBe(1);
    await scheduler.sync('cell-1', [buildDeadline()], []);
    expect((await delayedJobs()).size).toBe(0);
  });

  it('when a deadline closes while the worker lags behind, then whichever point is queued is removed', async () => {
    const deadline = buildDeadline();
    const points = alertPointsOf('cell-1', deadline);
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) + 4 * DAY));
    const scheduler = createBullmqScheduler({ queue, clock });
    // Rung 1 is due but not fired yet; the reminders and overdue point before it were never queued.
    await scheduler.addPoints([points[4]!]);
    expect([...(await delayedJobs()).keys()]).toEqual([points[4]!.jobId]);
    await scheduler.sync('cell-1', [deadline], []);
    expect((await delayedJobs()).size).toBe(0);
    // The next rung, still in the future, is the other candidate.
    await scheduler.addPoints([points[5]!]);
    await scheduler.sync('cell-1', [deadline], []);
    expect((await delayedJobs()).size).toBe(0);
  });

  it('when a deadline opens after its reminders passed, then only the overdue point is queued, at once', async () => {
    const deadline = buildDeadline();
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) + 60_000));
    await createBullmqScheduler({ queue, clock }).sync('cell-1', [], [deadline]);
    const jobs = [...(await delayedJobs()).values()];
    expect(jobs.map((j) => j.data.point.type)).toEqual(['overdue']);
    expect(jobs[0]!.opts.delay ?? 0).toBe(0);
  });

  it('when a point was never queued or its job failed for good, then it is missing, and requeueing makes it live again', async () => {
    const deadline = buildDeadline();
    const points = alertPointsOf('cell-1', deadline);
    const clock = createManualClock(new Date(Date.parse(deadline.dueAt) + 4 * DAY));
    const scheduler = createBullmqScheduler({ queue, clock });
    const [overdue, rung1, rung2] = [points[3]!, points[4]!, points[5]!];
    await scheduler.addPoints([rung2, rung1]);
    // An outage outlasting every retry: the due rung's job ends in the failed set, holding its id.
    const outage = new Worker(queue.name, () => Promise.reject(new UnrecoverableError('outage')), {
      connection: redis,
      prefix: bullPrefix(prefix),
    });
    await expect.poll(() => queue.getJobState(rung1.jobId), { timeout: 10_000 }).toBe('failed');
    await outage.close();

    expect(await scheduler.missingPoints([overdue, rung1, rung2])).toEqual([overdue, rung1]);
    await scheduler.requeuePoints([overdue, rung1]);
    expect(await queue.getJobState(rung1.jobId)).toBe('waiting');
    expect(await scheduler.missingPoints([overdue, rung1, rung2])).toEqual([]);
  });
});
