import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.types.js';
import type { Principal } from '../../src/domain/index.js';
import { ConflictError } from '../../src/shared/errors.js';
import { buildDistrict, principals } from '../support/builders.js';
import { mapLimit } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const BASE = 'district-b0';
const held = (childId: string) => ({ type: 'subordinate.congress_held', payload: { childId, childSeq: 1 } });

describe('concurrent writers on one unit', () => {
  let f: EngineFixture;
  let replicas: Engine[];
  const cells = Array.from({ length: 50 }, (_, i) => `${BASE}-c${i}`);
  beforeEach(async () => {
    f = await openEngineFixture('conc1');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 50 }));
    replicas = [f.engine, f.replica(), f.replica(), f.replica(), f.replica()];
  });
  afterEach(async () => f.cleanup());

  it('when 50 writers append without an expected version, then every event is in the log exactly once and the state equals its replay', async () => {
    const results = await Promise.all(
      cells.map((cell, i) => replicas[i % replicas.length]!.dispatch(BASE, held(cell), principals.system)),
    );

    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(cells.map((_, i) => i + 1));
    const { entries } = await f.engine.history(BASE, { limit: 100 }, principals.admin);
    expect(entries.map((e) => e.payload.childId).sort()).toEqual([...cells].sort());
    const view = await f.engine.getUnit(BASE, principals.admin);
    expect(view.version).toBe(50);
    expect([...(view.snapshot.context as { held: string[] }).held].sort()).toEqual([...cells].sort());
    expect(await f.engine.verify(BASE, principals.admin)).toEqual([{ unitId: BASE, ok: true, events: 50 }]);
    const replayed = await f.engine.replay(BASE, {}, principals.admin);
    expect(replayed.snapshot).toEqual(view.snapshot);
  });

  it('when 50 writers all expect version 0, then exactly one wins and every loser is told the current version', async () => {
    const outcomes = await Promise.allSettled(
      cells.map((cell, i) =>
        replicas[i % replicas.length]!.dispatch(BASE, held(cell), principals.system, { expectedVersion: 0 }),
      ),
    );

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const error of lost) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({
        reason: 'version_conflict',
        details: { currentVersion: 1, expectedVersion: 0 },
      });
    }
    expect((await f.engine.history(BASE, {}, principals.admin)).entries).toHaveLength(1);
  });
});

describe('concurrent writers over 1,000 units', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('conc1000');
    await f.importUnits(buildDistrict({ bases: 100, cellsPerBase: 9 }));
  });
  afterEach(async () => f.cleanup());

  it('when four replicas drive 900 cells and 100 bases at once, then no update is lost, every unit verifies and roll-ups match a recount', async () => {
    const replicas = [f.engine, f.replica(), f.replica(), f.replica()];
    const bases = Array.from({ length: 100 }, (_, b) => `district-b${b}`);
    const cells = bases.flatMap((base) => Array.from({ length: 9 }, (_, c) => `${base}-c${c}`));
    const pick = (i: number) => replicas[i % replicas.length]!;
    const send = (engine: Engine, unitId: string, type: string, payload: object, principal: Principal) =>
      engine.dispatch(unitId, { type, payload: { ...payload } }, principal);

    await mapLimit([...cells, ...bases], 64, async (unitId) => {
      const parent = unitId.replace(/-c\d+$/, '');
      const superior =
        parent === unitId ? principals.committeeOf('district') : principals.committeeOf(parent);
      await send(
        pick(unitId.length),
        unitId,
        'plan.submitted',
        { reference: 'KH' },
        principals.secretaryOf(unitId),
      );
      await send(pick(unitId.length + 1), unitId, 'plan.approved', {}, superior);
    });

    const progress = await f.engine.progress('district', principals.admin);
    expect(progress.map((r) => [r.level, r.total, r.byPhase])).toEqual([
      ['base', 100, { bodies: 100 }],
      ['cell', 900, { preparation: 900 }],
    ]);
    const reports = await f.engine.verify('district', principals.admin, { subtree: true });
    expect(reports).toHaveLength(1001);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect(reports.filter((r) => r.unitId !== 'district').every((r) => r.events === 2)).toBe(true);
    expect(await f.engine.rebuildRollups()).toEqual({ units: 1001, matches: true });
  });
});
