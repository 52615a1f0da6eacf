import type { Queue } from 'bullmq';
import type { Deadline } from '../../machines/domain.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { deadlineKey, type AlertPoint } from './alert-points.js';
import { toJobData, type DeadlineJobData } from './deadline-job.schema.js';
import { firstPoint, possiblyQueuedPoints } from './point-chain.js';
import type { DeadlineScheduler, PointQueue, PointScheduler } from './scheduler.port.js';

export interface BullmqSchedulerOptions {
  /** The deadline queue (see `deadlineJobOptions` for its defaults). */
  queue: Queue<DeadlineJobData>;
  clock?: Clock;
  /**
   * Real milliseconds per clock millisecond (default 1). Demo deployments and tests compress a term
   * into minutes by pairing a fast clock with a small scale; production leaves it at 1.
   */
  timeScale?: number;
}

/** The BullMQ adapter of the scheduler ports: the engine's `sync`, the firing's and the reconciler's. */
export interface BullmqDeadlineScheduler extends DeadlineScheduler, PointScheduler, PointQueue {
  /** Delay in real milliseconds before a point fires, given the clock's current time. */
  delayOf(point: AlertPoint): number;
}

/**
 * Schedules alert points as delayed jobs with deterministic ids, one job per deadline: only its next
 * unfired point is queued, and the worker queues the following one when it fires. `sync` diffs the
 * previous and next deadline sets by deadline: a kept deadline costs nothing, a closed one loses its
 * queued job and a new or moved one (new `enteredSeq` or `dueAt`, hence new ids) gets its first point.
 */
export function createBullmqScheduler(options: BullmqSchedulerOptions): BullmqDeadlineScheduler {
  const { queue } = options;
  const clock = options.clock ?? systemClock;
  const scale = options.timeScale ?? 1;

  const delayOf = (point: AlertPoint): number =>
    Math.max(0, Math.round((Date.parse(point.fireAt) - clock.now().getTime()) * scale));

  const addPoints = async (points: readonly AlertPoint[]): Promise<void> => {
    if (points.length === 0) return;
    const [only] = points;
    // One point (the usual phase change) skips the MULTI that addBulk wraps around its jobs.
    if (points.length === 1 && only) {
      await queue.add(only.point.type, toJobData(only), { jobId: only.jobId, delay: delayOf(only) });
      return;
    }
    await queue.addBulk(
      points.map((p) => ({
        name: p.point.type,
        data: toJobData(p),
        opts: { jobId: p.jobId, delay: delayOf(p) },
      })),
    );
  };

  const sync = async (
    unitId: string,
    previous: readonly Deadline[],
    next: readonly Deadline[],
  ): Promise<void> => {
    // Keys are computed once per deadline: sync runs after every append that changes the set.
    const beforeKeys = previous.map((d) => deadlineKey(unitId, d));
    const before = new Set(beforeKeys);
    const afterKeys = next.map((d) => deadlineKey(unitId, d));
    const after = new Set(afterKeys);
    const now = clock.now();
    const added = next
      .filter((_, i) => !before.has(afterKeys[i]!))
      .flatMap((d) => firstPoint(unitId, d, now) ?? []);
    // Which point is queued depends on how far the worker got; these ids cover every possibility.
    const removed = previous
      .filter((_, i) => !after.has(beforeKeys[i]!))
      .flatMap((d) => possiblyQueuedPoints(unitId, d, now));
    // Removed and added ids belong to different deadlines, so both go out at once. A job that is
    // running cannot be removed (remove returns 0); it will find itself stale.
    await Promise.all([...removed.map((p) => queue.remove(p.jobId)), addPoints(added)]);
  };

  // A removed-on-complete or never-added job reads 'unknown'; a failed one holds its id until removed.
  const missingPoints = async (points: readonly AlertPoint[]): Promise<AlertPoint[]> => {
    const states = await Promise.all(points.map((p) => queue.getJobState(p.jobId)));
    return points.filter((_, i) => states[i] === 'unknown' || states[i] === 'failed');
  };

  const requeuePoints = async (points: readonly AlertPoint[]): Promise<void> => {
    await Promise.all(points.map((p) => queue.remove(p.jobId)));
    await addPoints(points);
  };

  return { sync, addPoints, delayOf, missingPoints, requeuePoints };
}
