import { describe, expect, it } from 'vitest';
import { parseOrgTree } from '../../src/org/parse-tree.js';
import { CSV_HEADER, VALID_ROWS, toCsv, toJson, withRow } from './org-tree.builders.js';

function errorsOf(result: ReturnType<typeof parseOrgTree>) {
  if (result.ok) throw new Error('expected the tree to be rejected');
  return result.errors;
}

describe('parseOrgTree: valid trees', () => {
  it('when a good CSV and the equivalent JSON are parsed, then they give the same units', () => {
    const csv = parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS) });
    const json = parseOrgTree({ format: 'json', content: toJson(VALID_ROWS) });
    const snakeJson = parseOrgTree({ format: 'json', content: toJson(VALID_ROWS, true) });
    if (!csv.ok || !json.ok || !snakeJson.ok) throw new Error('expected all three to parse');
    expect(json.units).toEqual(csv.units);
    expect(snakeJson.units).toEqual(csv.units);
  });

  it('when parsed, then each unit carries typed fields, with empty references as null', () => {
    const result = parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.units.find((u) => u.id === 'hn')).toEqual({
      id: 'hn',
      name: 'Unit hn',
      level: 'province',
      block: 'city',
      parentId: null,
      workingGroup: null,
      memberCount: 450000,
      term: '2020-2025',
    });
    expect(result.units.find((u) => u.id === 'b-ward')).toMatchObject({
      parentId: 'dd',
      workingGroup: 'wg-1',
      memberCount: 120,
    });
  });

  it('when children are listed before their parents, then the output puts parents first', () => {
    const result = parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.units.map((u) => u.id)).toEqual(['hn', 'dd', 'b-ward', 'b-school', 'c-1', 'c-2']);
  });

  it('when a 2025 base unit sits directly under a province, then it is accepted', () => {
    const rows = [
      { id: 'hn', level: 'province', block: 'city', memberCount: 1, term: '2025-2030' },
      { id: 'b', level: 'base', block: 'enterprises', parent: 'hn', term: '2025-2030' },
    ];
    expect(parseOrgTree({ format: 'csv', content: toCsv(rows) }).ok).toBe(true);
  });

  it('when a name holds a quoted comma and a line break, then it is read whole and later lines keep their numbers', () => {
    const content = `${CSV_HEADER}\nhn,"Hà Nội, city\nof",province,city,,,1,2020-2025\ndd,Đống Đa,district,urban_district,hn,,1,2020-2025\nx,X,base,ward,nowhere,,1,2020-2025\n`;
    expect(errorsOf(parseOrgTree({ format: 'csv', content }))).toEqual([
      { line: 5, field: 'parent', reason: 'unknown parent nowhere' },
    ]);
  });
});

describe('parseOrgTree: each bad input kind names line, field and reason', () => {
  it('when two units form a cycle, then both lines name the ids in the cycle', () => {
    const rows = [
      ...VALID_ROWS,
      { id: 'x', level: 'base', parent: 'y' },
      { id: 'y', level: 'base', parent: 'x' },
    ];
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      { line: 8, field: 'parent', reason: 'cycle: x → y → x' },
      { line: 9, field: 'parent', reason: 'cycle: x → y → x' },
    ]);
  });

  it('when a unit is its own parent, then the cycle names it', () => {
    const rows = withRow('c-2', { parent: 'c-2' });
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      { line: 7, field: 'parent', reason: 'cycle: c-2 → c-2' },
    ]);
  });

  it('when the parent does not exist, then the row says which parent', () => {
    const rows = withRow('c-1', { parent: 'b-gone' });
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      { line: 2, field: 'parent', reason: 'unknown parent b-gone' },
    ]);
  });

  it('when an id repeats, then both lines are reported', () => {
    const rows = [...VALID_ROWS, { id: 'c-1', level: 'cell', parent: 'b-school' }];
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      { line: 2, field: 'id', reason: 'duplicate id c-1 (also on line 8)' },
      { line: 8, field: 'id', reason: 'duplicate id c-1 (also on line 2)' },
    ]);
  });

  it.each([
    ['a base under a cell', 'b-school', { parent: 'c-1' }, 6, 'a base cannot sit under c-1, a cell'],
    [
      'a district under a district',
      'b-school',
      { level: 'district', parent: 'dd' },
      6,
      'a district cannot sit under dd, a district',
    ],
  ])('when the tree has %s, then the level order error names both', (_name, id, patch, line, reason) => {
    const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(withRow(id, patch)) }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line, field: 'level' });
    expect(errors[0]!.reason).toContain(reason);
  });

  it('when a second root sits below the top level, then it is told to take a parent', () => {
    const rows = withRow('b-school', { parent: undefined });
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      {
        line: 6,
        field: 'parent',
        reason: 'a base needs a parent: only the top level present (province) may be a root',
      },
    ]);
  });

  it('when the CSV is malformed, then the broken record is reported with its line and the rest still validated', () => {
    const content = `${CSV_HEADER}\nhn,Hà Nội,province,city,,,1,2020-2025\ndd,Đống Đa,district,urban_district,hn,,1,2020-2025,extra\nb,B "x",base,ward,hn,,1,2020-2025\nc,C,cell,ward,gone,,1,2020-2025\n`;
    const errors = errorsOf(parseOrgTree({ format: 'csv', content }));
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, '(row)'],
      [4, '(row)'],
      [5, 'parent'],
    ]);
    expect(errors[0]!.reason).toMatch(/^malformed CSV: Invalid Record Length/);
    expect(errors[1]!.reason).toMatch(/^malformed CSV: Invalid Opening Quote/);
  });

  it('when the header lacks a column or has an unknown one, then line 1 names it', () => {
    const content =
      'id,name,level,block,parent,working_group,members,term\nhn,H,province,city,,,1,2020-2025\n';
    const errors = errorsOf(parseOrgTree({ format: 'csv', content }));
    expect(errors).toContainEqual({ line: 1, field: 'member_count', reason: 'missing column in the header' });
    expect(errors.find((e) => e.field === 'members')).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/^unknown column/),
    });
  });

  it.each([
    ['-3', 'must not be negative'],
    ['abc', 'must be a whole number'],
    ['1.5', 'must be a whole number'],
    ['', 'is required'],
  ])('when the member count is "%s", then member_count is rejected: %s', (memberCount, reason) => {
    const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(withRow('c-2', { memberCount })) }));
    expect(errors).toEqual([{ line: 7, field: 'member_count', reason }]);
  });

  it('when the term is unknown, then the row lists the known terms', () => {
    const rows = VALID_ROWS.map((r) => ({ ...r, term: r.id === 'hn' ? '2019' : '2020-2025' }));
    expect(errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rows) }))).toEqual([
      { line: 5, field: 'term', reason: 'unknown term 2019; known terms: 2020-2025, 2025-2030' },
    ]);
  });

  it('when a child names another term than its parent, then the term mismatch is reported', () => {
    const errors = errorsOf(
      parseOrgTree({ format: 'csv', content: toCsv(withRow('c-2', { term: '2025-2030' })) }),
    );
    expect(errors).toEqual([
      { line: 7, field: 'term', reason: "term 2025-2030 differs from parent b-ward's term 2020-2025" },
    ]);
  });

  it.each([
    ['an id with a brace', { id: 'c{2}' }, 'id', /must be 1–64 characters/],
    ['an id with a colon', { id: 'cg:c2' }, 'id', /must be 1–64 characters/],
    [
      'an unknown level',
      { level: 'village' },
      'level',
      /must be one of central, province, district, base, cell/,
    ],
    ['a block with capitals', { block: 'Ward' }, 'block', /snake_case/],
    ['an invalid working group', { workingGroup: 'wg 1' }, 'working_group', /must be 1–64 characters/],
  ])('when a row has %s, then that field is rejected', (_name, patch, field, reason) => {
    const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(withRow('c-2', patch)) }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 7, field, reason: expect.stringMatching(reason) });
  });

  it('when several rows are bad, then every error is collected, not just the first', () => {
    const rows = VALID_ROWS.map((r) => (r.level === 'cell' ? { ...r, memberCount: -1 } : r));
    const rowsWithOrphan = [...rows, { id: 'z', level: 'cell', parent: 'nobody' }];
    const errors = errorsOf(parseOrgTree({ format: 'csv', content: toCsv(rowsWithOrphan) }));
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '2:member_count',
      '7:member_count',
      '8:parent',
    ]);
  });

  it('when a parent row is itself invalid, then its children are not also called orphans', () => {
    const errors = errorsOf(
      parseOrgTree({ format: 'csv', content: toCsv(withRow('b-ward', { memberCount: 'lots' })) }),
    );
    expect(errors).toEqual([{ line: 3, field: 'member_count', reason: 'must be a whole number' }]);
  });
});

describe('parseOrgTree: JSON specifics', () => {
  it('when a JSON row is bad, then its line is its 1-based index and fields use camelCase', () => {
    const errors = errorsOf(
      parseOrgTree({ format: 'json', content: toJson(withRow('c-2', { memberCount: -1 })) }),
    );
    expect(errors).toEqual([{ line: 6, field: 'memberCount', reason: 'must not be negative' }]);
  });

  it.each([
    ['not JSON', '{', /^malformed JSON/],
    ['an object instead of an array', '{"id":"x"}', /^expected a JSON array of units$/],
  ])('when the document is %s, then line 0 says so', (_name, content, reason) => {
    const errors = errorsOf(parseOrgTree({ format: 'json', content }));
    expect(errors).toEqual([{ line: 0, field: '(document)', reason: expect.stringMatching(reason) }]);
  });

  it('when a JSON row has an unknown field or is not an object, then each is reported', () => {
    const rows = JSON.parse(toJson(VALID_ROWS)) as Record<string, unknown>[];
    rows[0]!.colour = 'red';
    const content = JSON.stringify([...rows, 42]);
    expect(errorsOf(parseOrgTree({ format: 'json', content }))).toEqual([
      { line: 1, field: 'colour', reason: 'unknown field' },
      { line: 7, field: '(row)', reason: 'expected an object' },
    ]);
  });

  it('when the input holds no units, then it is rejected', () => {
    expect(errorsOf(parseOrgTree({ format: 'json', content: '[]' }))).toEqual([
      { line: 0, field: '(document)', reason: 'no units to import' },
    ]);
    expect(errorsOf(parseOrgTree({ format: 'csv', content: '' }))[0]).toMatchObject({
      line: 1,
      field: '(header)',
    });
  });
});

describe('parseOrgTree: JSON defaults', () => {
  it('when a JSON root omits parentId and workingGroup, then they are read as null', () => {
    const content = JSON.stringify([
      { id: 'hn', name: 'Hà Nội', level: 'province', block: 'city', memberCount: 1, term: '2025-2030' },
    ]);
    const result = parseOrgTree({ format: 'json', content });
    expect(result).toEqual({
      ok: true,
      units: [expect.objectContaining({ id: 'hn', parentId: null, workingGroup: null })],
      lines: new Map([['hn', 1]]),
    });
  });
});
