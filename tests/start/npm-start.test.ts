import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { redisAnswers, waitForRedis } from '../../src/redis/probe.js';
import { sparePort } from '../../src/redis/private-server.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const BIN = join(ROOT, 'src/cli/bin/congress.js');
/** `npm start` compiles dist/ first when the sources are newer: allow for a full build on a busy machine. */
const BUILD_AND_START_MS = 240_000;

/** A started process with its combined output so far and a promise of its end. */
interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves when every stdio stream has closed, i.e. every process in the group let go of them. */
  closed: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Started {
  // A process group, so a signal to the group reaches npm and node together, as a terminal's Ctrl-C would.
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, closed };
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listeningPort = (output: string) => Number(/listening on http:\/\/localhost:(\d+)/.exec(output)?.[1]);

/** Command lines of the processes whose parent is `pid`. */
const childrenOf = (pid: number) =>
  execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n');

describe('npm start on a fresh machine', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function freshRedis(): Promise<string> {
    const port = await sparePort();
    const dir = mkdtempSync(join(tmpdir(), 'cg-start-'));
    const server = spawn('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
    ]);
    cleanups.push(() => {
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    });
    const url = `redis://127.0.0.1:${port}`;
    expect(await waitForRedis(url, 5000)).toBe(true);
    return url;
  }

  it(
    'when started against an empty Redis, then the demo is loaded, tokens printed, /readyz is 200, and SIGTERM stops it cleanly',
    async () => {
      const url = await freshRedis();
      const app = start('npm', ['start'], {
        REDIS_URL: url,
        PORT: '0',
        CONGRESS_PREFIX: 'cg',
        LOG_LEVEL: 'info',
      });
      cleanups.push(() => void (app.child.exitCode === null && process.kill(-app.child.pid!, 'SIGKILL')));
      await until(() => listeningPort(app.output()) > 0, BUILD_AND_START_MS);
      // The server is npm's own child, compiled JavaScript under node: no shell or tsx between them.
      expect(childrenOf(app.child.pid!)).toEqual(['node --max-semi-space-size=32 dist/src/main.js']);
      const out = app.output();
      for (const role of [
        'admin',
        'secretary',
        'working_group',
        'standing_committee',
        'inspection',
        'auditor',
      ]) {
        expect(out).toMatch(new RegExp(`^  ${role}\\s+[A-Za-z0-9_-]{43}\\s`, 'm'));
      }
      const ready = await fetch(`http://127.0.0.1:${listeningPort(out)}/readyz`);
      expect(ready.status).toBe(200);
      const admin = /^ {2}admin\s+(\S+)/m.exec(out)![1]!;
      const unit = await fetch(`http://127.0.0.1:${listeningPort(out)}/api/v1/units/dong-da`, {
        headers: { Authorization: `Bearer ${admin}` },
      });
      expect(unit.status).toBe(200);
      // One account per role too, with a password shown once, for the dashboard's sign-in.
      const account = /^ {2}secretary\s+(demo-secretary)\s+(\S+)\s/m.exec(out);
      expect(account).not.toBeNull();
      const signIn = await fetch(`http://127.0.0.1:${listeningPort(out)}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: account![1], password: account![2] }),
      });
      expect(signIn.status).toBe(201);

      process.kill(-app.child.pid!, 'SIGTERM');
      await app.closed;
      expect(app.output()).toContain('"msg":"stopped"');
      const probe = new Redis(url);
      const clients = (await probe.client('LIST')) as string;
      probe.disconnect();
      expect(clients.trim().split('\n')).toHaveLength(1);
    },
    BUILD_AND_START_MS + 60_000,
  );

  it(
    'when SIGTERM reaches only the npm process, then npm hands it to the server, which stops cleanly',
    async () => {
      const url = await freshRedis();
      const env = {
        REDIS_URL: url,
        PORT: '0',
        CONGRESS_PREFIX: 'cg',
        CONGRESS_DEMO: '0',
        CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
      };
      const app = start('npm', ['start'], env);
      cleanups.push(() => void (app.child.exitCode === null && process.kill(-app.child.pid!, 'SIGKILL')));
      await until(() => listeningPort(app.output()) > 0, BUILD_AND_START_MS);

      app.child.kill('SIGTERM');
      expect(await app.closed).toBe(0);
      expect(app.output()).toContain('"msg":"stopped"');
    },
    BUILD_AND_START_MS + 60_000,
  );

  it(
    'when the congress command runs, then the compiled CLI answers and its --json output stays clean',
    async () => {
      const url = await freshRedis();
      const env = { ...process.env, REDIS_URL: url, CONGRESS_PREFIX: 'cg' };
      // Were dist/ stale, the bin would build it first, writing the build's output to stderr.
      const stdout = execFileSync(process.execPath, [BIN, '--as-admin', 'tokens', 'list', '--json'], {
        env,
        encoding: 'utf8',
      });
      expect(JSON.parse(stdout)).toEqual([]);
    },
    BUILD_AND_START_MS,
  );

  it('when nothing answers and redis-server is installed, then a private AOF Redis is started under the data dir and stopped on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-private-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      CONGRESS_LOCAL_REDIS_URL: `redis://127.0.0.1:${await sparePort()}`,
      CONGRESS_REDIS_DIR: dataDir,
      PORT: '0',
      CONGRESS_WORKERS: '0',
      REDIS_URL: '',
    };
    const app = start(process.execPath, [TSX, 'src/main.ts'], env);
    cleanups.push(() => void (app.child.exitCode === null && process.kill(-app.child.pid!, 'SIGKILL')));
    await until(() => listeningPort(app.output()) > 0, 90_000);
    expect(app.output()).toContain('"source":"private"');
    const privateUrl = /"redis":"(redis:\/\/127\.0\.0\.1:\d+)\/?"/.exec(app.output())![1]!;
    expect(existsSync(join(dataDir, 'appendonlydir'))).toBe(true);
    // Only tsx gets the signal (it relays it to node): the private redis-server shares the process group
    // and must be stopped by the app's own shutdown, not by a group-wide signal.
    app.child.kill('SIGTERM');
    expect(await app.closed).toBe(0);
    expect(await redisAnswers(privateUrl, 300)).toBe(false);
  }, 120_000);

  it('when start-up fails after starting a private Redis (port taken), then it exits non-zero and stops that Redis', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    cleanups.push(() => void taken.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-failed-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      CONGRESS_LOCAL_REDIS_URL: `redis://127.0.0.1:${await sparePort()}`,
      CONGRESS_REDIS_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String((taken.address() as AddressInfo).port),
      CONGRESS_WORKERS: '0',
      CONGRESS_DEMO: '0',
      CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
      REDIS_URL: '',
    };
    const app = start(process.execPath, [TSX, 'src/main.ts'], env);
    expect(await app.closed).not.toBe(0);
    expect(app.output()).toContain('EADDRINUSE');
    const privateUrl = /"redis":"(redis:\/\/127\.0\.0\.1:\d+)\/?"/.exec(app.output())![1]!;
    expect(await redisAnswers(privateUrl, 300)).toBe(false);
    expect(existsSync(join(dataDir, 'redis.url'))).toBe(false);
  }, 90_000);

  it('when no Redis answers and no redis-server is on PATH, then it exits non-zero saying how to get Redis', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'cg-empty-path-'));
    cleanups.push(() => rmSync(emptyDir, { recursive: true, force: true }));
    const env = {
      CONGRESS_LOCAL_REDIS_URL: `redis://127.0.0.1:${await sparePort()}`,
      PATH: emptyDir,
      REDIS_URL: '',
    };
    const app = start(process.execPath, [TSX, 'src/main.ts'], env);
    const code = await app.closed;
    expect(code).toBe(5);
    expect(app.output()).toContain('No Redis is reachable and no redis-server binary was found on PATH');
    expect(app.output()).toContain('REDIS_URL=redis://');
  }, 90_000);
});
