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
  process: ChildProcess;
  /** Clients connected right now, as CLIENT LIST counts them (the asking connection excluded). */
  clientCount(): Promise<number>;
  /** SIGSTOP: the server keeps its connections but answers nothing until `resume`. */
  freeze(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Starts redis-server (AOF when `aof`) in a temporary directory; resolves once it answers PING. */
export async function startPrivateTestRedis(options: { aof?: boolean } = {}): Promise<PrivateTestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-test-redis-'));
  const port = await sparePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', options.aof === true ? 'yes' : 'no', '--maxmemory-policy', 'noeviction');
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitForRedis(url, 10_000))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port,
    process: child,
    clientCount: async () => {
      const admin = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        const list = (await admin.client('LIST')) as string;
        return list.split('\n').filter((line) => line.trim() !== '').length - 1;
      } finally {
        admin.disconnect();
      }
    },
    freeze: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
