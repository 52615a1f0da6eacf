/**
 * B5 deadline storm: the congress deadline of every cell falls due at the same instant; lag from
 * due time to stored alert (p50, p99) and alerts/s with one and two worker processes (the product's
 * `startWorkers`), beside BullMQ alone with a no-op processor on the same storm. Then the same
 * deadlines due within one minute, spread evenly over it: the lag each alert has behind its own due
 * time.
 */
import { Queue, Worker } from 'bullmq';
import type { AlertPoint } from '../src/deadlines/alert-points.js';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import { bullPrefix, deadlineJobOptions, DEFAULT_QUEUE_NAMES } from '../src/deadlines/queues.js';
import { createEngine } from '../src/engine/index.js';
import {
  allAlertsStored,
  drained,
  forgetAlerts,
  offsetsOf,
  overduePoints,
  scheduleStorm,
  spreadPoints,
  storedTimes,
  stormShift,
} from './b5-storm.js';
import { formatNumber, median, quantile } from './harness.js';
import { B5_INSTANT, B5_SPREAD, judge } from './targets.js';
import { BENCH_REDIS_URL, openBenchRedis, type BenchRedis } from './support/bench-redis.js';
import { importNationalTree } from './support/bench-tree.js';
import type { Benchmark, BenchOptions, BenchResult } from './support/benchmark.js';
import { sampleRss, startEntry, waitForOutput, type Child } from './support/child-process.js';

const FULL = { provinces: 1, upperPerProvince: 25, basePerUpper: 100, cellsPerBase: 40 };
const QUICK = { provinces: 1, upperPerProvince: 5, basePerUpper: 50, cellsPerBase: 40 };
const MB = 2 ** 20;
/** The spread storm: 100,000 deadlines within one minute, i.e. 0.6 ms per deadline (quick sizes keep the rate). */
const SPREAD_MS_PER_POINT = 0.6;

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
function noopWorker(bench: BenchRedis, times: Map<string, number>): { close(): Promise<void> } {
  const connection = bench.redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker(
    DEFAULT_QUEUE_NAMES.deadlines,
    (job) => Promise.resolve(void times.set(job.id ?? '', Date.now())),
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

/** `times` per point (undefined: no alert); each lag is measured from the point's own due time. */
function summarise(times: (number | undefined)[], dues: number[], addedAt: number, rss: number[][]): Storm {
  const lags = times.flatMap((t, i) => (t === undefined ? [] : [t - dues[i]!]));
  // From the first due time to the last alert stored: the drain rate when all fall due at once.
  const last = Math.max(...times.flatMap((t) => (t === undefined ? [] : [t - dues[0]!])));
  return {
    p50: quantile(lags, 0.5),
    p99: quantile(lags, 0.99),
    rate: lags.length / (Math.max(last, 1) / 1000),
    missing: times.length - lags.length,
    overran: addedAt > dues[0]!,
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
  const noop = new Map<string, number>();
  const children = workers > 0 ? await startWorkerChildren(bench, workers) : [];
  const worker = workers === 0 ? noopWorker(bench, noop) : null;
  const samplers = children.map((c) => sampleRss(c.pid));
  try {
    // Enough lead for adding every job before any falls due (adds run at several thousand per second).
    const dueAt = Math.round(Date.now() + 3_000 + points.length / 3);
    const shift = stormShift(points, dueAt);
    for (const child of children) child.send(`shift ${shift}`);
    await Promise.all(children.map((c) => waitForOutput(c, /shift set/)));
    const addedAt = await scheduleStorm(queue, points, shift);
    const isDone = worker
      ? () => Promise.resolve(noop.size === points.length)
      : allAlertsStored(bench.redis, bench.prefix, points);
    const dues = offsetsOf(points).map((offset) => dueAt + offset);
    await drained(queue, isDone, Math.max(...dues), 600_000);
    // The workers' alerts carry their clock's time, `shift` behind the wall clock.
    const times = worker
      ? points.map((p) => noop.get(p.jobId))
      : (await storedTimes(bench.redis, bench.prefix, points)).map((t) => (t === undefined ? t : t + shift));
    return summarise(
      times,
      dues,
      addedAt,
      samplers.map((s) => s.stop()),
    );
  } finally {
    await worker?.close();
    await Promise.all(children.map((c) => c.stop()));
    // The next points the workers queued (escalations, working days later) go with the storm.
    await queue.drain(true);
  }
}

type Configuration = 'noop' | 'one' | 'two';
type Series = Record<Configuration | `${Configuration}Spread`, Storm[]>;

async function measure(
  bench: BenchRedis,
  queue: Queue<DeadlineJobData>,
  points: AlertPoint[],
  runs: number,
): Promise<Series> {
  const s: Series = { noop: [], one: [], two: [], noopSpread: [], oneSpread: [], twoSpread: [] };
  const spread = spreadPoints(points, points.length * SPREAD_MS_PER_POINT);
  for (let run = 0; run < runs; run++) {
    s.noop.push(await storm(bench, queue, points, 0));
    s.one.push(await storm(bench, queue, points, 1));
    s.two.push(await storm(bench, queue, points, 2));
    s.noopSpread.push(await storm(bench, queue, spread, 0));
    s.oneSpread.push(await storm(bench, queue, spread, 1));
    s.twoSpread.push(await storm(bench, queue, spread, 2));
  }
  return s;
}

function figures(s: Series): BenchResult['figures'] {
  const med = (storms: Storm[], key: keyof Storm) => median(storms.map((x) => Number(x[key])));
  const noop = 'BullMQ alone, no-op processor';
  const p99noop = med(s.noop, 'p99') / 1000;
  const p99one = med(s.one, 'p99') / 1000;
  const p99two = med(s.two, 'p99') / 1000;
  const p99oneSpread = med(s.oneSpread, 'p99') / 1000;
  const p99twoSpread = med(s.twoSpread, 'p99') / 1000;
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
      baseline: p99noop,
      ...judge(B5_INSTANT, p99one, p99noop),
      headline: true,
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
      baselineName: noop,
      baseline: p99noop,
      ...judge(B5_INSTANT, p99two, p99noop),
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
    {
      id: 'B5.8',
      name: 'lag p99, due within one minute (spread evenly), 1 worker',
      unit: 's',
      value: p99oneSpread,
      baselineName: `${noop}, same spread`,
      baseline: med(s.noopSpread, 'p99') / 1000,
      ...judge(B5_SPREAD, p99oneSpread),
    },
    {
      id: 'B5.9',
      name: 'lag p99, due within one minute (spread evenly), 2 workers',
      unit: 's',
      value: p99twoSpread,
      baselineName: '1 worker, same spread',
      baseline: p99oneSpread,
      ...judge(B5_SPREAD, p99twoSpread),
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
    const spreadSeconds = (points.length * SPREAD_MS_PER_POINT) / 1000;
    const all = Object.values(s).flat();
    return {
      id: 'B5',
      title: 'Deadline storm',
      size: `${formatNumber(points.length)} overdue deadlines (every cell's congress deadline) due at the same instant (B5.1–7), then the same deadlines due within ${formatNumber(spreadSeconds)} s, spread evenly (B5.8–9: ${formatNumber(1000 / SPREAD_MS_PER_POINT)} falling due per second, the rate of 100,000 in one minute); ${runs === 1 ? 'one storm per configuration (a full storm takes minutes)' : `median of ${runs} storms per configuration`}; workers = the product's startWorkers in child processes, concurrency 16 each`,
      figures: figures(s),
      notes: [
        `Lag = alert createdAt − due instant, both from the same host clock (the workers' clock runs behind it by the storm's shift, which is added back; see bench/support/worker-entry.ts). Each fired deadline queues its next point, an escalation working days later, which stays delayed. A storm ends once nothing is waiting or active and every overdue alert is stored (it fails after 10 minutes otherwise); alerts missing when read back: ${formatNumber(Math.max(...all.map((x) => x.missing)))}.`,
        all.some((x) => x.overran)
          ? 'Adding the jobs overran the due instant in at least one storm; its lags include part of the adding.'
          : 'Every job was added before the due instant.',
        `Second worker's resident memory, peak: ${formatNumber(median(s.two.map((x) => x.rssPeak)) / MB)} MiB (largest of the two processes).`,
        `All due at once, no processor can start the 99th percentile's job before 0.99 × ${formatNumber(points.length)} ÷ its drain rate: ${formatNumber((0.99 * points.length) / median(s.noop.map((x) => x.rate)), 1)} s at BullMQ's own no-op rate (B5.5's baseline). Two workers against one: p99 ${formatNumber(median(s.two.map((x) => x.p99)) / median(s.one.map((x) => x.p99)), 2)}×.`,
        `Spread over ${formatNumber(spreadSeconds)} s (B5.8–9), each lag is measured from the alert's own due time; p50 ${formatNumber(median(s.oneSpread.map((x) => x.p50)) / 1000, 3)} s with 1 worker, ${formatNumber(median(s.twoSpread.map((x) => x.p50)) / 1000, 3)} s with 2, ${formatNumber(median(s.noopSpread.map((x) => x.p50)) / 1000, 3)} s for BullMQ alone.`,
      ],
    };
  } finally {
    await queue.close();
    await bench.cleanup();
  }
}

/** B5, registered in main.ts. */
export const b5DeadlineStorm: Benchmark = { id: 'B5', title: 'Deadline storm', run };
