import type { Deadline } from '../../machines/domain.js';
import type { AlertPoint } from './alert-points.js';

/**
 * Port the engine calls after every append, with the unit's previous and new open deadline sets.
 * The BullMQ adapter adds/removes delayed jobs; the stored deadline set stays the source of truth,
 * so a failure here is repaired by the reconciler and never undoes the append.
 */
export interface DeadlineScheduler {
  sync(unitId: string, previous: readonly Deadline[], next: readonly Deadline[]): Promise<void>;
}

/** Port a firing uses to queue the following point of its deadline (re-adding a held job id is a no-op). */
export interface PointScheduler {
  addPoints(points: readonly AlertPoint[]): Promise<void>;
}

/**
 * Port the reconciler reads and repairs the queue through, so it never depends on how the queue
 * stores its jobs.
 */
export interface PointQueue {
  /** The points among `points` with no live job: never queued, removed, or failed for good. */
  missingPoints(points: readonly AlertPoint[]): Promise<AlertPoint[]>;
  /** Queues `points` again, first clearing a failed job that holds the id (its add would be ignored). */
  requeuePoints(points: readonly AlertPoint[]): Promise<void>;
}
