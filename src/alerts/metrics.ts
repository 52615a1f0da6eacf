import { Counter, Gauge, Registry } from 'prom-client';

/** Prometheus metrics of the deadline and alert pipeline, on their own registry for the API to merge. */
export interface AlertMetrics {
  registry: Registry;
  alertsWritten: Counter<'type'>;
  /** Firings whose deadline had left the open set (step left, deadline moved, unit postponed). */
  staleFirings: Counter;
  /** Firings that found their alert already recorded (retries, duplicates): proof of exactly-once. */
  duplicateFirings: Counter;
  /** Firings for a rung that does not exist (no team above the root). */
  skippedFirings: Counter;
  webhookDeliveries: Counter<'outcome'>;
  reconcilerChecked: Counter;
  reconcilerAdded: Counter;
  /** Adds BullMQ queues whose job counts are reported on every scrape. */
  watchQueues(queues: readonly CountedQueue[]): void;
}

/** What the queue gauge reads of a queue: its name and job counts by state (a BullMQ `Queue` is one). */
export interface CountedQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/** Creates the metrics on `registry` (a fresh one by default, so tests and processes never collide). */
export function createAlertMetrics(registry: Registry = new Registry()): AlertMetrics {
  const watched: CountedQueue[] = [];
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  new Gauge({
    name: 'congress_queue_jobs',
    help: 'BullMQ jobs per queue and state, read with getJobCounts on each scrape',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of watched) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  return {
    registry,
    alertsWritten: counter('congress_alerts_written_total', 'Alerts recorded, by type', ['type']),
    staleFirings: counter(
      'congress_alerts_stale_total',
      'Deadline jobs that fired after their deadline closed or moved',
    ),
    duplicateFirings: counter(
      'congress_alerts_duplicate_total',
      'Deadline jobs whose alert was already recorded',
    ),
    skippedFirings: counter(
      'congress_alerts_skipped_total',
      'Deadline jobs for an escalation rung above the root',
    ),
    webhookDeliveries: counter('congress_webhook_deliveries_total', 'Webhook delivery attempts by outcome', [
      'outcome',
    ]),
    reconcilerChecked: counter('congress_reconciler_checked_total', 'Alert points checked by the reconciler'),
    reconcilerAdded: counter('congress_reconciler_added_total', 'Deadline jobs re-added by the reconciler'),
    watchQueues: (queues) => void watched.push(...queues),
  };
}
