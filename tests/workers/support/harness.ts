import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createAlertStore, type AlertStore } from '../../../src/alerts/alert-store.js';
import { createAlertMetrics, type AlertMetrics } from '../../../src/alerts/metrics.js';
import {
  createBullmqScheduler,
  type BullmqDeadlineScheduler,
} from '../../../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../../../src/deadlines/deadline-job.schema.js';
import type { QueueNames } from '../../../src/deadlines/queues.js';
import { createEngine } from '../../../src/engine/index.js';
import type { Engine } from '../../../src/engine/engine.types.js';
import type { OrgUnit } from '../../../src/domain/index.js';
import type { Clock } from '../../../src/shared/clock.js';
import { startWorkers, type RunningWorkers, type WorkerConfig } from '../../../workers/index.js';
import { testDeadlineQueue, uniqueQueueNames } from '../../deadlines/support/queues.js';
import { buildUnit, principals, toJson } from '../../support/builders.js';
import { createTestRedis } from '../../support/redis.js';

const DAY = 24 * 3600 * 1000;

/**
 * A clock running `virtualDayMs` real milliseconds per virtual day from `start`, and the matching
 * scheduler time scale: deadline points days apart fire milliseconds apart, in their real order.
 */
export function createScaledClock(start: string, virtualDayMs: number): Clock & { timeScale: number } {
  const realStart = Date.now();
  const timeScale = virtualDayMs / DAY;
  return {
    timeScale,
    now: () => new Date(Date.parse(start) + (Date.now() - realStart) / timeScale),
  };
}

/**
 * province-1 → district-1 → base-1 → cells, term 2020-2025. Each unit below the province has a
 * working group of its superior: `wg-d` (district), `wg-b` (base), `wg-c<i>` (cells).
 */
export function buildChain(cells = 1, cellOverrides: Partial<OrgUnit> = {}): OrgUnit[] {
  return [
    buildUnit({ id: 'province-1', level: 'province', block: 'province', memberCount: 500 }),
    buildUnit({
      id: 'district-1',
      level: 'district',
      block: 'district',
      parentId: 'province-1',
      workingGroup: 'wg-d',
    }),
    buildUnit({ id: 'base-1', level: 'base', parentId: 'district-1', workingGroup: 'wg-b', memberCount: 80 }),
    ...Array.from({ length: cells }, (_, i) =>
      buildUnit({ id: `cell-${i + 1}`, parentId: 'base-1', workingGroup: `wg-c${i + 1}`, ...cellOverrides }),
    ),
  ];
}

/** A test namespace with an engine scheduling on a real BullMQ queue, and the worker processes on top. */
export interface Pipeline {
  redis: Redis;
  prefix: string;
  names: QueueNames;
  queue: Queue<DeadlineJobData>;
  scheduler: BullmqDeadlineScheduler;
  engine: Engine;
  alerts: AlertStore;
  metrics: AlertMetrics;
  importUnits(units: readonly OrgUnit[]): Promise<void>;
  /** Starts in-process workers on the same namespace (closed by `cleanup`). */
  startWorkers(overrides?: Partial<WorkerConfig>): Promise<RunningWorkers>;
  cleanup(): Promise<void>;
}

export async function openPipeline(label: string, clock: Clock & { timeScale?: number }): Promise<Pipeline> {
  const { redis, prefix, cleanup } = await createTestRedis(label);
  const names = uniqueQueueNames();
  const queue = testDeadlineQueue(redis, prefix, names.deadlines);
  const scheduler = createBullmqScheduler({ queue, clock, timeScale: clock.timeScale });
  const engine = createEngine({ redis, prefix, clock, scheduler });
  const metrics = createAlertMetrics();
  const running: RunningWorkers[] = [];
  return {
    redis,
    prefix,
    names,
    queue,
    scheduler,
    engine,
    metrics,
    alerts: createAlertStore(redis, prefix, clock),
    importUnits: async (units) => {
      await engine.importTree({ format: 'json', content: toJson(units) }, principals.admin);
    },
    startWorkers: async (overrides = {}) => {
      const workers = await startWorkers({
        redis,
        prefix,
        engine,
        clock,
        metrics,
        timeScale: clock.timeScale,
        queueNames: names,
        digest: null,
        reconcileEveryMs: null,
        reconcileOnStart: false,
        ...overrides,
      });
      running.push(workers);
      return workers;
    },
    cleanup: async () => {
      for (const w of running) await w.close();
      await queue.close();
      await cleanup();
    },
  };
}

/** Reads a counter's current value from its registry. */
export async function counterValue(metrics: AlertMetrics, name: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}
