/**
 * Stopping when told: SIGTERM to the server process (node itself, as `npm start` runs it) stops the
 * HTTP server, the workers and the private redis-server it started within 10 s; when the orderly stop
 * cannot finish (its Redis frozen), the process still exits at SHUTDOWN_TIMEOUT_MS and asks that
 * redis-server to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenStore } from '../../src/auth/token-store.js';
import { sparePort } from '../../src/redis/private-server.js';

const ROOT = join(import.meta.dirname, '../..');

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  port: number;
  redisPid: number;
  /** An admin token issued in the server's Redis. */
  token: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stopping the server process', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

  /** Starts src/main.ts in one node process with a private redis-server and the workers; resolves once listening. */
  async function startServerProcess(env: Record<string, string> = {}): Promise<Server> {
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-lifecycle-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        CONGRESS_LOCAL_REDIS_URL: `redis://127.0.0.1:${await sparePort()}`,
        CONGRESS_REDIS_DIR: dataDir,
        REDIS_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
        CONGRESS_DEMO: '0',
        CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let redisPid = 0;
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (redisPid > 0 && alive(redisPid)) process.kill(redisPid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });
    await until(() => /listening on http:\/\/localhost:\d+/.test(output), 60_000);
    const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(output)![1]);
    const redisUrl = /"redis":"(redis:\/\/127\.0\.0\.1:\d+)\/?"/.exec(output)![1]!;
    const probe = new Redis(redisUrl);
    redisPid = Number(/process_id:(\d+)/.exec(await probe.info('server'))![1]);
    const { token } = await createTokenStore(probe, 'cg').create({ role: 'admin' });
    probe.disconnect();
    return { child, output: () => output, exited, port, redisPid, token };
  }

  const healthz = (port: number) =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.status,
      () => 'refused',
    );

  it('when the process gets SIGTERM with a live stream open, then the server, the workers and its private redis-server stop within 10 s', async () => {
    const server = await startServerProcess();
    expect(await healthz(server.port)).toBe(200);
    expect(server.output()).toContain('"workers":true');
    const stream = await fetch(`http://127.0.0.1:${server.port}/api/v1/alerts/stream`, {
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(stream.status).toBe(200);
    const reading = stream.body!.getReader().read();

    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await until(() => !alive(server.redisPid), 10_000 - (Date.now() - started));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(await healthz(server.port)).toBe('refused');
    await reading.catch(() => undefined);
  }, 90_000);

  it('when the orderly stop cannot finish, then the process exits at SHUTDOWN_TIMEOUT_MS and its redis-server stops too', async () => {
    const server = await startServerProcess({ SHUTDOWN_TIMEOUT_MS: '2000' });
    process.kill(server.redisPid, 'SIGSTOP');

    const started = Date.now();
    server.child.kill('SIGTERM');
    // Relayed twice, as a terminal, npm and tsx do: the second must not cut the stop short.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThan(5_000);
    expect(server.output()).toContain('shutdown deadline passed');
    await until(() => !alive(server.redisPid), 5_000);
    expect(await healthz(server.port)).toBe('refused');
  }, 90_000);
});
