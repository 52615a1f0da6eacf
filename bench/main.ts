/**
 * `npm run bench [-- B1 B6] [--quick] [--runs N]`: runs the chosen benchmarks (all by default),
 * prints each result, stores it in bench/results.json (replacing that benchmark's previous result)
 * and renders docs/benchmarks.md from the file.
 */
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { b1Appends } from './b1-appends.bench.js';
import { b2PhaseChanges } from './b2-phase-changes.bench.js';
import { b3Http } from './b3-http.bench.js';
import { b4NationalTree } from './b4-national-tree.bench.js';
import { b5DeadlineStorm } from './b5-deadline-storm.bench.js';
import { b6Audit } from './b6-audit.bench.js';
import { b7Healthz } from './b7-healthz.bench.js';
import { describeMachine, loadAverage, type Machine } from './harness.js';
import { printResult } from './report/format.js';
import { writeDocument } from './report/write-document.js';
import { readResults, withResult, writeResults, type RunContext } from './report/results-file.js';
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import type { Benchmark, BenchOptions } from './support/benchmark.js';

const BENCHMARKS: Benchmark[] = [
  b1Appends,
  b2PhaseChanges,
  b3Http,
  b4NationalTree,
  b5DeadlineStorm,
  b6Audit,
  b7Healthz,
];

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

async function machine(): Promise<Machine> {
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await describeMachine(redis);
  } finally {
    redis.disconnect();
  }
}

function parseOptions(argv: string[]): { options: BenchOptions; ids: string[] } {
  const program = new Command('bench')
    .argument('[ids...]', 'benchmarks to run (B1 … B7); all when omitted')
    .option('--quick', 'smaller sizes; the report records which size ran', false)
    .option('--runs <n>', 'measured runs per figure (≥ 3)', (v) => Number.parseInt(v, 10), 3)
    .parse(argv);
  const options = program.opts<BenchOptions>();
  if (!Number.isInteger(options.runs) || options.runs < 3) throw new Error('--runs must be an integer ≥ 3');
  return { options, ids: program.args };
}

/** Runs one benchmark and stores its result with the run and the host's load around it. */
async function runOne(bench: Benchmark, options: BenchOptions, run: RunContext): Promise<void> {
  process.stderr.write(`running ${bench.id} ${bench.title}${options.quick ? ' (quick)' : ''}…\n`);
  const start = { load: loadAverage(), at: performance.now() };
  const result = await bench.run(options);
  const stored = {
    ...result,
    run,
    load: { start: start.load, end: loadAverage() },
    seconds: Math.round((performance.now() - start.at) / 1000),
  };
  process.stdout.write(`${printResult(result)}\n\n`);
  writeResults(withResult(readResults(), stored));
  writeDocument();
}

async function main(argv: string[]): Promise<void> {
  const { options, ids } = parseOptions(argv);
  const chosen = pick(ids);
  const run: RunContext = {
    command: `npm run bench${argv.length > 2 ? ` -- ${argv.slice(2).join(' ')}` : ''}`,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    quick: options.quick,
    runs: options.runs,
    machine: await machine(),
  };
  for (const bench of chosen) await runOne(bench, options, run);
  process.stdout.write('wrote bench/results.json and docs/benchmarks.md\n');
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
