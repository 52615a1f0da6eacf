import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDistrict, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

describe('maintenance', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('maint');
    await f.importUnits(buildDistrict({ bases: 2, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  it('when the deadline sets are scanned, then every unit with open deadlines comes once with its version and stored set', async () => {
    await f.engine.dispatch(
      'district-b0-c0',
      { type: 'plan.submitted', payload: { reference: 'KH' } },
      principals.secretaryOf('district-b0-c0'),
    );

    const sets = [];
    for await (const set of f.engine.scanDeadlineSets()) sets.push(set);

    expect(sets.map((s) => s.unitId).sort()).toEqual([
      'district',
      'district-b0',
      'district-b0-c0',
      'district-b0-c1',
      'district-b1',
      'district-b1-c0',
      'district-b1-c1',
    ]);
    for (const set of sets) {
      const view = await f.engine.getUnit(set.unitId, principals.admin);
      expect(set).toEqual({ unitId: set.unitId, version: view.version, deadlines: view.deadlines });
    }
    expect(sets.find((s) => s.unitId === 'district-b0-c0')!.deadlines.map((d) => d.kind)).toContain(
      'plan.approval',
    );
  });

  it('when a roll-up counter drifts, then the rebuild reports the mismatch and restores the recount', async () => {
    await f.redis.hincrby(`${f.prefix}:{district}:rollup`, 'cell|ward|done', 3);

    const first = await f.engine.rebuildRollups();
    const second = await f.engine.rebuildRollups();

    expect(first).toEqual({ units: 7, matches: false });
    expect(second).toEqual({ units: 7, matches: true });
    const cells = (await f.engine.progress('district', principals.admin)).find((r) => r.level === 'cell')!;
    expect([cells.done, cells.total]).toEqual([0, 4]);
  });
});
