import { UnrecoverableError, type Job } from 'bullmq';
import type { FireDeadlinePointDeps } from '../src/alerts/deadline-firing.ports.js';
import { fireDeadlinePoint, type DeadlineOutcome } from '../src/alerts/fire-deadline-point.js';
import { deadlineJobSchema, type DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';

export type { DeadlineOutcome } from '../src/alerts/fire-deadline-point.js';
export type {
  AlertDelivery,
  FireDeadlinePointDeps as DeadlineProcessorDeps,
  PointScheduler,
} from '../src/alerts/deadline-firing.ports.js';

function parseJob(data: unknown): DeadlineJobData {
  const parsed = deadlineJobSchema.safeParse(data);
  // Retrying cannot fix malformed data; fail once and leave the job visible for inspection.
  if (!parsed.success) throw new UnrecoverableError(`invalid deadline job: ${parsed.error.message}`);
  return parsed.data;
}

/** Processor of deadline jobs: parses the job's data and fires its point (see `fireDeadlinePoint`). */
export function createDeadlineProcessor(deps: FireDeadlinePointDeps) {
  // Async, so bad data rejects the job's promise (BullMQ's contract) rather than throwing on call.
  return async (job: Pick<Job, 'data'>): Promise<DeadlineOutcome> =>
    fireDeadlinePoint(deps, parseJob(job.data));
}
