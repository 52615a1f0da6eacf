import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { sparePort } from '../../src/redis/private-server.js';
import { waitForRedis } from '../../src/redis/probe.js';

/** A redis-server of the test's own, on a spare port, which the test may stop, freeze or kill. */
export interface PrivateTestRedis {
  url: string;
  port: number;
  /** The running redis-server (replaced by `restart`). */
  readonly process: ChildProcess;
  /** Clients connected right now, as CLIENT LIST counts them (the asking connection excluded). */
  clientCount(): Promise<number>;
  /** SIGSTOP: the server keeps its connections but answers nothing until `resume`. */
  freeze(): void;
  resume(): void;
  /** SIGKILL: no shutdown, no final fsync. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory (with AOF, from its append-only file). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server (AOF when `aof`) in a temporary directory; resolves once it answers PING. */
function spawnRedis(port: number, dir: string, aof: boolean): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', aof ? 'yes' : 'no', '--maxmemory-policy', 'noeviction');
  return spawn('redis-server', args, { stdio: 'ignore' });
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}

/** Counts CLIENT LIST lines, less the asking connection. */
async function countClients(url: string): Promise<number> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const list = (await admin.client('LIST')) as string;
    return list.split('\n').filter((line) => line.trim() !== '').length - 1;
  } finally {
    admin.disconnect();
  }
}

/** Starts redis-server (AOF when `aof`) in a temporary directory; resolves once it answers PING. */
export async function startPrivateTestRedis(options: { aof?: boolean } = {}): Promise<PrivateTestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-test-redis-'));
  const port = await sparePort();
  const url = `redis://127.0.0.1:${port}`;
  const aof = options.aof === true;
  let child = spawnRedis(port, dir, aof);
  const started = async () => {
    if (await waitForRedis(url, 10_000)) return;
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  await started();
  return {
    url,
    port,
    get process() {
      return child;
    },
    clientCount: () => countClients(url),
    freeze: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    kill: () => killed(child),
    restart: async () => {
      await killed(child);
      child = spawnRedis(port, dir, aof);
      await started();
    },
    stop: async () => {
      await killed(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
