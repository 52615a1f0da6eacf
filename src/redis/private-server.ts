import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { waitForRedis } from './probe.js';

/** A redis-server this process started and must stop on shutdown. */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  /** Asks the server to stop (SIGTERM, after SIGCONT in case it was frozen) without waiting: for an exit that cannot wait. */
  abandon(): void;
}

/** Absolute path of `name` on PATH, or null. */
export function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}

/** A TCP port nobody listens on right now (asked from the OS, then released). */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('Could not obtain a spare port');
  return address.port;
}

/**
 * Starts `redis-server` with AOF on, bound to loopback, data under `dir`; resolves once it answers PING.
 * `noeviction` because an evicted log entry would silently break a unit's hash chain.
 */
export async function startPrivateRedis(binary: string, dir: string): Promise<PrivateRedis> {
  const dataDir = resolve(dir);
  mkdirSync(dataDir, { recursive: true });
  const port = await sparePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes'];
  args.push('--maxmemory-policy', 'noeviction', '--save', '');
  const child = spawn(binary, args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitForRedis(url, 10_000))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server started from ${binary} did not answer on port ${port}`);
  }
  const urlFile = join(dataDir, URL_FILE);
  writeFileSync(urlFile, `${url}\n`);
  return {
    url,
    stop: async () => {
      rmSync(urlFile, { force: true });
      await stopChild(child);
    },
    abandon: () => {
      rmSync(urlFile, { force: true });
      // SIGTERM still lets redis-server fsync its AOF; it finishes on its own after this process exits.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    },
  };
}

/** Where a running private server's URL is written, so CLI commands can find it. */
const URL_FILE = 'redis.url';

/** URL of a private server another process started under `dir`, if one wrote it. */
export function readPrivateUrl(dir: string): string | null {
  try {
    return readFileSync(join(resolve(dir), URL_FILE), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** SIGTERM lets redis-server fsync its AOF before exiting. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await exited;
}
