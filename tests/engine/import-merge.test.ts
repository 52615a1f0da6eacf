import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../src/domain/index.js';
import { ConflictError } from '../../src/shared/errors.js';
import { buildDistrict, buildUnit, principals, toJson } from '../support/builders.js';
import { namespaceContent, patch, readOrgRecords } from '../org/org-closing.builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const json = (units: readonly OrgUnit[]) => ({ format: 'json' as const, content: toJson(units) });

/** district-b2 merges into district-b0; its two cells move to district-b0 in the same file. */
function mergedTree(tree: readonly OrgUnit[]): OrgUnit[] {
  let units = patch(tree, 'district-b2', { status: 'merged', mergedInto: 'district-b0' });
  for (const cell of ['district-b2-c0', 'district-b2-c1'])
    units = patch(units, cell, { parentId: 'district-b0' });
  return units;
}

describe('importTree: merging two base units', () => {
  let f: EngineFixture;
  const tree = buildDistrict({ bases: 3, cellsPerBase: 2 });
  const totals = async (id: string) =>
    (await f.engine.progress(id, principals.admin)).map((r) => [r.level, r.total]);

  beforeEach(async () => {
    f = await openEngineFixture('import-merge');
    await f.engine.importTree(json(tree), principals.admin);
  });
  afterEach(async () => f.cleanup());

  it('when a base is merged and its cells move to the absorbing base, then totals and parents follow', async () => {
    const report = await f.engine.importTree(json(mergedTree(tree)), principals.admin);

    expect(report).toEqual({ created: 0, updated: 3, unchanged: 7 });
    expect(await totals('district')).toEqual([
      ['base', 2],
      ['cell', 6],
    ]);
    expect(await totals('district-b0')).toEqual([['cell', 4]]);
    expect(await totals('district-b2')).toEqual([]);
    expect((await f.engine.children('district', principals.admin)).map((u) => u.id)).toEqual([
      'district-b0',
      'district-b1',
    ]);
    expect((await f.engine.ancestors('district-b2-c1')).map((u) => u.id)).toEqual([
      'district-b0',
      'district',
    ]);
    expect(await f.engine.rebuildRollups()).toEqual({ units: 10, matches: true });
  });

  it('when a base is merged, then the history records the merge and the moves, and both parents hear of it', async () => {
    const before = await readOrgRecords(f.redis, f.prefix);

    await f.engine.importTree(json(mergedTree(tree)), principals.admin);

    const added = (await readOrgRecords(f.redis, f.prefix)).slice(before.length);
    expect(added.map((r) => [r.type, r.unitId, r.into, r.changes])).toEqual([
      ['org.unit_merged', 'district-b2', 'district-b0', { status: { from: 'active', to: 'merged' } }],
      [
        'org.unit_updated',
        'district-b2-c0',
        undefined,
        { parentId: { from: 'district-b2', to: 'district-b0' } },
      ],
      [
        'org.unit_updated',
        'district-b2-c1',
        undefined,
        { parentId: { from: 'district-b2', to: 'district-b0' } },
      ],
    ]);
    const payloads = async (id: string) =>
      (await f.engine.history(id, {}, principals.admin)).entries.map((e) => e.payload);
    expect(await payloads('district')).toEqual([{ added: [], removed: ['district-b2'] }]);
    expect(await payloads('district-b0')).toEqual([
      { added: ['district-b2-c0', 'district-b2-c1'], removed: [] },
    ]);
    // The merged unit accepts nothing more, so it is not told that its cells left.
    expect(await payloads('district-b2')).toEqual([]);
  });

  it('when an event is sent to the merged base, then it is refused and names the absorbing unit', async () => {
    await f.engine.importTree(json(mergedTree(tree)), principals.admin);

    const error = await f.engine
      .dispatch(
        'district-b2',
        { type: 'unit.flagged_difficult', payload: { reason: 'x' } },
        principals.committeeOf('district'),
      )
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: 'not_allowed',
      details: { status: 'merged', mergedInto: 'district-b0' },
    });
  });

  it('when two bases merge into a new base created in the same file, then it is created with their cells', async () => {
    let units = [
      ...tree,
      buildUnit({ id: 'district-new', level: 'base', parentId: 'district', memberCount: 160 }),
    ];
    for (const base of ['district-b1', 'district-b2']) {
      units = patch(units, base, { status: 'merged', mergedInto: 'district-new' });
      for (const cell of [`${base}-c0`, `${base}-c1`])
        units = patch(units, cell, { parentId: 'district-new' });
    }

    const report = await f.engine.importTree(json(units), principals.admin);

    expect(report).toEqual({ created: 1, updated: 6, unchanged: 4 });
    expect((await f.engine.children('district', principals.admin)).map((u) => u.id)).toEqual([
      'district-b0',
      'district-new',
    ]);
    expect(await totals('district-new')).toEqual([['cell', 4]]);
    expect(await totals('district')).toEqual([
      ['base', 2],
      ['cell', 6],
    ]);
    const history = await f.engine.history('district', {}, principals.admin);
    expect(history.entries.map((e) => e.payload)).toEqual([
      { added: ['district-new'], removed: ['district-b1', 'district-b2'] },
    ]);
    expect(await f.engine.rebuildRollups()).toEqual({ units: 11, matches: true });
  });

  it('when the merge file is imported again, then nothing is written', async () => {
    await f.engine.importTree(json(mergedTree(tree)), principals.admin);
    const before = await namespaceContent(f.redis, f.prefix);

    expect(await f.engine.importTree(json(mergedTree(tree)), principals.admin)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 10,
    });
    expect(await namespaceContent(f.redis, f.prefix)).toEqual(before);
  });
});
