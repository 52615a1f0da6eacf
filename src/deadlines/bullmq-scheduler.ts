import type { Queue } from 'bullmq';
import type { Deadline } from '../../machines/domain.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { alertPointsOf, schedulablePoints, type AlertPoint } from './alert-points.js';
import { toJobData, type DeadlineJobData } from './deadline-job.schema.js';
import type { DeadlineScheduler } from './scheduler.port.js';

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

/** The BullMQ adapter of the scheduler port, plus a bulk `schedule` the reconciler reuses. */
export interface BullmqDeadlineScheduler extends DeadlineScheduler {
  /** Adds delayed jobs for the given points (existing job ids are left alone by BullMQ). */
  addPoints(points: AlertPoint[]): Promise<void>;
  /** Delay in real milliseconds before a point fires, given the clock's current time. */
  delayOf(point: AlertPoint): number;
}

/**
 * Schedules alert points as delayed jobs with deterministic ids. `sync` diffs the previous and next
 * deadline sets, so a kept deadline costs nothing, a closed one loses its pending jobs and a new or
 * moved one (new `enteredSeq` or `dueAt`, hence new ids) gets fresh jobs.
 */
export function createBullmqScheduler(options: BullmqSchedulerOptions): BullmqDeadlineScheduler {
  const { queue } = options;
  const clock = options.clock ?? systemClock;
  const scale = options.timeScale ?? 1;

  const delayOf = (point: AlertPoint): number =>
    Math.max(0, Math.round((Date.parse(point.fireAt) - clock.now().getTime()) * scale));

  const addPoints = async (points: AlertPoint[]): Promise<void> => {
    if (points.length === 0) return;
    await queue.addBulk(
      points.map((p) => ({
        name: p.point.type,
        data: toJobData(p),
        opts: { jobId: p.jobId, delay: delayOf(p) },
      })),
    );
  };

  const sync = async (unitId: string, previous: Deadline[], next: Deadline[]): Promise<void> => {
    const before = new Set(previous.flatMap((d) => alertPointsOf(unitId, d)).map((p) => p.jobId));
    const after = new Set(next.flatMap((d) => alertPointsOf(unitId, d)).map((p) => p.jobId));
    const now = clock.now();
    const added = next.flatMap((d) => schedulablePoints(unitId, d, now)).filter((p) => !before.has(p.jobId));
    const removed = [...before].filter((id) => !after.has(id));
    // A job that is running cannot be removed (remove returns 0); it will find itself stale.
    await Promise.all(removed.map((id) => queue.remove(id)));
    await addPoints(added);
  };

  return { sync, addPoints, delayOf };
}
