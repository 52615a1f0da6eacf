import { UnrecoverableError, type Job } from 'bullmq';
import { isPointOpen } from '../src/deadlines/alert-points.js';
import { deadlineJobSchema, type DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import type { AlertStore } from '../src/alerts/alert-store.js';
import type { Alert } from '../src/alerts/alert.schema.js';
import type { AlertMetrics } from '../src/alerts/metrics.js';
import { recipientsFor } from '../src/alerts/recipients.js';
import type { Engine, Principal } from '../src/engine/engine.types.js';
import { NotFoundError } from '../src/shared/errors.js';
import type { Clock } from '../src/shared/clock.js';

/** Internal reads run as the system principal. */
export const SYSTEM_PRINCIPAL: Principal = { id: 'system', role: 'system' };

export interface DeadlineProcessorDeps {
  engine: Pick<Engine, 'getUnit' | 'ancestors'>;
  alerts: AlertStore;
  metrics: AlertMetrics;
  clock: Clock;
  /** Delivery after recording (webhook jobs); called on every non-stale firing, since it is idempotent. */
  deliver: (alert: Alert) => Promise<void>;
}

/** What a firing did: recorded a new alert, found it already recorded, was stale, or had no recipient. */
export type DeadlineOutcome = 'recorded' | 'duplicate' | 'stale' | 'skipped';

function parseJob(data: unknown): DeadlineJobData {
  const parsed = deadlineJobSchema.safeParse(data);
  // Retrying cannot fix malformed data; fail once and leave the job visible for inspection.
  if (!parsed.success) throw new UnrecoverableError(`invalid deadline job: ${parsed.error.message}`);
  return parsed.data;
}

async function currentView(engine: DeadlineProcessorDeps['engine'], unitId: string) {
  try {
    return await engine.getUnit(unitId, SYSTEM_PRINCIPAL);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
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
 * Processor of deadline jobs. Re-reads the unit: if the point is no longer open (step left, deadline
 * moved, unit postponed or gone) the firing is stale and raises nothing. Otherwise the alert is
 * recorded under the job id with SET NX, so any number of retries or workers yield one alert.
 */
export function createDeadlineProcessor(deps: DeadlineProcessorDeps) {
  return async (job: Pick<Job, 'data'>): Promise<DeadlineOutcome> => {
    const data = parseJob(job.data);
    const view = await currentView(deps.engine, data.unitId);
    if (view === null || !isPointOpen(view.deadlines, data)) {
      deps.metrics.staleFirings.inc();
      return 'stale';
    }
    const ancestors = await deps.engine.ancestors(data.unitId);
    const recipients = recipientsFor(data.point, data.deadline.owner, { unit: view.unit, ancestors });
    if (recipients.length === 0) {
      deps.metrics.skippedFirings.inc();
      return 'skipped';
    }
    const alert = alertOf(data, recipients, deps.clock.now());
    const created = await deps.alerts.record(alert);
    if (created) deps.metrics.alertsWritten.inc({ type: alert.type });
    else deps.metrics.duplicateFirings.inc();
    await deps.deliver((await deps.alerts.get(alert.id)) ?? alert);
    return created ? 'recorded' : 'duplicate';
  };
}
