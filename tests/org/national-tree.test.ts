import { describe, expect, it } from 'vitest';
import { generateNationalTree, nationalTreeCounts } from '../../src/org/national-tree.js';
import { parseOrgTree } from '../../src/org/parse-tree.js';

const small = { provinces: 3, upperPerProvince: 4, basePerUpper: 5, cellsPerBase: 2 };

describe('generateNationalTree', () => {
  it.each([
    [small, { province: 3, district: 12, base: 60, cell: 120, total: 195 }],
    [
      { provinces: 2, upperPerProvince: 1, basePerUpper: 3, cellsPerBase: 0 },
      { province: 2, district: 2, base: 6, cell: 0, total: 10 },
    ],
  ])('when generated with %j, then each level has the expected count', (options, expected) => {
    const units = [...generateNationalTree(options)];
    expect(nationalTreeCounts(options)).toEqual(expected);
    for (const level of ['province', 'district', 'base', 'cell'] as const) {
      expect(units.filter((u) => u.level === level)).toHaveLength(expected[level]);
    }
    expect(units).toHaveLength(expected.total);
  });

  it('when streamed, then every parent comes before its children', () => {
    const seen = new Set<string>();
    for (const unit of generateNationalTree(small)) {
      if (unit.parentId !== null) expect(seen.has(unit.parentId)).toBe(true);
      seen.add(unit.id);
    }
    expect(seen.size).toBe(195);
  });

  it('when generated, then it is a valid 2025 tree by default and deterministic for a seed', () => {
    const units = [...generateNationalTree(small)];
    expect(units.every((u) => u.term === '2025-2030')).toBe(true);
    expect(parseOrgTree({ format: 'json', content: JSON.stringify(units) }).ok).toBe(true);
    expect([...generateNationalTree(small)]).toEqual(units);
    expect([...generateNationalTree({ ...small, seed: 7 })]).not.toEqual(units);
  });

  it('when a count is negative or fractional, then it throws', () => {
    expect(() => [...generateNationalTree({ ...small, provinces: -1 })]).toThrow(
      /provinces must be an integer ≥ 0/,
    );
    expect(() => [...generateNationalTree({ ...small, cellsPerBase: 1.5 })]).toThrow(
      /cellsPerBase must be an integer/,
    );
  });
});
