/**
 * The ports a deadline firing needs, each the narrowest slice of an adapter: the unit's stored
 * context, the alert records, delivery, the deadline queue, a clock and the counters.
 */
import type { PointScheduler } from '../deadlines/scheduler.port.js';
import type { Clock } from '../shared/clock.js';
import type { Engine } from '../engine/engine.types.js';
import type { AlertContextReader } from './alert-context.js';
import type { AlertStore } from './alert-store.js';
import type { Alert } from './alert.schema.js';
import type { AlertMetrics } from './metrics.js';

export type { PointScheduler } from '../deadlines/scheduler.port.js';
export type { AlertContextReader } from './alert-context.js';

/** Alert records: written once under their deterministic id (SET NX), read back for a duplicate. */
export type FiringAlerts = Pick<AlertStore, 'record' | 'get'>;

/** The counters a firing moves. */
export type FiringMetrics = Pick<
  AlertMetrics,
  'alertsWritten' | 'staleFirings' | 'duplicateFirings' | 'skippedFirings'
>;

/**
 * Delivery of recorded alerts (webhook jobs). `prepare` only reads (which recipients take
 * deliveries), so it runs beside the alert's write; `send` runs once the alert is stored, on every
 * non-stale firing, since sending is idempotent.
 */
export interface AlertDelivery {
  prepare(recipients: readonly string[]): Promise<string[]>;
  send(alert: Alert, teams: readonly string[]): Promise<void>;
}

/** Everything `fireDeadlinePoint` uses. */
export interface FireDeadlinePointDeps {
  /** The unit's stored tree fields and open deadline set (see `createAlertContextReader`). */
  units: AlertContextReader;
  alerts: FiringAlerts;
  metrics: FiringMetrics;
  clock: Clock;
  delivery: AlertDelivery;
  /** Queues the deadline's following point once this one is handled (ids are deterministic). */
  scheduler: PointScheduler;
  /**
   * Records that an overdue point fired (the unit is then at risk until the deadline closes, see
   * src/engine/overdue-marks.ts); absent in deployments that do not count overdue units at risk.
   */
  overdueMarks?: Pick<Engine, 'markOverdue'>;
}
