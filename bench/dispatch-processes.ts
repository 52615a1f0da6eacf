/**
 * Dispatch across processes (B1, B2): rounds of events split over N dispatching processes
 * (support/dispatch-entry.ts), each with its share of the units and concurrency 64 / N, timed from
 * the "go" to the last "done".
 */
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import { timeMs } from './support/benchmark.js';
import { startEntry, waitForCount, waitForOutput, type Child } from './support/child-process.js';

/** A pool of dispatching processes over one prefix. */
export interface DispatchPool {
  /** Milliseconds for every process to send `type` to each of its units (`round` numbers payloads). */
  phase(type: string, round?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts `processes` dispatching children sharing `concurrency` in-flight events between them.
 * `env` selects the mode of dispatch-entry.ts (B1's flags by default).
 */
export async function startDispatchPool(
  prefix: string,
  processes: number,
  concurrency: number,
  env: Record<string, string> = {},
): Promise<DispatchPool> {
  const children: Child[] = Array.from({ length: processes }, (_, share) =>
    startEntry('bench/support/dispatch-entry.ts', {
      ...env,
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
    phase: (type, round = 0) => {
      phases++;
      return timeMs(async () => {
        for (const c of children) c.send(`go ${type} ${round}`);
        await Promise.all(children.map((c) => waitForCount(c, /^done$/gm, phases)));
      });
    },
    close: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}
