/**
 * "Every accepted event is in the log": Redis is killed (SIGKILL, no shutdown) in the middle of a
 * concurrent workload, restarted from its append-only file, and every event the engine acknowledged must
 * be there, with its hash, and every unit must still verify.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { DispatchResult, Engine } from '../../src/engine/engine.types.js';
import { sparePort } from '../../src/redis/private-server.js';
import { waitForRedis } from '../../src/redis/probe.js';
import { buildDistrict, principals, toJson } from '../support/builders.js';

const PREFIX = 'aof';
const units = buildDistrict({ bases: 2, cellsPerBase: 5 });
const cells = units.filter((u) => u.level === 'cell').map((u) => u.id);
const committee = principals.committeeOf('district');
const FLAG = { type: 'unit.flagged_difficult', payload: { reason: 'khiếu nại' } };
const CLEAR = { type: 'unit.difficulty_cleared', payload: { reason: 'đã giải quyết' } };

function startRedis(dir: string, port: number): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction');
  return spawn('redis-server', args, { stdio: 'ignore' });
}

/** A client that fails fast once the server is gone, instead of queueing commands for later. */
async function connect(url: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined); // the kill is the point of the test
  await client.connect();
  return client;
}

/** Flags and clears each cell in turn until `stop`, keeping every acknowledged result. */
async function churn(engine: Engine, cell: string, acked: DispatchResult[]): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      acked.push(await engine.dispatch(cell, i % 2 === 0 ? FLAG : CLEAR, committee));
    } catch {
      return; // the server is gone: whatever was not acknowledged may or may not be stored
    }
  }
}

describe('AOF durability', () => {
  let server: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when Redis is killed mid-workload and restarted from its AOF, then every acknowledged event is in the log and verifies', async () => {
    dir = mkdtempSync(join(tmpdir(), 'aof-'));
    const port = await sparePort();
    const url = `redis://127.0.0.1:${port}`;
    server = startRedis(dir, port);
    expect(await waitForRedis(url, 10_000)).toBe(true);
    const before = await connect(url);
    const engine = createEngine({ redis: before, prefix: PREFIX });
    await engine.importTree({ format: 'json', content: toJson(units) }, principals.admin);

    const acked: DispatchResult[] = [];
    const workload = Promise.all(cells.map((cell) => churn(engine, cell, acked)));
    while (acked.length < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    server.kill('SIGKILL');
    await workload;
    before.disconnect();

    server = startRedis(dir, port);
    expect(await waitForRedis(url, 10_000)).toBe(true);
    const after = new Redis(url);
    const reopened = createEngine({ redis: after, prefix: PREFIX });
    for (const result of acked) {
      const { entries } = await reopened.history(
        result.unitId,
        { fromSeq: result.seq, limit: 1 },
        principals.admin,
      );
      expect(entries[0]).toMatchObject({ seq: result.seq, hash: result.hash });
    }
    const reports = await reopened.verify('district', principals.admin, { subtree: true });
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect((await reopened.rebuildRollups()).matches).toBe(true);
    after.disconnect();
  });
});
