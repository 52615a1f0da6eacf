import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/shared/errors.js';
import { createKeySpace, readForDispatch, storedSnapSchema } from '../../src/store/index.js';
import { writeUnitUpdates } from '../../src/store/org-store.js';
import { buildDistrict, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const CELL = 'district-b0-c0';
const flag = { type: 'unit.flagged_difficult', payload: { reason: 'complaints' } };
const clear = { type: 'unit.difficulty_cleared', payload: { reason: 'resolved' } };

describe('dispatch reads reuse what they parsed or wrote only while Redis holds the same content', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('readcache');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  const committee = () => principals.committeeOf('district');

  it('when a dispatch has just written a snapshot, then the next read equals a fresh parse of the stored hash', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    const keys = createKeySpace(f.prefix);
    const read = await readForDispatch(f.redis, keys, CELL);
    const stored = storedSnapSchema.parse(await f.redis.hgetall(keys.snap(CELL)));
    expect(read.snap).toEqual(stored);
    expect(read.snap?.version).toBe(1);
    expect(read.snap?.milestones.difficult).toBe(true);
  });

  it('when the stored snapshot is corrupted after a dispatch, then a dispatch that reads it fails on it and writes nothing', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    await f.redis.hset(createKeySpace(f.prefix).snap(CELL), 's', '{"machineVersion":');
    const before = await namespaceDump(f.redis, f.prefix);
    // Another replica (or this process after a restart) has no state of its own to plan from.
    await expect(f.replica().dispatch(CELL, clear, committee())).rejects.toThrow(/invalid stored JSON/);
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when the organisation store changes the unit after a dispatch, then the next dispatch sees the change', async () => {
    await f.engine.dispatch(CELL, flag, committee());
    const keys = createKeySpace(f.prefix);
    const fields = await f.redis.hgetall(keys.unit(CELL));
    await writeUnitUpdates(f.redis, keys, [{ unitId: CELL, unitFields: { ...fields, status: 'dissolved' } }]);
    const before = await namespaceDump(f.redis, f.prefix);
    const refused = f.engine.dispatch(CELL, clear, committee());
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ reason: 'not_allowed' });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when events alternate on a unit, then each one builds on the previous stored version', async () => {
    for (let i = 0; i < 4; i++) {
      const result = await f.engine.dispatch(CELL, i % 2 === 0 ? flag : clear, committee());
      expect(result.version).toBe(i + 1);
    }
    const view = await f.engine.getUnit(CELL, principals.admin);
    expect(view.version).toBe(4);
    expect(view.flags.difficult).toBe(false);
  });
});
