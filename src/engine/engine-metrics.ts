import { Counter, Registry } from 'prom-client';

/** Prometheus metrics of the engine, on their own registry for the API's /metrics to merge. */
export interface EngineMetrics {
  registry: Registry;
  /** Guards that threw while an event was refused, by guard name: a bug or missing data, never a rule. */
  guardErrors: Counter<'guard'>;
}

/** Creates the metrics on `registry` (a fresh one by default, so tests and processes never collide). */
export function createEngineMetrics(registry: Registry = new Registry()): EngineMetrics {
  return {
    registry,
    guardErrors: new Counter({
      name: 'congress_guard_errors_total',
      help: 'Machine guards that threw while deciding an event (refused and logged), by guard',
      labelNames: ['guard'],
      registers: [registry],
    }),
  };
}
