/**
 * `npm run bench [-- B1 B6] [--quick] [--runs N]`: runs the chosen benchmarks (all by default),
 * prints each result and rewrites their sections of docs/benchmarks.md.
 */
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { b1Appends } from './b1-appends.bench.js';
import { b2PhaseChanges } from './b2-phase-changes.bench.js';
import { b3Http } from './b3-http.bench.js';
import { b4NationalTree } from './b4-national-tree.bench.js';
import { b5DeadlineStorm } from './b5-deadline-storm.bench.js';
import { b6Audit } from './b6-audit.bench.js';
import { describeMachine } from './harness.js';
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import type { Benchmark, BenchResult } from './support/benchmark.js';
import { printResult, writeReport } from './support/report.js';

const BENCHMARKS: Benchmark[] = [b1Appends, b2PhaseChanges, b3Http, b4NationalTree, b5DeadlineStorm, b6Audit];
const REPORT = new URL('../docs/benchmarks.md', import.meta.url);

function pick(ids: string[]): Benchmark[] {
  if (ids.length === 0) return BENCHMARKS;
  const wanted = ids.map((id) => id.toUpperCase());
  const unknown = wanted.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((b) => wanted.includes(b.id));
}

async function machine(): Promise<string> {
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await describeMachine(redis);
  } finally {
    redis.disconnect();
  }
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('bench')
    .argument('[ids...]', 'benchmarks to run (B1 … B6); all when omitted')
    .option('--quick', 'smaller sizes; the report records which size ran', false)
    .option('--runs <n>', 'measured runs per figure (≥ 3)', (v) => Number.parseInt(v, 10), 3)
    .parse(argv);
  const options = program.opts<{ quick: boolean; runs: number }>();
  if (!Number.isInteger(options.runs) || options.runs < 3) throw new Error('--runs must be an integer ≥ 3');
  const chosen = pick(program.args);
  const run = {
    command: `npm run bench${argv.length > 2 ? ` -- ${argv.slice(2).join(' ')}` : ''}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: await machine(),
  };
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    process.stderr.write(`running ${bench.id} ${bench.title}${options.quick ? ' (quick)' : ''}…\n`);
    const result = await bench.run(options);
    process.stdout.write(`${printResult(result)}\n\n`);
    results.push(result);
    writeReport(REPORT.pathname, results, run);
  }
  process.stdout.write(`wrote ${REPORT.pathname}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
