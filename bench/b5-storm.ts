/**
 * B5 storm mechanics: overdue jobs of many units scheduled through the product's BullMQ scheduler so
 * they all fall due at one wall-clock instant, then waiting for the queue to drain and reading when
 * each alert was stored.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { alertKeys } from '../src/alerts/alert-keys.js';
import { alertSchema } from '../src/alerts/alert.schema.js';
import { alertPointsOf, type AlertPoint } from '../src/deadlines/alert-points.js';
import { createBullmqScheduler } from '../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import type { Engine } from '../src/engine/index.js';
import { deletePrefix } from './support/bench-redis.js';

/** The overdue point of every cell's congress deadline (all cells of a term share its due date). */
export async function overduePoints(engine: Engine): Promise<AlertPoint[]> {
  const points: AlertPoint[] = [];
  for await (const set of engine.scanDeadlineSets()) {
    if (!/-c\d+$/.test(set.unitId)) continue;
    const congress = set.deadlines.find((d) => d.kind === 'congress.held');
    const overdue = congress && alertPointsOf(set.unitId, congress).find((p) => p.point.type === 'overdue');
    if (overdue) points.push(overdue);
  }
  return points;
}

/**
 * Adds `points` so they fire at wall time `dueAtMs`: the scheduler's clock is shifted so that its
 * business "now" reaches the points' fire time exactly then. Returns the wall time adding finished.
 */
export async function scheduleStorm(
  queue: Queue<DeadlineJobData>,
  points: AlertPoint[],
  dueAtMs: number,
): Promise<number> {
  const fireAt = Date.parse(points[0]!.fireAt);
  const shift = dueAtMs - fireAt;
  const scheduler = createBullmqScheduler({ queue, clock: { now: () => new Date(Date.now() - shift) } });
  for (let i = 0; i < points.length; i += 1000) await scheduler.addPoints(points.slice(i, i + 1000));
  return Date.now();
}

/** Waits until the deadline queue has nothing delayed, waiting or active. */
export async function drained(queue: Queue<DeadlineJobData>, timeoutMs: number): Promise<void> {
  const stopAt = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts('delayed', 'wait', 'waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() > stopAt)
      throw new Error(`storm not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stored time of each point's alert, in ms since the epoch; missing alerts are left out. */
export async function storedTimes(redis: Redis, prefix: string, points: AlertPoint[]): Promise<number[]> {
  const keys = alertKeys(prefix);
  const times: number[] = [];
  for (let i = 0; i < points.length; i += 1000) {
    const raws = await redis.mget(...points.slice(i, i + 1000).map((p) => keys.alert(p.jobId)));
    for (const raw of raws)
      if (raw !== null) times.push(Date.parse(alertSchema.parse(JSON.parse(raw)).createdAt));
  }
  return times;
}

/** Deletes the alerts of a previous storm (records, unit lists, feeds) so the same points can fire again. */
export async function forgetAlerts(redis: Redis, prefix: string): Promise<void> {
  await deletePrefix(redis, `${prefix}:alert`);
  await deletePrefix(redis, `${prefix}:alerts`);
}
