import type { Job } from 'bullmq';
import { recordDigests, type DigestDeps } from '../src/alerts/digest.js';
import type { Clock } from '../src/shared/clock.js';
import type { ReconcileReport } from '../src/alerts/reconciler.js';

/** Job names on the maintenance (digest) queue. */
export const DIGEST_JOB = 'digest';
export const RECONCILE_JOB = 'reconcile';

export interface MaintenanceProcessorDeps extends DigestDeps {
  clock: Clock;
  reconcile: () => Promise<ReconcileReport>;
}

/** The tick a scheduler job stands for (its planned time), so a retried tick yields the same digest ids. */
function tickOf(job: Pick<Job, 'opts' | 'timestamp'>): Date {
  return new Date(job.opts.prevMillis ?? job.timestamp);
}

/** Processor of the job-scheduler ticks: the daily digest per team, and the periodic reconciliation. */
export function createMaintenanceProcessor(deps: MaintenanceProcessorDeps) {
  return async (job: Pick<Job, 'name' | 'opts' | 'timestamp'>): Promise<unknown> => {
    if (job.name === RECONCILE_JOB) return deps.reconcile();
    if (job.name === DIGEST_JOB) {
      const written = await recordDigests(deps, tickOf(job), deps.clock.now());
      return { digests: written.length };
    }
    return { ignored: job.name };
  };
}
