import type { Deadline } from '../../machines/domain.js';
import { alertPointsOf, type AlertPoint } from './alert-points.js';

/*
 * Only one point of each deadline is a queued job at a time: the next one not yet fired. When it
 * fires, the worker queues the following one. These helpers say which point comes next.
 */

/**
 * A reminder whose next point (a later reminder, or the overdue alert) has already passed is
 * superseded: a unit opened late should hear "overdue", not stale "7 days left" messages.
 * Overdue and escalations are never dropped.
 */
function isSuperseded(points: AlertPoint[], index: number, now: Date): boolean {
  const point = points[index];
  const next = points[index + 1];
  if (point === undefined || point.point.type !== 'reminder' || next === undefined) return false;
  return Date.parse(next.fireAt) <= now.getTime();
}

/** The first point after `index` (in time order) worth scheduling at `now`, if any is left. */
export function pointAfterIndex(points: AlertPoint[], index: number, now: Date): AlertPoint | undefined {
  for (let i = index + 1; i < points.length; i++) {
    if (!isSuperseded(points, i, now)) return points[i];
  }
  return undefined;
}

/** The point a newly opened deadline starts its chain with. */
export function firstPoint(unitId: string, deadline: Deadline, now: Date): AlertPoint | undefined {
  return pointAfterIndex(alertPointsOf(unitId, deadline), -1, now);
}

/**
 * The point to queue once `firedJobId` has fired, taken from the deadline as stored now (so a rung
 * removed from the rule set is not scheduled). Undefined when the ladder is finished or the fired
 * point is not one of this deadline's.
 */
export function nextPointAfter(
  unitId: string,
  deadline: Deadline,
  firedJobId: string,
  now: Date,
): AlertPoint | undefined {
  const points = alertPointsOf(unitId, deadline);
  const index = points.findIndex((p) => p.jobId === firedJobId);
  return index < 0 ? undefined : pointAfterIndex(points, index, now);
}

/**
 * Points whose job may still be queued at `now`: the first one still in the future, and every
 * earlier one (a busy worker may not have fired them yet). Removing these ids removes the
 * deadline's one queued job without knowing which it is; later points cannot be queued yet.
 */
export function possiblyQueuedPoints(unitId: string, deadline: Deadline, now: Date): AlertPoint[] {
  const points = alertPointsOf(unitId, deadline);
  const firstFuture = points.findIndex((p) => Date.parse(p.fireAt) > now.getTime());
  return firstFuture < 0 ? points : points.slice(0, firstFuture + 1);
}
