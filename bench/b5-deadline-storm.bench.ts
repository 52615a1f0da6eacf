/**
 * B5 deadline storm: the congress deadline of every cell falls due at the same instant; lag from
 * due time to stored alert (p50, p99) and alerts/s with one and two worker processes (the product's
 * `startWorkers`), beside BullMQ alone with a no-op processor on the same storm.
 */
import { Queue, Worker } from 'bullmq';
import type { AlertPoint } from '../src/deadlines/alert-points.js';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import { bullPrefix, deadlineJobOptions, DEFAULT_QUEUE_NAMES } from '../src/deadlines/queues.js';
import { createEngine } from '../src/engine/index.js';
import { drained, forgetAlerts, overduePoints, scheduleStorm, storedTimes } from './b5-storm.js';
import { formatNumber, median, quantile } from './harness.js';
import { BENCH_REDIS_URL, openBenchRedis, type BenchRedis } from './support/bench-redis.js';
import { importNationalTree } from './support/bench-tree.js';
import type { Benchmark, BenchOptions, BenchResult } from './support/benchmark.js';
import { sampleRss, startEntry, waitForOutput, type Child } from './support/child-process.js';

const FULL = { provinces: 1, upperPerProvince: 25, basePerUpper: 100, cellsPerBase: 40 };
const QUICK = { provinces: 1, upperPerProvince: 5, basePerUpper: 50, cellsPerBase: 40 };
const MB = 2 ** 20;

interface Storm {
  p50: number;
  p99: number;
  rate: number;
  missing: number;
  overran: boolean;
  rssPeak: number;
  rssIdle: number;
}

async function startWorkerChildren(bench: BenchRedis, count: number): Promise<Child[]> {
  const children = Array.from({ length: count }, () =>
    startEntry('bench/support/worker-entry.ts', { BENCH_REDIS_URL, BENCH_PREFIX: bench.prefix }),
  );
  await Promise.all(children.map((c) => waitForOutput(c, /workers ready/)));
  return children;
}

/** BullMQ alone: a worker in this process that only notes when each job ran; closing also drops its connection. */
function noopWorker(bench: BenchRedis, times: number[]): { close(): Promise<void> } {
  const connection = bench.redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker(
    DEFAULT_QUEUE_NAMES.deadlines,
    () => Promise.resolve(void times.push(Date.now())),
    {
      connection,
      prefix: bullPrefix(bench.prefix),
      concurrency: 16,
    },
  );
  return {
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}

function summarise(
  times: number[],
  dueAt: number,
  expected: number,
  addedAt: number,
  rss: number[][],
): Storm {
  const lags = times.map((t) => t - dueAt);
  const last = Math.max(...lags);
  return {
    p50: quantile(lags, 0.5),
    p99: quantile(lags, 0.99),
    rate: times.length / (Math.max(last, 1) / 1000),
    missing: expected - times.length,
    overran: addedAt > dueAt,
    rssPeak: rss.length > 0 ? Math.max(...rss.flat()) : 0,
    rssIdle: rss.length > 0 ? Math.max(...rss.map((s) => s[0] ?? 0)) : 0,
  };
}

/** One storm: `workers` child processes, or BullMQ alone when 0. */
async function storm(
  bench: BenchRedis,
  queue: Queue<DeadlineJobData>,
  points: AlertPoint[],
  workers: number,
): Promise<Storm> {
  await forgetAlerts(bench.redis, bench.prefix);
  const noop: number[] = [];
  const children = workers > 0 ? await startWorkerChildren(bench, workers) : [];
  const worker = workers === 0 ? noopWorker(bench, noop) : null;
  const samplers = children.map((c) => sampleRss(c.pid));
  try {
    // Enough lead for adding every job before any falls due (adds run at several thousand per second).
    const dueAt = Date.now() + 3_000 + points.length / 3;
    const addedAt = await scheduleStorm(queue, points, dueAt);
    await drained(queue, 600_000);
    const times = worker ? noop : await storedTimes(bench.redis, bench.prefix, points);
    return summarise(
      times,
      dueAt,
      points.length,
      addedAt,
      samplers.map((s) => s.stop()),
    );
  } finally {
    await worker?.close();
    await Promise.all(children.map((c) => c.stop()));
  }
}

type Series = Record<'noop' | 'one' | 'two', Storm[]>;

async function measure(
  bench: BenchRedis,
  queue: Queue<DeadlineJobData>,
  points: AlertPoint[],
  runs: number,
): Promise<Series> {
  const s: Series = { noop: [], one: [], two: [] };
  for (let run = 0; run < runs; run++) {
    s.noop.push(await storm(bench, queue, points, 0));
    s.one.push(await storm(bench, queue, points, 1));
    s.two.push(await storm(bench, queue, points, 2));
  }
  return s;
}

function figures(s: Series): BenchResult['figures'] {
  const med = (storms: Storm[], key: keyof Storm) => median(storms.map((x) => Number(x[key])));
  const noop = 'BullMQ alone, no-op processor';
  const p99one = med(s.one, 'p99') / 1000;
  const p99two = med(s.two, 'p99') / 1000;
  return [
    {
      id: 'B5.1',
      name: 'lag p50, 1 worker',
      unit: 's',
      value: med(s.one, 'p50') / 1000,
      baselineName: noop,
      baseline: med(s.noop, 'p50') / 1000,
    },
    {
      id: 'B5.2',
      name: 'lag p99, 1 worker',
      unit: 's',
      value: p99one,
      baselineName: noop,
      baseline: med(s.noop, 'p99') / 1000,
      target: '< 2 s',
      met: p99one < 2,
    },
    {
      id: 'B5.3',
      name: 'lag p50, 2 workers',
      unit: 's',
      value: med(s.two, 'p50') / 1000,
      baselineName: '1 worker',
      baseline: med(s.one, 'p50') / 1000,
    },
    {
      id: 'B5.4',
      name: 'lag p99, 2 workers',
      unit: 's',
      value: p99two,
      baselineName: '1 worker',
      baseline: p99one,
      target: '< 2 s',
      met: p99two < 2,
    },
    {
      id: 'B5.5',
      name: 'alerts stored, 1 worker',
      unit: 'alerts/s',
      value: med(s.one, 'rate'),
      baselineName: noop,
      baseline: med(s.noop, 'rate'),
    },
    {
      id: 'B5.6',
      name: 'alerts stored, 2 workers',
      unit: 'alerts/s',
      value: med(s.two, 'rate'),
      baselineName: '1 worker',
      baseline: med(s.one, 'rate'),
    },
    {
      id: 'B5.7',
      name: 'worker resident memory, peak in storm',
      unit: 'MiB',
      value: med(s.one, 'rssPeak') / MB,
      baselineName: 'idle after start',
      baseline: med(s.one, 'rssIdle') / MB,
    },
  ];
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const bench = await openBenchRedis('b5');
  const queue = new Queue<DeadlineJobData>(DEFAULT_QUEUE_NAMES.deadlines, {
    connection: bench.redis,
    prefix: bullPrefix(bench.prefix),
    defaultJobOptions: deadlineJobOptions,
  });
  try {
    await importNationalTree(
      createEngine({ redis: bench.redis, prefix: bench.prefix }),
      options.quick ? QUICK : FULL,
    );
    const points = await overduePoints(createEngine({ redis: bench.redis, prefix: bench.prefix }));
    const runs = options.quick ? options.runs : 1;
    const s = await measure(bench, queue, points, runs);
    const all = [...s.noop, ...s.one, ...s.two];
    return {
      id: 'B5',
      title: 'Deadline storm',
      size: `${formatNumber(points.length)} overdue deadlines (every cell's congress deadline) due at the same instant; ${runs === 1 ? 'one storm per configuration (a full storm takes minutes)' : `median of ${runs} storms per configuration`}; workers = the product's startWorkers in child processes, concurrency 16 each`,
      figures: figures(s),
      notes: [
        `Lag = alert createdAt − due instant, both from the same host clock. Alerts missing after the queue drained: ${formatNumber(Math.max(...all.map((x) => x.missing)))}.`,
        all.some((x) => x.overran)
          ? 'Adding the jobs overran the due instant in at least one storm; its lags include part of the adding.'
          : 'Every job was added before the due instant.',
        `Second worker's resident memory, peak: ${formatNumber(median(s.two.map((x) => x.rssPeak)) / MB)} MiB (largest of the two processes).`,
      ],
    };
  } finally {
    await queue.close();
    await bench.cleanup();
  }
}

/** B5, registered in main.ts. */
export const b5DeadlineStorm: Benchmark = { id: 'B5', title: 'Deadline storm', run };
