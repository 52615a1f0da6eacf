/**
 * The deadline firing use case: a delayed job's point comes due, and the unit's stored state decides
 * whether it raises an alert, to whom, and which point is queued next.
 */
import { findOpenDeadline, isPointOpen } from '../deadlines/alert-points.js';
import type { DeadlineJobData } from '../deadlines/deadline-job.schema.js';
import { nextPointAfter } from '../deadlines/point-chain.js';
import type { AlertContext, AlertContextReader } from './alert-context.js';
import type { Alert } from './alert.schema.js';
import type { FireDeadlinePointDeps } from './deadline-firing.ports.js';
import { needsSuperiorWorkingGroup, recipientsFor, type UnitLineage } from './recipients.js';

/** What a firing did: recorded a new alert, found it already recorded, was stale, or had no recipient. */
export type DeadlineOutcome = 'recorded' | 'duplicate' | 'stale' | 'skipped';

/** A firing is stale once its unit is gone or closed, or its point left the stored open deadline set. */
function isLive(context: AlertContext | null, data: DeadlineJobData): context is AlertContext {
  return context !== null && !context.closed && isPointOpen(context.deadlines, data);
}

/**
 * The unit and its ancestors as addressing needs them. Ancestors carry ids only, except the
 * superior's working group, read (one more round trip) for the rare point that is sent to it.
 */
async function lineageOf(
  units: AlertContextReader,
  context: AlertContext,
  data: DeadlineJobData,
): Promise<UnitLineage> {
  const ancestors = context.ancestorIds.map((id) => ({ id, workingGroup: null as string | null }));
  const superior = ancestors[0];
  if (superior && needsSuperiorWorkingGroup(data.point, data.deadline.owner)) {
    superior.workingGroup = await units.workingGroupOf(superior.id);
  }
  return { unit: { id: context.unitId, workingGroup: context.workingGroup }, ancestors };
}

function alertOf(data: DeadlineJobData, recipients: string[], now: Date): Alert {
  const { point } = data;
  return {
    id: data.jobId,
    type: point.type,
    unitId: data.unitId,
    deadline: data.deadline,
    ...(point.type === 'escalation' ? { rung: point.rung, workingDays: point.workingDaysAfter } : {}),
    ...(point.type === 'reminder' ? { workingDays: point.workingDaysBefore } : {}),
    recipients,
    fireAt: data.fireAt,
    createdAt: now.toISOString(),
  };
}

/**
 * Queues the point that follows `data` in its deadline as stored now. Runs on every non-stale
 * firing, duplicates included, so a worker that died between recording and queueing is repaired
 * by the job's retry (or by the reconciler).
 */
async function scheduleFollowing(deps: FireDeadlinePointDeps, context: AlertContext, data: DeadlineJobData) {
  const deadline = findOpenDeadline(context.deadlines, data.deadline);
  const next = deadline && nextPointAfter(data.unitId, deadline, data.jobId, deps.clock.now());
  if (next) await deps.scheduler.addPoints([next]);
}

/** The overdue point marks its deadline overdue; a retried firing marks again, which changes nothing. */
async function markIfOverdue(deps: FireDeadlinePointDeps, data: DeadlineJobData): Promise<void> {
  if (data.point.type === 'overdue') await deps.overdueMarks?.markOverdue(data.unitId, data.deadline);
}

/**
 * Fires one alert point. Re-reads the unit's stored open deadlines: if the point is no longer open
 * (step left, deadline moved, unit postponed, closed or gone) the firing is stale and raises nothing.
 * Otherwise the alert is recorded under the job id with SET NX, so any number of retries or workers
 * yield one alert, and delivery is always handed the stored record. Each live firing then queues the
 * deadline's following point, so only one job per deadline is ever queued.
 */
export async function fireDeadlinePoint(
  deps: FireDeadlinePointDeps,
  data: DeadlineJobData,
): Promise<DeadlineOutcome> {
  const context = await deps.units.read(data.unitId);
  if (!isLive(context, data)) {
    deps.metrics.staleFirings.inc();
    return 'stale';
  }
  const lineage = await lineageOf(deps.units, context, data);
  const recipients = recipientsFor(data.point, data.deadline.owner, lineage);
  if (recipients.length === 0) {
    await Promise.all([scheduleFollowing(deps, context, data), markIfOverdue(deps, data)]);
    deps.metrics.skippedFirings.inc();
    return 'skipped';
  }
  const alert = alertOf(data, recipients, deps.clock.now());
  const [created, teams] = await Promise.all([deps.alerts.record(alert), deps.delivery.prepare(recipients)]);
  // A duplicate firing delivers the first record (its createdAt), never this attempt's copy.
  const stored = created ? alert : ((await deps.alerts.get(alert.id)) ?? alert);
  await Promise.all([
    deps.delivery.send(stored, teams),
    scheduleFollowing(deps, context, data),
    markIfOverdue(deps, data),
  ]);
  // Counted once the following point is queued, so an observer of the count sees the chain intact.
  if (created) deps.metrics.alertsWritten.inc({ type: alert.type });
  else deps.metrics.duplicateFirings.inc();
  return created ? 'recorded' : 'duplicate';
}
