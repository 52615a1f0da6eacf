/**
 * Benchmark harness: every figure is the median of several runs, printed beside a baseline measured
 * in the same run, so ratios stay meaningful whatever else the machine is doing.
 */
import os from 'node:os';
import type { Redis } from 'ioredis';

/** One measured figure with its baseline. */
export interface Figure {
  id: string;
  name: string;
  unit: string;
  value: number;
  baselineName?: string;
  baseline?: number;
  target?: string;
  /** Whether the target is met, when there is one. */
  met?: boolean;
  /** Shown in the report's opening table, the benchmark's answer. */
  headline?: boolean;
}

/** Median of `values`; throws on an empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new Error('median of nothing');
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0..1) by nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs `fn` `runs` times (after one warm-up unless `warmup` is false) and returns the median of its results. */
export async function medianOf(
  runs: number,
  fn: (run: number) => Promise<number>,
  warmup = true,
): Promise<number> {
  if (warmup) await fn(-1);
  const results: number[] = [];
  for (let i = 0; i < runs; i++) results.push(await fn(i));
  return median(results);
}

/** Runs `task` for every item with at most `concurrency` in flight. */
export async function runConcurrently<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(lanes);
}

/** The host a run measured: CPU, memory, Node and Redis (the same host serves Redis). */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  redis: string;
}

/** Cores, CPU model, memory, Node and Redis versions. */
export async function describeMachine(redis: Redis): Promise<Machine> {
  const info = await redis.info('server');
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

/** The 1-minute load average: the host is shared, so each benchmark records it as it starts and ends. */
export function loadAverage(): number {
  return Number(os.loadavg()[0]!.toFixed(2));
}

/** `n` with thousands separators and a fixed number of decimals. */
export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
