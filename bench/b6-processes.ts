/**
 * B6 across processes: the whole tree verified by `jobs` child processes through the mechanism of
 * `congress verify --jobs` (src/cli/verify-processes.ts: each child runs the CLI's `verify-slice`
 * over its share of the unit ids). Timed from the spawn to the first report (starting Node and the
 * TypeScript loader in each child) and on to the last one.
 */
import { fileURLToPath } from 'node:url';
import { verifyInChildren, type ChildProgram } from '../src/jobs/verify-processes.js';
import { BENCH_REDIS_URL } from './support/bench-redis.js';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** The CLI as the children run it, on the benchmark's Redis and prefix, as local administrator. */
function cliProgram(prefix: string): ChildProgram {
  return {
    execPath: process.execPath,
    args: [...process.execArgv, CLI, '--as-admin', 'verify-slice'],
    env: { ...process.env, REDIS_URL: BENCH_REDIS_URL, CONGRESS_PREFIX: prefix, CONGRESS_TOKEN: '' },
  };
}

/** What one run of the children verified, and when: from the spawn to the first and the last report. */
export interface ProcessesRun {
  events: number;
  broken: number;
  /** Events in the reports after the first one. */
  eventsAfterFirst: number;
  firstReportMs: number;
  totalMs: number;
}

/** Verifies `ids` in `jobs` processes. */
export async function verifyInProcesses(prefix: string, ids: string[], jobs: number): Promise<ProcessesRun> {
  const start = performance.now();
  let firstReportMs = Number.NaN;
  let eventsAfterFirst = 0;
  const reports = await verifyInChildren(ids, jobs, cliProgram(prefix), (report) => {
    if (Number.isNaN(firstReportMs)) firstReportMs = performance.now() - start;
    else eventsAfterFirst += report.events;
  });
  return {
    events: reports.reduce((sum, r) => sum + r.events, 0),
    broken: reports.filter((r) => !r.ok).length,
    eventsAfterFirst,
    firstReportMs,
    totalMs: performance.now() - start,
  };
}
