/**
 * Dispatch across processes (B1, B2): rounds of events split over N dispatching processes
 * (support/dispatch-entry.ts), each with its share of the units and concurrency 64 / N, timed from
 * the "go" to the last "done".
 */
import { formatNumber, median } from './harness.js';
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import { perSecond, timeMs } from './support/benchmark.js';
import {
  cpuSecondsOf,
  startEntry,
  waitForCount,
  waitForOutput,
  type Child,
} from './support/child-process.js';

/** A pool of dispatching processes over one prefix. */
export interface DispatchPool {
  /** Milliseconds for every process to send `type` to each of its units (`round` numbers payloads). */
  phase(type: string, round?: number): Promise<number>;
  /** CPU seconds the dispatching processes have used so far, all together. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** One measured round of the pool: its rate and what it cost per event, on the processes and in Redis. */
export interface PoolRound {
  rate: number;
  processUs: number;
  redisUs: number;
  /** Cores kept busy by the processes and Redis together over the round. */
  busyCores: number;
}

/**
 * Runs `round` (which sends `events` events through `pool` and returns its milliseconds) and reads
 * the CPU the processes and Redis (`redisCpu`: its CPU seconds so far) spent on it.
 */
export async function measureRound(
  pool: DispatchPool,
  events: number,
  redisCpu: () => Promise<number>,
  round: () => Promise<number>,
): Promise<PoolRound> {
  const redis0 = await redisCpu();
  const processes0 = pool.cpuSeconds();
  const ms = await round();
  const processes = pool.cpuSeconds() - processes0;
  const redis = (await redisCpu()) - redis0;
  return {
    rate: perSecond(events, ms),
    processUs: (processes * 1e6) / events,
    redisUs: (redis * 1e6) / events,
    busyCores: (processes + redis) / (ms / 1000),
  };
}

/**
 * Why N processes reach the rate they do: their CPU per event beside one process's, and how much
 * of the two cores they and Redis kept busy (medians over the rounds).
 */
export function poolCpuNote(
  rounds: PoolRound[],
  processes: number,
  single: { node: number; redis: number },
  unit: { per: string; rate: string },
): string {
  const { per } = unit;
  const proc = median(rounds.map((r) => r.processUs));
  const redis = median(rounds.map((r) => r.redisUs));
  const busy = median(rounds.map((r) => r.busyCores));
  return `With ${processes} processes: ${formatNumber(proc)} µs per ${per} in the dispatching processes + ${formatNumber(redis)} µs in Redis (one process: ${formatNumber(single.node)} + ${formatNumber(single.redis)} µs), with ${formatNumber(busy, 2)} of the 2 cores busy (processes and Redis, from /proc and INFO). At that CPU per ${per}, ${processes} processes cannot exceed ${formatNumber(2e6 / (proc + redis))} ${unit.rate} here.`;
}

/**
 * Pool sizes of the multi-process figures (B1, B2): one process per core, and one more, since each
 * process spends part of its time waiting on Redis's replies and two leave the cores partly idle.
 */
export const PROCESSES = 2;
export const MORE_PROCESSES = 3;

/** "3 processes (22 + 21 + 21 in flight)": a pool's size and how it shares `concurrency`. */
export function poolLabel(processes: number, concurrency: number): string {
  return `${processes} processes (${inFlightSplit(concurrency, processes).join(' + ')} in flight)`;
}

/** `concurrency` in flight in all over `processes` processes: the first ones take one more when it does not divide. */
export function inFlightSplit(concurrency: number, processes: number): number[] {
  return Array.from(
    { length: processes },
    (_, share) => Math.floor(concurrency / processes) + (share < concurrency % processes ? 1 : 0),
  );
}

/**
 * Starts `processes` dispatching children sharing `concurrency` in-flight events between them
 * (every n-th unit to each).
 * `env` selects the mode of dispatch-entry.ts (B1's flags by default).
 */
export async function startDispatchPool(
  prefix: string,
  processes: number,
  concurrency: number,
  env: Record<string, string> = {},
): Promise<DispatchPool> {
  const inFlight = inFlightSplit(concurrency, processes);
  const children: Child[] = Array.from({ length: processes }, (_, share) =>
    startEntry('bench/support/dispatch-entry.ts', {
      ...env,
      BENCH_REDIS_URL,
      BENCH_PREFIX: prefix,
      BENCH_SHARE: String(share),
      BENCH_SHARES: String(processes),
      BENCH_CONCURRENCY: String(inFlight[share]),
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
    cpuSeconds: () => children.reduce((sum, c) => sum + cpuSecondsOf(c.pid), 0),
    close: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}
