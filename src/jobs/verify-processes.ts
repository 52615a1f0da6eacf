/**
 * `congress verify --jobs <n>`: units verify independently, so the ids are dealt into n slices and
 * each slice is verified by a child process running this same program (`process.execPath` with
 * `process.execArgv`, so the TypeScript loader comes along, and the same entry script) with the
 * hidden `verify-slice` command. A child reads its unit ids on stdin, one per line, verifies them
 * with the engine and writes one JSON `VerifyReport` per line on stdout as each unit finishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { verifyReportSchema } from '../engine/verify-report.schema.js';
import type { Engine, VerifyReport } from '../engine/engine.types.js';
import type { Principal } from '../domain/index.js';

/** How to start one child: the executable, its arguments (flags, script, command) and environment. */
export interface ChildProgram {
  execPath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Aborting it kills the children (a server shutting down). */
  signal?: AbortSignal;
  /**
   * Niceness for the children (0–19). Verifications an API process starts run at a lower priority so the
   * API keeps a core for its requests: B7 measured `/healthz` p99 rising 2.5× during a national verify
   * while the API process itself was mostly idle, waiting for a core.
   */
  niceness?: number;
}

/** A child that did not finish its slice; carries its exit code so the parent exits the same way. */
export class SliceFailed extends Error {
  override name = 'SliceFailed';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** This program again, as `congress [--as-admin] verify-slice`; a token travels in the environment. */
export function sameProgram(principal: { asAdmin?: boolean; token?: string }): ChildProgram {
  const entry = process.argv[1];
  if (entry === undefined) throw new Error('cannot tell which script this process runs');
  return {
    execPath: process.execPath,
    args: [...process.execArgv, entry, ...(principal.asAdmin === true ? ['--as-admin'] : []), 'verify-slice'],
    env: principal.token === undefined ? process.env : { ...process.env, CONGRESS_TOKEN: principal.token },
  };
}

/** Deals `items` round robin into `n` slices, so large and small units spread evenly. */
export function dealSlices<T>(items: readonly T[], n: number): T[][] {
  const slices: T[][] = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, () => []);
  items.forEach((item, i) => slices[i % slices.length]!.push(item));
  return slices;
}

/** The reports a child writes; a line that is not a report stops the child and fails the slice. */
function collectReports(
  child: ChildProcess,
  onReport: (report: VerifyReport) => void,
): Promise<VerifyReport[]> {
  const reports: VerifyReport[] = [];
  let unreadable: string | undefined;
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const report = unreadable === undefined ? parseReport(line) : undefined;
    if (report) {
      reports.push(report);
      onReport(report);
    } else {
      unreadable ??= line;
      child.kill();
    }
  });
  return new Promise((resolve, reject) =>
    lines.once('close', () =>
      unreadable === undefined
        ? resolve(reports)
        : reject(
            new SliceFailed(
              `a verify process wrote something else than a report: ${unreadable.slice(0, 200)}`,
              1,
            ),
          ),
    ),
  );
}

function parseReport(line: string): VerifyReport | undefined {
  try {
    return verifyReportSchema.parse(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Best effort: a platform or sandbox that refuses renicing still runs the verification, at normal priority. */
function lowerPriority(pid: number, niceness: number): void {
  try {
    setPriority(pid, niceness);
  } catch {
    // Not permitted here: the verification runs anyway.
  }
}

function exited(child: ChildProcess): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stderr: stderr.trim() }));
  });
}

async function runSlice(
  program: ChildProgram,
  ids: readonly string[],
  started: ChildProcess[],
  onReport: (report: VerifyReport) => void,
): Promise<VerifyReport[]> {
  const child = spawn(program.execPath, program.args, {
    env: program.env,
    stdio: 'pipe',
    signal: program.signal,
  });
  started.push(child);
  if (program.niceness && child.pid !== undefined) lowerPriority(child.pid, program.niceness);
  child.stdin.end(`${ids.join('\n')}\n`);
  const [reports, { code, stderr }] = await Promise.all([collectReports(child, onReport), exited(child)]);
  if (code !== 0) throw new SliceFailed(stderr || `a verify process exited with code ${code}`, code);
  return reports;
}

/**
 * Verifies `ids` in `jobs` child processes; `onReport` sees each report as it arrives. Returns the
 * reports in the order of `ids`. When a child fails, the others are stopped and its error is thrown.
 */
export async function verifyInChildren(
  ids: readonly string[],
  jobs: number,
  program: ChildProgram,
  onReport: (report: VerifyReport) => void = () => {},
): Promise<VerifyReport[]> {
  const started: ChildProcess[] = [];
  try {
    const parts = await Promise.all(
      dealSlices(ids, jobs).map((s) => runSlice(program, s, started, onReport)),
    );
    const byUnit = new Map(parts.flat().map((r) => [r.unitId, r]));
    return ids.map((id) => {
      const report = byUnit.get(id);
      if (!report) throw new SliceFailed(`no report came back for unit ${id}`, 1);
      return report;
    });
  } catch (error) {
    for (const child of started) if (child.exitCode === null) child.kill();
    throw error;
  }
}

/** Units per engine call: the engine reads and verifies them in batches; reports follow per chunk. */
const CHUNK = 64;

/** Verifies `ids` in this process, a chunk at a time, handing each report to `onReport`. */
export async function verifyChunks(
  engine: Engine,
  ids: readonly string[],
  principal: Principal,
  onReport: (report: VerifyReport) => void,
): Promise<VerifyReport[]> {
  const reports: VerifyReport[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const report of await engine.verifyUnits(ids.slice(i, i + CHUNK), principal)) {
      reports.push(report);
      onReport(report);
    }
  }
  return reports;
}

/** The `verify-slice` side: reads unit ids from `input`, writes one JSON report per line with `write`. */
export async function verifySlice(
  engine: Engine,
  principal: Principal,
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
): Promise<void> {
  const ids: string[] = [];
  for await (const line of createInterface({ input })) if (line.trim() !== '') ids.push(line.trim());
  await verifyChunks(engine, ids, principal, (report) => write(`${JSON.stringify(report)}\n`));
}
