/**
 * Child processes for benchmarks: the real entry points (`src/main.ts`, `workers/main.ts`) started
 * with node + tsx and an environment of our choosing, and their resident memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A started child: its pid, its stdout so far, and a stop that sends SIGTERM and waits. */
export interface Child {
  pid: number;
  process: ChildProcess;
  output(): string;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
  stop(): Promise<void>;
}

/** The node flags `npm start`, `npm run worker` and the Dockerfile run the product with. */
const PRODUCT_NODE_ARGS = ['--max-semi-space-size=32'];

/** Extra node flags for every child, e.g. `BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"` to profile them. */
const childNodeArgs = [
  ...PRODUCT_NODE_ARGS,
  ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter((a) => a.length > 0),
];

/** Starts `entry` (a path from the repository root) under node + tsx with `env` added to ours. */
export function startEntry(entry: string, env: Record<string, string>, args: string[] = []): Child {
  const child = spawn(process.execPath, [...childNodeArgs, '--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  // `BENCH_CHILD_LOG=dir` keeps each child's output in dir/<pid>.log, e.g. with `--trace-gc`.
  const logDir = process.env.BENCH_CHILD_LOG;
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (logDir) appendFileSync(join(logDir, `${child.pid}.log`), chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    process: child,
    output: () => out,
    send: (line) => void child.stdin.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first or times out. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = pattern.exec(child.output());
      if (match) return done(() => resolve(match));
      if (child.process.exitCode !== null) done(() => reject(new Error(`child exited: ${child.output()}`)));
    }, 50);
    const deadline = setTimeout(
      () => done(() => reject(new Error(`timed out waiting for ${pattern}`))),
      timeoutMs,
    );
    const done = (then: () => void) => {
      clearInterval(timer);
      clearTimeout(deadline);
      then();
    };
  });
}

/** Resolves once `pattern` (a global regex) has matched `count` times in the child's output. */
export async function waitForCount(
  child: Child,
  pattern: RegExp,
  count: number,
  timeoutMs = 300_000,
): Promise<void> {
  const stopAt = Date.now() + timeoutMs;
  while ((child.output().match(pattern) ?? []).length < count) {
    if (child.process.exitCode !== null) throw new Error(`child exited: ${child.output()}`);
    if (Date.now() > stopAt) throw new Error(`timed out waiting for ${count} × ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * CPU seconds (user + system) `pid` has used so far, from /proc/<pid>/stat (clock ticks of 10 ms);
 * with `mainThreadOnly`, only its main thread's (the one running JavaScript), without GC helpers,
 * libuv's pool and other threads.
 */
export function cpuSecondsOf(pid: number, mainThreadOnly = false): number {
  const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of `pid` in bytes (VmRSS of /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** Samples the RSS of `pid` every `everyMs` until stopped; returns the samples in bytes. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(rssOf(pid));
    } catch {
      // The process may have exited between samples; the ones taken stand.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
