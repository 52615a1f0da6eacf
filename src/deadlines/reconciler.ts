import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AlertStore } from '../alerts/alert-store.js';
import type { AlertMetrics } from '../alerts/metrics.js';
import type { Engine } from '../engine/engine.types.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { schedulablePoints, type AlertPoint } from './alert-points.js';
import type { BullmqDeadlineScheduler } from './bullmq-scheduler.js';
import type { DeadlineJobData } from './deadline-job.schema.js';

export interface ReconcilerDeps {
  engine: Pick<Engine, 'scanDeadlineSets'>;
  redis: Redis;
  queue: Queue<DeadlineJobData>;
  scheduler: BullmqDeadlineScheduler;
  alerts: AlertStore;
  clock?: Clock;
  metrics?: AlertMetrics;
  /** Points checked per Redis round trip. */
  batchSize?: number;
}

export interface ReconcileReport {
  units: number;
  /** Alert points examined. */
  checked: number;
  /** Jobs (re)added because neither their alert nor a live job existed. */
  added: number;
}

/** Which points have no alert and no live job (a job that failed for good counts as missing). */
async function missingPoints(deps: ReconcilerDeps, points: AlertPoint[]): Promise<AlertPoint[]> {
  const recorded = await deps.alerts.exist(points.map((p) => p.jobId));
  const pipeline = deps.redis.pipeline();
  for (const p of points) {
    pipeline.exists(deps.queue.toKey(p.jobId));
    pipeline.zscore(deps.queue.toKey('failed'), p.jobId);
  }
  const replies = (await pipeline.exec()) ?? [];
  const missing: AlertPoint[] = [];
  points.forEach((p, i) => {
    const jobExists = replies[2 * i]?.[1] === 1;
    const failed = typeof replies[2 * i + 1]?.[1] === 'string';
    if (!recorded[i] && (!jobExists || failed)) missing.push(p);
  });
  return missing;
}

async function repair(deps: ReconcilerDeps, points: AlertPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  const missing = await missingPoints(deps, points);
  // A job that failed for good still holds its id; remove it so the re-add is not ignored.
  await Promise.all(missing.map((p) => deps.queue.remove(p.jobId)));
  await deps.scheduler.addPoints(missing);
  return missing.length;
}

/**
 * Rebuilds missing deadline jobs from the stored open deadline sets (the source of truth), so a crash
 * between an append and its scheduling, or a lost queue, loses no alert. Safe to run any time and
 * from several processes: job ids are deterministic and alerts are written with NX.
 */
export async function reconcileDeadlines(deps: ReconcilerDeps): Promise<ReconcileReport> {
  const clock = deps.clock ?? systemClock;
  const batchSize = deps.batchSize ?? 1_000;
  const report: ReconcileReport = { units: 0, checked: 0, added: 0 };
  let batch: AlertPoint[] = [];
  const flush = async () => {
    report.checked += batch.length;
    report.added += await repair(deps, batch);
    batch = [];
  };
  for await (const set of deps.engine.scanDeadlineSets()) {
    report.units += 1;
    const now = clock.now();
    batch.push(...set.deadlines.flatMap((d) => schedulablePoints(set.unitId, d, now)));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  deps.metrics?.reconcilerChecked.inc(report.checked);
  deps.metrics?.reconcilerAdded.inc(report.added);
  return report;
}
