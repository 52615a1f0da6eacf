/**
 * The processes a chaos run drives: a private redis-server with AOF (appendfsync always), the API and
 * a worker process, each started, killed and restarted on demand, always on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitForRedis } from '../../src/redis/probe.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A process the run can kill and start again. */
export interface Managed {
  readonly name: string;
  start(): Promise<void>;
  /** Sends `signal` and, unless it only freezes or thaws, waits for the exit. */
  signal(signal: NodeJS.Signals): Promise<void>;
  pid(): number | undefined;
  /** Resident memory in KB, from /proc (Linux); null when not running. */
  rssKb(): number | null;
}

function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

function managed(
  name: string,
  launch: () => ChildProcess,
  ready: (child: ChildProcess) => Promise<void>,
): Managed {
  let child: ChildProcess | undefined;
  return {
    name,
    async start() {
      child = launch();
      child.on('error', () => undefined);
      await ready(child);
    },
    async signal(signal) {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      if (signal === 'SIGSTOP' || signal === 'SIGCONT') return void current.kill(signal);
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGCONT');
      current.kill(signal);
      await exited;
    },
    pid: () => (child?.exitCode === null && child.signalCode === null ? child.pid : undefined),
    rssKb: () => rssOf(child?.exitCode === null ? child.pid : undefined),
  };
}

/** Resolves when the child prints `text` (stdout or stderr); rejects if it exits first or after `ms`. */
function printed(child: ChildProcess, text: string, ms = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${text}" within ${ms} ms:\n${seen.slice(-2000)}`)),
      ms,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(text)) return;
      clearTimeout(timer);
      // From here on the output is drained and dropped, so a chatty child never blocks on its pipe.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before printing "${text}":\n${seen.slice(-2000)}`));
    });
  });
}

/** redis-server with AOF fsynced on every write, so an acknowledged event survives SIGKILL. */
export function redisServer(port: number, dir: string): Managed {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction');
  return managed(
    'redis',
    () => spawn('redis-server', args, { stdio: 'ignore' }),
    async () => {
      if (!(await waitForRedis(`redis://127.0.0.1:${port}`, 30_000)))
        throw new Error('redis-server did not start');
    },
  );
}

/** A TypeScript entry point of this repository in one node process (tsx as a loader). */
function node(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The API alone (CONGRESS_WORKERS=0), as a separate deployment would run it. */
export function apiServer(env: Record<string, string>): Managed {
  return managed(
    'api',
    () =>
      node('src/main.ts', {
        ...env,
        CONGRESS_WORKERS: '0',
        CONGRESS_DEMO: '0',
        // Sessions are not exercised here; the API only needs a secret to start without the demo.
        CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
        LOG_LEVEL: 'warn',
      }),
    (child) => printed(child, 'congress-engine listening on'),
  );
}

/** The deadline, webhook and maintenance workers (`npm run worker`). */
export function workerProcess(env: Record<string, string>): Managed {
  return managed(
    'worker',
    () => node('workers/main.ts', { ...env, LOG_LEVEL: 'info' }),
    (child) => printed(child, '"msg":"workers running"'),
  );
}
