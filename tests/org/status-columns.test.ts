import { describe, expect, it } from 'vitest';
import { parseOrgTree } from '../../src/org/parse-tree.js';
import { VALID_ROWS, toCsv, toJson, type RowSpec } from './org-tree.builders.js';

function errorsOf(result: ReturnType<typeof parseOrgTree>) {
  if (result.ok) throw new Error('expected the tree to be rejected');
  return result.errors;
}

function unitsOf(result: ReturnType<typeof parseOrgTree>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.units;
}

/** VALID_ROWS with patches applied by id (CSV line of row i is i + 2). */
function rowsWith(patches: Record<string, Partial<RowSpec>>): RowSpec[] {
  return VALID_ROWS.map((row) => ({ ...row, ...patches[row.id] }));
}

const lineOf = (id: string) => VALID_ROWS.findIndex((r) => r.id === id) + 2;

describe('parseOrgTree: status and merged_into columns', () => {
  it('when the CSV has the optional columns, then closed rows carry them and empty cells mean active', () => {
    const rows = rowsWith({
      'c-1': { status: 'dissolved' },
      'c-2': { status: 'merged', mergedInto: 'c-1b' },
    });
    rows.push({ id: 'c-1b', level: 'cell', parent: 'b-ward', status: 'active' });
    const units = unitsOf(parseOrgTree({ format: 'csv', content: toCsv(rows, true) }));

    expect(units.find((u) => u.id === 'c-1')).toMatchObject({ status: 'dissolved' });
    expect(units.find((u) => u.id === 'c-1')).not.toHaveProperty('mergedInto');
    expect(units.find((u) => u.id === 'c-2')).toMatchObject({ status: 'merged', mergedInto: 'c-1b' });
    expect(units.find((u) => u.id === 'c-1b')).not.toHaveProperty('status');
    expect(units.find((u) => u.id === 'hn')).not.toHaveProperty('status');
  });

  it('when the same statuses come as CSV, camelCase JSON and snake_case JSON, then the units are equal', () => {
    const rows = [...rowsWith({ 'c-2': { status: 'merged', mergedInto: 'c-1' } })];
    const csv = unitsOf(parseOrgTree({ format: 'csv', content: toCsv(rows, true) }));
    expect(unitsOf(parseOrgTree({ format: 'json', content: toJson(rows) }))).toEqual(csv);
    expect(unitsOf(parseOrgTree({ format: 'json', content: toJson(rows, true) }))).toEqual(csv);
  });

  it('when a CSV has the new columns but every status is empty, then it parses like the old header', () => {
    const withColumns = unitsOf(parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS, true) }));
    expect(withColumns).toEqual(unitsOf(parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS) })));
  });

  it('when a JSON row has status null and mergedInto null, then it is read as active', () => {
    const rows = JSON.parse(toJson(VALID_ROWS)) as Record<string, unknown>[];
    const content = JSON.stringify(rows.map((row) => ({ ...row, status: null, mergedInto: null })));
    const units = unitsOf(parseOrgTree({ format: 'json', content }));
    expect(units).toEqual(unitsOf(parseOrgTree({ format: 'json', content: toJson(VALID_ROWS) })));
    expect(units.every((u) => !('status' in u) && !('mergedInto' in u))).toBe(true);
  });

  const bad: [string, Record<string, Partial<RowSpec>>, string, string, RegExp][] = [
    [
      'an unknown status',
      { 'c-1': { status: 'closed' } },
      'c-1',
      'status',
      /must be one of active, dissolved, merged/,
    ],
    [
      'merged without merged_into',
      { 'c-1': { status: 'merged' } },
      'c-1',
      'merged_into',
      /is required when status is merged/,
    ],
    [
      'merged_into on an active row',
      { 'c-1': { mergedInto: 'c-2' } },
      'c-1',
      'merged_into',
      /only a merged unit/,
    ],
    [
      'merged_into on a dissolved row',
      { 'c-1': { status: 'dissolved', mergedInto: 'c-2' } },
      'c-1',
      'merged_into',
      /status is dissolved/,
    ],
    [
      'a merge into itself',
      { 'c-1': { status: 'merged', mergedInto: 'c-1' } },
      'c-1',
      'merged_into',
      /cannot be merged into itself/,
    ],
    [
      'a merge into another level',
      { 'c-1': { status: 'merged', mergedInto: 'b-ward' } },
      'c-1',
      'merged_into',
      /b-ward is a base: a cell can only be merged into a unit of the same level/,
    ],
    [
      'a merge into a dissolved unit',
      { 'c-1': { status: 'merged', mergedInto: 'c-2' }, 'c-2': { status: 'dissolved' } },
      'c-1',
      'merged_into',
      /c-2 is dissolved/,
    ],
    [
      'a dissolved base with an active cell',
      { 'b-ward': { status: 'dissolved' }, 'c-2': { status: 'dissolved' } },
      'c-1',
      'parent',
      /c-1 is still active under b-ward, which is dissolved/,
    ],
  ];

  it.each(bad)(
    'when a row has %s, then that row is reported with its column',
    (_, patches, id, field, reason) => {
      const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rowsWith(patches), true) }));
      expect(errors).toEqual([{ line: lineOf(id), field, reason: expect.stringMatching(reason) as string }]);
    },
  );

  it('when a JSON row has a bad merge target, then the error names the JSON field', () => {
    const rows = rowsWith({ 'c-1': { status: 'merged', mergedInto: 'dd' } });
    const errors = errorsOf(parseOrgTree({ format: 'json', content: toJson(rows) }));
    expect(errors).toEqual([
      { line: 1, field: 'mergedInto', reason: expect.stringMatching(/dd is a district/) as string },
    ]);
  });

  it('when a dissolved row keeps the old term under a parent of the new term, then it is accepted as history', () => {
    const rows = VALID_ROWS.map((row) =>
      row.id === 'c-1' ? { ...row, status: 'dissolved' } : { ...row, term: '2025-2030' },
    );
    const units = unitsOf(parseOrgTree({ format: 'csv', content: toCsv(rows, true) }));
    expect(units.find((u) => u.id === 'c-1')).toMatchObject({ status: 'dissolved', term: '2020-2025' });
  });

  it('when an active row keeps the old term under a parent of the new term, then it is still refused', () => {
    const rows = VALID_ROWS.map((row) => (row.id === 'c-1' ? row : { ...row, term: '2025-2030' }));
    const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows, true) }));
    expect(errors).toEqual([
      { line: lineOf('c-1'), field: 'term', reason: expect.stringMatching(/differs from parent/) as string },
    ]);
  });
});
