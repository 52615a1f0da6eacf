/**
 * B2's baselines, at B2's concurrency: BullMQ alone doing the scheduler's job work per change, plain
 * delayed adds, and the append's own Redis writes (B1's bare Lua script).
 */
import type { Queue } from 'bullmq';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import type { CeilingCall } from './b1-ceiling.js';
import { runConcurrently } from './harness.js';
import { timeMs } from './support/benchmark.js';

/** Events in flight, as in the engine's runs. */
export const CONCURRENCY = 64;

/**
 * BullMQ alone doing the scheduler's job work for each change, the way `sync` does it: remove the
 * `perChange` old job ids and add the new delayed jobs at the same time, with `queue.add` for one job
 * and `addBulk` for several (as `addPoints` does).
 */
export async function bareBullmq(
  queue: Queue<DeadlineJobData>,
  changes: number,
  perChange: number,
  round: number,
): Promise<number> {
  const items = Array.from({ length: changes }, (_, i) => i);
  const job = (i: number, k: number, r: number) => ({
    name: 'overdue',
    data: { bench: true } as unknown as DeadlineJobData,
    opts: { jobId: `bare|${i}|${k}|${r}`, delay: 86_400_000 },
  });
  const add = (i: number) => {
    const jobs = Array.from({ length: perChange }, (_, k) => job(i, k, round));
    const [only] = jobs;
    return jobs.length === 1 && only ? queue.add(only.name, only.data, only.opts) : queue.addBulk(jobs);
  };
  return timeMs(() =>
    runConcurrently(items, CONCURRENCY, async (i) => {
      await Promise.all([
        ...Array.from({ length: perChange }, (_, k) => queue.remove(`bare|${i}|${k}|${round - 1}`)),
        add(i),
      ]);
    }),
  );
}

/**
 * The append's own Redis writes with nothing else: B1's bare Lua script with precomputed payloads,
 * once per change (each cell's flag, then its clear), at the same concurrency.
 */
export async function bareAppends(
  cells: [CeilingCall, CeilingCall][],
  append: (c: CeilingCall) => Promise<number>,
) {
  for (const k of [0, 1] as const)
    await runConcurrently(cells, CONCURRENCY, async (c) => void (await append(c[k])));
}

/** Plain `queue.add` of delayed jobs, one per call, at the same concurrency. */
export async function plainAdds(
  queue: Queue<DeadlineJobData>,
  count: number,
  round: number,
): Promise<number> {
  const items = Array.from({ length: count }, (_, i) => i);
  return timeMs(() =>
    runConcurrently(items, CONCURRENCY, async (i) => {
      await queue.add('overdue', { bench: true } as unknown as DeadlineJobData, {
        jobId: `plain|${round}|${i}`,
        delay: 86_400_000,
      });
    }),
  );
}
