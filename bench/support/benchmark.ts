/**
 * What every benchmark module exports and returns, so main.ts can run any subset and the report
 * can render them alike.
 */
import type { Figure } from '../harness.js';

/** Options every benchmark receives from the command line. */
export interface BenchOptions {
  /** Smaller sizes for a fast look; the report says which size ran. */
  quick: boolean;
  /** Measured runs per figure (after one warm-up); the figure is their median. */
  runs: number;
}

/** One benchmark's outcome. */
export interface BenchResult {
  id: string;
  title: string;
  /** Size that ran, e.g. "10,000 units × 2 events, concurrency 64". */
  size: string;
  figures: Figure[];
  /** Facts worth reading beside the table (correctness checks, caveats). */
  notes: string[];
}

/** A runnable benchmark. */
export interface Benchmark {
  id: string;
  title: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** Events (or items) per second. */
export function perSecond(count: number, ms: number): number {
  return (count / ms) * 1000;
}

/** Wall time of `fn` in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
