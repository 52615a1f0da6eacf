import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../src/domain/index.js';
import { ForbiddenError, ValidationError } from '../../src/shared/errors.js';
import { buildDistrict, buildUnit, principals, toCsv } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const csv = (units: readonly OrgUnit[]) => ({ format: 'csv' as const, content: toCsv(units) });

describe('importTree', () => {
  let f: EngineFixture;
  const tree = buildDistrict({ bases: 2, cellsPerBase: 3 });
  beforeEach(async () => {
    f = await openEngineFixture('import');
  });
  afterEach(async () => f.cleanup());

  it('when a valid tree is imported, then units, children, cached ancestors and roll-up totals exist', async () => {
    const report = await f.engine.importTree(csv(tree), principals.admin);

    expect(report).toEqual({ created: 9, updated: 0, unchanged: 0 });
    expect((await f.engine.children('district-b1', principals.admin)).map((u) => u.id)).toEqual([
      'district-b1-c0',
      'district-b1-c1',
      'district-b1-c2',
    ]);
    expect((await f.engine.ancestors('district-b1-c2')).map((u) => u.id)).toEqual([
      'district-b1',
      'district',
    ]);
    const rows = await f.engine.progress('district', principals.admin);
    expect(rows.map((r) => [r.level, r.block, r.done, r.total, r.byPhase])).toEqual([
      ['base', 'ward', 0, 2, { plan: 2 }],
      ['cell', 'ward', 0, 6, { plan: 6 }],
    ]);
    expect(await f.engine.rebuildRollups()).toEqual({ units: 9, matches: true });
  });

  const badFiles: [string, string, RegExp][] = [
    [
      'a cycle',
      toCsv([
        buildUnit({ id: 'd', level: 'district' }),
        buildUnit({ id: 'b1', level: 'base', parentId: 'b2' }),
        buildUnit({ id: 'b2', level: 'base', parentId: 'b1' }),
      ]),
      /^line \d+: parent/,
    ],
    [
      'an unknown parent',
      toCsv([...tree, buildUnit({ id: 'orphan', parentId: 'nowhere' })]),
      /^line 11: parent$/,
    ],
    [
      'a duplicate id',
      toCsv([...tree, buildUnit({ id: 'district-b0-c0', parentId: 'district-b0' })]),
      /^line \d+: id$/,
    ],
    [
      'a level out of order',
      toCsv([...tree, buildUnit({ id: 'upside-down', level: 'base', parentId: 'district-b0-c0' })]),
      /^line 11: level$/,
    ],
    ['malformed CSV', `${toCsv(tree)}"unterminated,quote\n`, /^line \d+/],
  ];

  it.each(badFiles)(
    'when the file has %s, then a ValidationError lists the row and nothing is written',
    async (_, content, path) => {
      const error = await f.engine
        .importTree({ format: 'csv', content }, principals.admin)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.some((i) => path.test(i.path))).toBe(true);
      expect(await namespaceDump(f.redis, f.prefix)).toEqual({});
    },
  );

  it('when someone other than an admin imports, then ForbiddenError and nothing is written', async () => {
    await expect(f.engine.importTree(csv(tree), principals.committeeOf('district'))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await namespaceDump(f.redis, f.prefix)).toEqual({});
  });

  it('when the same file is imported again, then every row is unchanged and nothing is written', async () => {
    await f.engine.importTree(csv(tree), principals.admin);
    const before = await namespaceDump(f.redis, f.prefix);

    const report = await f.engine.importTree(csv(tree), principals.admin);

    expect(report).toEqual({ created: 0, updated: 0, unchanged: 9 });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when a cell moves to another base, then both parents hear it in their logs, ancestors and roll-ups follow, and the hash-chained org history records it', async () => {
    await f.engine.importTree(csv(tree), principals.admin);
    const moved = tree.map((u) =>
      u.id === 'district-b0-c2'
        ? { ...u, parentId: 'district-b1' }
        : u.id === 'district-b1'
          ? { ...u, name: 'Phường Mới' }
          : u,
    );

    const report = await f.engine.importTree(csv(moved), principals.admin);

    expect(report).toEqual({ created: 0, updated: 2, unchanged: 7 });
    const oldParent = await f.engine.history('district-b0', {}, principals.admin);
    const newParent = await f.engine.history('district-b1', {}, principals.admin);
    expect(oldParent.entries.map((e) => [e.type, e.payload])).toEqual([
      ['hierarchy.subordinates_changed', { added: [], removed: ['district-b0-c2'] }],
    ]);
    expect(newParent.entries.map((e) => [e.type, e.payload])).toEqual([
      ['hierarchy.subordinates_changed', { added: ['district-b0-c2'], removed: [] }],
    ]);
    expect((await f.engine.ancestors('district-b0-c2')).map((u) => u.id)).toEqual([
      'district-b1',
      'district',
    ]);
    expect((await f.engine.children('district-b0', principals.admin)).map((u) => u.id)).toEqual([
      'district-b0-c0',
      'district-b0-c1',
    ]);
    const totals = async (id: string) => (await f.engine.progress(id, principals.admin)).map((r) => r.total);
    expect(await totals('district-b0')).toEqual([2]);
    expect(await totals('district-b1')).toEqual([4]);
    expect(await f.engine.rebuildRollups()).toEqual({ units: 9, matches: true });
    const orgLog = await f.redis.xrange(`${f.prefix}:org:log`, '-', '+');
    type OrgRecord = { type: string; unitId: string; changes: unknown; prevHash: string; hash: string };
    const records = orgLog.map(([, fields]) => JSON.parse(fields[3]!) as OrgRecord);
    records.reduce((prevHash, { hash, ...rest }) => {
      expect(rest.prevHash).toBe(prevHash);
      expect(hash).toBe(
        createHash('sha256')
          .update(`${prevHash}${canonicalize(rest)}`)
          .digest('hex'),
      );
      return hash;
    }, '');
    const updates = records.filter((r) => r.type === 'org.unit_updated');
    expect(updates.map((r) => [r.unitId, r.changes])).toEqual([
      ['district-b1', { name: { from: 'Unit district-b1', to: 'Phường Mới' } }],
      ['district-b0-c2', { parentId: { from: 'district-b0', to: 'district-b1' } }],
    ]);
  });

  it('when a new cell is added under an existing base, then it is created and the base hears of it', async () => {
    await f.engine.importTree(csv(tree), principals.admin);

    const report = await f.engine.importTree(
      csv([...tree, buildUnit({ id: 'district-b0-c9', parentId: 'district-b0' })]),
      principals.admin,
    );

    expect(report).toEqual({ created: 1, updated: 0, unchanged: 9 });
    const base = await f.engine.getUnit('district-b0', principals.admin);
    expect((base.snapshot.context as { subordinateIds: string[] }).subordinateIds).toContain(
      'district-b0-c9',
    );
    expect(await f.engine.rebuildRollups()).toEqual({ units: 10, matches: true });
  });
});
