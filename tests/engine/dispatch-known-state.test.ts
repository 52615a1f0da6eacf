import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from 'ioredis';
import { ConflictError } from '../../src/shared/errors.js';
import { buildDistrict, principals, toJson } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const tree = buildDistrict({ bases: 2, cellsPerBase: 2 });
const CELL = 'district-b0-c1';
const flag = { type: 'unit.flagged_difficult', payload: { reason: 'complaints' } };
const clear = { type: 'unit.difficulty_cleared', payload: { reason: 'resolved' } };
const committee = () => principals.committeeOf('district');

/** atRisk at a unit, summed over its progress rows. */
async function atRisk(f: EngineFixture, unitId: string): Promise<number> {
  const rows = await f.engine.progress(unitId, principals.admin);
  return rows.reduce((sum, row) => sum + row.atRisk, 0);
}

describe('dispatch plans from what the engine last wrote, and Redis decides whether that is still true', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('known');
    await f.importUnits(tree);
  });
  afterEach(async () => f.cleanup());

  it('when an engine dispatches twice to a unit, then the second dispatch reads nothing before its append', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    const sent: string[] = [];
    const original = f.redis.sendCommand.bind(f.redis);
    const counting = vi.spyOn(f.redis, 'sendCommand').mockImplementation((command: Command) => {
      sent.push(command.name);
      return original(command);
    });
    const result = await f.engine.dispatch(CELL, clear, committee());
    counting.mockRestore();
    expect(result.version).toBe(2);
    expect(sent.filter((name) => name === 'hgetall' || name === 'get' || name === 'hmget')).toEqual([]);
    expect(sent.filter((name) => name === 'evalsha' || name === 'eval')).toHaveLength(1);
  });

  it('when two replicas take turns on a unit, then every event lands on the previous version and the log verifies', async () => {
    const engines = [f.engine, f.replica()];
    for (let i = 0; i < 12; i++) {
      const result = await engines[i % 2]!.dispatch(CELL, i % 2 === 0 ? flag : clear, committee());
      expect(result.version).toBe(i + 1);
    }
    const [report] = await f.engine.verify(CELL, principals.admin);
    expect(report).toMatchObject({ ok: true, events: 12 });
    expect(await atRisk(f, 'district')).toBe(0);
  });

  it('when another replica made the event not allowed, then the stale plan is refused as a fresh read would refuse it', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    await f.replica().dispatch(CELL, clear, committee());
    const before = await namespaceDump(f.redis, f.prefix);
    const refused = f.engine.dispatch(CELL, clear, committee());
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ reason: 'not_allowed' });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when another replica made a refused event allowed again, then it is accepted on the stored version', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    await f.replica().dispatch(CELL, clear, committee());
    const result = await f.engine.dispatch(CELL, flag, committee());
    expect(result).toMatchObject({ version: 3, duplicate: false });
    expect(await atRisk(f, 'district')).toBe(1);
  });

  it('when a request is retried with its idempotency key on the same engine, then the first result comes back and nothing is appended', async () => {
    const first = await f.engine.dispatch(CELL, flag, committee(), { idempotencyKey: 'k-1' });
    const again = await f.engine.dispatch(CELL, flag, committee(), { idempotencyKey: 'k-1' });
    expect(again).toMatchObject({ duplicate: true, seq: first.seq, hash: first.hash });
    const history = await f.engine.history(CELL, {}, principals.admin);
    expect(history.entries).toHaveLength(1);
  });

  it('when another replica moves the unit after a dispatch, then the next dispatch moves the roll-ups of the new ancestors', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    expect(await atRisk(f, 'district-b0')).toBe(1);
    const moved = tree.map((u) => (u.id === CELL ? { ...u, parentId: 'district-b1' } : u));
    await f.replica().importTree({ format: 'json', content: toJson(moved) }, principals.admin);
    expect([await atRisk(f, 'district-b0'), await atRisk(f, 'district-b1')]).toEqual([0, 1]);

    await f.engine.dispatch(CELL, clear, committee());

    expect([await atRisk(f, 'district-b0'), await atRisk(f, 'district-b1')]).toEqual([0, 0]);
    expect(await atRisk(f, 'district')).toBe(0);
    const view = await f.engine.getUnit(CELL, principals.admin);
    expect(view.version).toBe(2);
  });

  it('when another replica dissolves the unit after a dispatch, then the next dispatch is refused and writes nothing', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    const dissolved = tree.map((u) => (u.id === CELL ? { ...u, status: 'dissolved' as const } : u));
    await f.replica().importTree({ format: 'json', content: toJson(dissolved) }, principals.admin);
    const before = await namespaceDump(f.redis, f.prefix);
    const refused = f.engine.dispatch(CELL, clear, committee());
    await expect(refused).rejects.toMatchObject({ reason: 'not_allowed' });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });
});
