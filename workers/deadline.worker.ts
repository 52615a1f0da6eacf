import { UnrecoverableError, type Job } from 'bullmq';
import { findOpenDeadline, isPointOpen, type AlertPoint } from '../src/deadlines/alert-points.js';
import { deadlineJobSchema, type DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import { nextPointAfter } from '../src/deadlines/point-chain.js';
import type { AlertStore } from '../src/alerts/alert-store.js';
import type { Alert } from '../src/alerts/alert.schema.js';
import type { AlertMetrics } from '../src/alerts/metrics.js';
import { needsSuperiorWorkingGroup, recipientsFor, type UnitLineage } from '../src/alerts/recipients.js';
import type { Clock } from '../src/shared/clock.js';
import type { AlertContext, AlertContextReader } from '../src/alerts/alert-context.js';

export interface DeadlineProcessorDeps {
  /** The unit's stored tree fields and open deadline set (see `createAlertContextReader`). */
  units: AlertContextReader;
  alerts: AlertStore;
  metrics: AlertMetrics;
  clock: Clock;
  delivery: AlertDelivery;
  /** Queues the deadline's following point once this one is handled (ids are deterministic). */
  scheduler: PointScheduler;
}

/** Adds delayed jobs for alert points; re-adding an id BullMQ still holds is ignored. */
export interface PointScheduler {
  addPoints(points: AlertPoint[]): Promise<void>;
}

/**
 * Delivery of recorded alerts (webhook jobs). `prepare` only reads (which recipients take
 * deliveries), so it runs beside the alert's write; `send` runs once the alert is stored, on every
 * non-stale firing, since sending is idempotent.
 */
export interface AlertDelivery {
  prepare(recipients: readonly string[]): Promise<string[]>;
  send(alert: Alert, teams: readonly string[]): Promise<void>;
}

/** What a firing did: recorded a new alert, found it already recorded, was stale, or had no recipient. */
export type DeadlineOutcome = 'recorded' | 'duplicate' | 'stale' | 'skipped';

function parseJob(data: unknown): DeadlineJobData {
  const parsed = deadlineJobSchema.safeParse(data);
  // Retrying cannot fix malformed data; fail once and leave the job visible for inspection.
  if (!parsed.success) throw new UnrecoverableError(`invalid deadline job: ${parsed.error.message}`);
  return parsed.data;
}

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
async function scheduleFollowing(deps: DeadlineProcessorDeps, context: AlertContext, data: DeadlineJobData) {
  const deadline = findOpenDeadline(context.deadlines, data.deadline);
  const next = deadline && nextPointAfter(data.unitId, deadline, data.jobId, deps.clock.now());
  if (next) await deps.scheduler.addPoints([next]);
}

/**
 * Processor of deadline jobs. Re-reads the unit's stored open deadlines: if the point is no longer
 * open (step left, deadline moved, unit postponed, closed or gone) the firing is stale and raises
 * nothing. Otherwise the alert is recorded under the job id with SET NX, so any number of retries or
 * workers yield one alert, and delivery is always handed the stored record. Each live firing then
 * queues the deadline's following point, so only one job per deadline is ever queued.
 */
export function createDeadlineProcessor(deps: DeadlineProcessorDeps) {
  return async (job: Pick<Job, 'data'>): Promise<DeadlineOutcome> => {
    const data = parseJob(job.data);
    const context = await deps.units.read(data.unitId);
    if (!isLive(context, data)) {
      deps.metrics.staleFirings.inc();
      return 'stale';
    }
    const lineage = await lineageOf(deps.units, context, data);
    const recipients = recipientsFor(data.point, data.deadline.owner, lineage);
    if (recipients.length === 0) {
      await scheduleFollowing(deps, context, data);
      deps.metrics.skippedFirings.inc();
      return 'skipped';
    }
    const alert = alertOf(data, recipients, deps.clock.now());
    const [created, teams] = await Promise.all([
      deps.alerts.record(alert),
      deps.delivery.prepare(recipients),
    ]);
    // A duplicate firing delivers the first record (its createdAt), never this attempt's copy.
    const stored = created ? alert : ((await deps.alerts.get(alert.id)) ?? alert);
    await Promise.all([deps.delivery.send(stored, teams), scheduleFollowing(deps, context, data)]);
    // Counted once the following point is queued, so an observer of the count sees the chain intact.
    if (created) deps.metrics.alertsWritten.inc({ type: alert.type });
    else deps.metrics.duplicateFirings.inc();
    return created ? 'recorded' : 'duplicate';
  };
}
