import type { AlertStore } from './alert-store.js';
import type { AlertMetrics } from './metrics.js';
import type { Engine } from '../engine/engine.types.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Deadline } from '../../machines/domain.js';
import { alertPointsOf, type AlertPoint } from '../deadlines/alert-points.js';
import type { PointQueue } from '../deadlines/scheduler.port.js';
import { pointAfterIndex } from '../deadlines/point-chain.js';

export interface ReconcilerDeps {
  engine: Pick<Engine, 'scanDeadlineSets'>;
  /** The deadline queue as the scheduler adapter shows it (see `createBullmqScheduler`). */
  scheduler: PointQueue;
  alerts: Pick<AlertStore, 'exist'>;
  clock?: Clock;
  metrics?: AlertMetrics;
  /** Deadlines checked per Redis round trip. */
  batchSize?: number;
}

export interface ReconcileReport {
  units: number;
  /** Pending points examined: one per deadline whose ladder is not finished. */
  checked: number;
  /** Jobs (re)added because neither their alert nor a live job existed. */
  added: number;
}

/**
 * The point each deadline waits on: the first schedulable one after its last recorded alert. Looking
 * past the last record (not at the first unrecorded point) steps over points that raise no alert
 * (a rung above the root) once a later one has fired.
 */
async function pendingPoints(
  deps: ReconcilerDeps,
  deadlines: Array<{ unitId: string; deadline: Deadline }>,
  now: Date,
): Promise<AlertPoint[]> {
  const ladders = deadlines.map((d) => alertPointsOf(d.unitId, d.deadline));
  const recorded = await deps.alerts.exist(ladders.flat().map((p) => p.jobId));
  let offset = 0;
  return ladders.flatMap((points) => {
    const flags = recorded.slice(offset, (offset += points.length));
    return pointAfterIndex(points, flags.lastIndexOf(true), now) ?? [];
  });
}

async function repair(deps: ReconcilerDeps, points: AlertPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  const missing = await deps.scheduler.missingPoints(points);
  await deps.scheduler.requeuePoints(missing);
  return missing.length;
}

/**
 * Rebuilds missing deadline jobs from the stored open deadline sets (the source of truth), so a crash
 * between an append and its scheduling, a worker that died between recording an alert and queueing
 * the following point, or a lost queue, loses no alert. Safe to run any time and from several
 * processes: job ids are deterministic and alerts are written with NX.
 */
export async function reconcileDeadlines(deps: ReconcilerDeps): Promise<ReconcileReport> {
  const clock = deps.clock ?? systemClock;
  const batchSize = deps.batchSize ?? 200;
  const report: ReconcileReport = { units: 0, checked: 0, added: 0 };
  let batch: Array<{ unitId: string; deadline: Deadline }> = [];
  const flush = async () => {
    const pending = await pendingPoints(deps, batch, clock.now());
    report.checked += pending.length;
    report.added += await repair(deps, pending);
    batch = [];
  };
  for await (const set of deps.engine.scanDeadlineSets()) {
    report.units += 1;
    batch.push(...set.deadlines.map((deadline) => ({ unitId: set.unitId, deadline })));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  deps.metrics?.reconcilerChecked.inc(report.checked);
  deps.metrics?.reconcilerAdded.inc(report.added);
  return report;
}
