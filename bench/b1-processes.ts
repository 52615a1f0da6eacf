/**
 * B1 across processes: the same flag-then-clear rounds split over N dispatching processes
 * (support/dispatch-entry.ts), each with its share of the units and concurrency 64 / N, timed from
 * the "go" to the last "done".
 */
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import { timeMs } from './support/benchmark.js';
import { startEntry, waitForCount, waitForOutput, type Child } from './support/child-process.js';

/** A pool of dispatching processes over one prefix. */
export interface DispatchPool {
  /** Milliseconds for every process to send `type` to each of its units. */
  phase(type: string): Promise<number>;
  close(): Promise<void>;
}

/** Starts `processes` dispatching children sharing `concurrency` in-flight events between them. */
export async function startDispatchPool(
  prefix: string,
  processes: number,
  concurrency: number,
): Promise<DispatchPool> {
  const children: Child[] = Array.from({ length: processes }, (_, share) =>
    startEntry('bench/support/dispatch-entry.ts', {
      BENCH_REDIS_URL,
      BENCH_PREFIX: prefix,
      BENCH_SHARE: String(share),
      BENCH_SHARES: String(processes),
      BENCH_CONCURRENCY: String(Math.ceil(concurrency / processes)),
    }),
  );
  await Promise.all(children.map((c) => waitForOutput(c, /ready/)));
  let phases = 0;
  return {
    phase: (type) => {
      phases++;
      return timeMs(async () => {
        for (const c of children) c.send(`go ${type}`);
        await Promise.all(children.map((c) => waitForCount(c, /^done$/gm, phases)));
      });
    },
    close: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}
