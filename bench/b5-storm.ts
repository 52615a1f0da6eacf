/**
 * B5 storm mechanics: overdue jobs of many units scheduled through the product's BullMQ scheduler so
 * they all fall due at one wall-clock instant (or spread evenly over a minute), then waiting for the
 * queue to drain and reading when each alert was stored.
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
 * The same points with their fire times spread evenly over `spreadMs` after the first one's, in list
 * order, so they arrive at points ÷ spread per second instead of all at one instant. Only the delay
 * changes: a firing is matched to its stored deadline by job id, not by fire time.
 */
export function spreadPoints(points: AlertPoint[], spreadMs: number): AlertPoint[] {
  const start = Date.parse(points[0]!.fireAt);
  return points.map((p, i) => ({
    ...p,
    fireAt: new Date(start + Math.floor((i * spreadMs) / points.length)).toISOString(),
  }));
}

/** Milliseconds from the first point's fire time to each point's. */
export function offsetsOf(points: AlertPoint[]): number[] {
  const start = Date.parse(points[0]!.fireAt);
  return points.map((p) => Date.parse(p.fireAt) - start);
}

/**
 * How far the storm's business clock runs behind the wall clock so that the first point falls due
 * at wall time `dueAtMs` (the rest at their offsets from it).
 */
export function stormShift(points: AlertPoint[], dueAtMs: number): number {
  return Math.round(dueAtMs - Date.parse(points[0]!.fireAt));
}

/**
 * Adds `points` through a scheduler whose clock runs `shiftMs` behind the wall clock (see
 * `stormShift`). Returns the wall time adding finished.
 */
export async function scheduleStorm(
  queue: Queue<DeadlineJobData>,
  points: AlertPoint[],
  shiftMs: number,
): Promise<number> {
  const scheduler = createBullmqScheduler({
    queue,
    clock: { now: () => new Date(Date.now() - shiftMs) },
  });
  for (let i = 0; i < points.length; i += 1000) await scheduler.addPoints(points.slice(i, i + 1000));
  return Date.now();
}

/**
 * Waits until the storm is over: its last point due (`lastDueMs`, wall time), nothing waiting or
 * active in the deadline queue, and `isDone` true. Nothing is polled before the last point is due,
 * so the checks do not load Redis while the jobs are added or the storm runs. Delayed jobs are not
 * counted: every fired deadline queues its next point (an escalation working days later), which
 * stays delayed.
 */
export async function drained(
  queue: Queue<DeadlineJobData>,
  isDone: () => Promise<boolean>,
  lastDueMs: number,
  timeoutMs: number,
): Promise<void> {
  const stopAt = lastDueMs + timeoutMs;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastDueMs - Date.now())));
  for (;;) {
    const counts = await queue.getJobCounts('wait', 'waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0) && (await isDone())) return;
    if (Date.now() > stopAt)
      throw new Error(`storm not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** True once every point's alert is stored; each call asks only for the alerts still missing. */
export function allAlertsStored(redis: Redis, prefix: string, points: AlertPoint[]): () => Promise<boolean> {
  const keys = alertKeys(prefix);
  let missing = points.map((p) => keys.alert(p.jobId));
  return async () => {
    const found = (await redis.pipeline(missing.map((key) => ['exists', key])).exec()) ?? [];
    missing = missing.filter((_, k) => found[k]?.[1] !== 1);
    return missing.length === 0;
  };
}

/**
 * Stored time of each point's alert (its `createdAt`, on the worker's clock), in ms since the epoch,
 * in the order of `points`; undefined when missing.
 */
export async function storedTimes(
  redis: Redis,
  prefix: string,
  points: AlertPoint[],
): Promise<(number | undefined)[]> {
  const keys = alertKeys(prefix);
  const times: (number | undefined)[] = [];
  for (let i = 0; i < points.length; i += 1000) {
    const raws = await redis.mget(...points.slice(i, i + 1000).map((p) => keys.alert(p.jobId)));
    for (const raw of raws)
      times.push(raw === null ? undefined : Date.parse(alertSchema.parse(JSON.parse(raw)).createdAt));
  }
  return times;
}

/** Deletes the alerts of a previous storm (records, unit lists, feeds) so the same points can fire again. */
export async function forgetAlerts(redis: Redis, prefix: string): Promise<void> {
  await deletePrefix(redis, `${prefix}:alert`);
  await deletePrefix(redis, `${prefix}:alerts`);
}
