import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../src/domain/index.js';
import { ValidationError } from '../../src/shared/errors.js';
import { buildDistrict, buildUnit, principals } from '../support/builders.js';
import { namespaceContent, patch, toStatusCsv } from '../org/org-closing.builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const tree = buildDistrict({ bases: 2, cellsPerBase: 3 });
/** CSV line of a unit of `units` (the header is line 1). */
const lineIn = (units: readonly OrgUnit[], id: string) => units.findIndex((u) => u.id === id) + 2;
/** The tree without district-b1 and its cells: they stay in the store, absent from the file. */
const withoutB1 = tree.filter((u) => u.id !== 'district-b1' && u.parentId !== 'district-b1');
const withoutB0Cells = tree.filter((u) => u.parentId !== 'district-b0');
const merge = (into: string) => ({ status: 'merged' as const, mergedInto: into });

type Case = [string, OrgUnit[], { line: number; field: string; reason: RegExp }[]];

const cases: Case[] = [
  [
    'merged_into names a unit neither in the file nor stored',
    patch(tree, 'district-b0-c0', merge('nowhere')),
    [{ line: lineIn(tree, 'district-b0-c0'), field: 'merged_into', reason: /unknown unit nowhere/ }],
  ],
  [
    'merged_into names a stored unit of another level outside the file',
    patch(withoutB1, 'district-b0-c0', merge('district-b1')),
    [{ line: lineIn(withoutB1, 'district-b0-c0'), field: 'merged_into', reason: /district-b1 is a base/ }],
  ],
  [
    'a unit is merged into itself',
    patch(tree, 'district-b0-c0', merge('district-b0-c0')),
    [{ line: lineIn(tree, 'district-b0-c0'), field: 'merged_into', reason: /into itself/ }],
  ],
  [
    'a merged row has no merged_into',
    patch(tree, 'district-b0-c0', { status: 'merged' }),
    [{ line: lineIn(tree, 'district-b0-c0'), field: 'merged_into', reason: /is required/ }],
  ],
  [
    'a base is dissolved while its cells in the file stay active',
    patch(tree, 'district-b0', { status: 'dissolved' }),
    ['district-b0-c0', 'district-b0-c1', 'district-b0-c2'].map((id) => ({
      line: lineIn(tree, id),
      field: 'parent',
      reason: new RegExp(`${id} is still active under district-b0`),
    })),
  ],
  [
    'a base is dissolved while its stored cells are left out of the file',
    patch(withoutB0Cells, 'district-b0', { status: 'dissolved' }),
    ['district-b0-c0', 'district-b0-c1', 'district-b0-c2'].map((id) => ({
      line: lineIn(withoutB0Cells, 'district-b0'),
      field: 'status',
      reason: new RegExp(`active child ${id} would be left under dissolved district-b0`),
    })),
  ],
  [
    'a new unit arrives already dissolved',
    [...tree, buildUnit({ id: 'fresh', parentId: 'district-b0', status: 'dissolved' })],
    [{ line: tree.length + 2, field: 'status', reason: /fresh does not exist yet/ }],
  ],
  [
    'a unit is dissolved and renamed in the same file',
    patch(tree, 'district-b0-c0', { status: 'dissolved', name: 'Renamed' }),
    [{ line: lineIn(tree, 'district-b0-c0'), field: 'name', reason: /keeps its other fields/ }],
  ],
];

describe('importTree: refused dissolutions and merges', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('import-closing-errors');
    await f.importUnits(tree);
  });
  afterEach(async () => f.cleanup());

  const expectRefused = async (units: OrgUnit[], expected: Case[2]) => {
    const before = await namespaceContent(f.redis, f.prefix);
    const error = await f.engine.importTree(toStatusCsv(units), principals.admin).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expected.map(({ line, field, reason }) => ({
        path: `line ${line}: ${field}`,
        message: expect.stringMatching(reason) as string,
      })),
    );
    expect(await namespaceContent(f.redis, f.prefix)).toEqual(before);
  };

  it.each(cases)('when %s, then one error per bad row and nothing is written', async (_, units, expected) => {
    await expectRefused(units, expected);
  });

  describe('after a cell was dissolved', () => {
    const dissolved = patch(tree, 'district-b0-c1', { status: 'dissolved' });
    beforeEach(async () => {
      await f.engine.importTree(toStatusCsv(dissolved), principals.admin);
    });

    it('when a file revives it, then one error names it and nothing is written', async () => {
      await expectRefused(tree, [
        {
          line: lineIn(tree, 'district-b0-c1'),
          field: 'status',
          reason: /was dissolved: it cannot be revived/,
        },
      ]);
    });

    it('when a file changes its closed record, then one error names the field and nothing is written', async () => {
      const renamed = patch(dissolved, 'district-b0-c1', { memberCount: 99 });
      await expectRefused(renamed, [
        { line: lineIn(tree, 'district-b0-c1'), field: 'member_count', reason: /its record is closed/ },
      ]);
    });

    it('when another unit is merged into it, then the merge target is refused and nothing is written', async () => {
      const units = patch(
        tree.filter((u) => u.id !== 'district-b0-c1'),
        'district-b0-c0',
        merge('district-b0-c1'),
      );
      await expectRefused(units, [
        {
          line: lineIn(units, 'district-b0-c0'),
          field: 'merged_into',
          reason: /district-b0-c1 is dissolved/,
        },
      ]);
    });
  });
});
