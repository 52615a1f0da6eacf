import { describe, expect, it } from 'vitest';
import { DONG_DA_COUNTS, buildDongDaDistrict } from '../../src/org/demo-district.js';
import { parseOrgTree } from '../../src/org/parse-tree.js';

const units = buildDongDaDistrict();
const count = (predicate: (u: (typeof units)[number]) => boolean): number => units.filter(predicate).length;

describe('buildDongDaDistrict', () => {
  it('when built, then it has the counts of the 2020 report: 82 base units (21 wards + 61 others) and 834 cells', () => {
    expect(count((u) => u.level === 'province')).toBe(DONG_DA_COUNTS.provinces);
    expect(count((u) => u.level === 'district')).toBe(DONG_DA_COUNTS.districts);
    expect(count((u) => u.level === 'base')).toBe(82);
    expect(count((u) => u.level === 'base' && u.block === 'ward')).toBe(21);
    expect(count((u) => u.level === 'base' && u.block !== 'ward')).toBe(61);
    expect(count((u) => u.level === 'cell')).toBe(834);
    expect(units).toHaveLength(DONG_DA_COUNTS.total);
  });

  it('when built, then the other base units span the expected blocks', () => {
    const blocks = new Set(units.filter((u) => u.level === 'base' && u.block !== 'ward').map((u) => u.block));
    expect([...blocks].sort()).toEqual(['agencies', 'armed_forces', 'enterprises', 'other', 'schools']);
  });

  it('when built, then 12 working groups are assigned round-robin to the base units', () => {
    const bases = units.filter((u) => u.level === 'base');
    expect(new Set(bases.map((u) => u.workingGroup)).size).toBe(DONG_DA_COUNTS.workingGroups);
    expect(bases.slice(0, 13).map((u) => u.workingGroup)).toEqual([
      'wg-1',
      'wg-2',
      'wg-3',
      'wg-4',
      'wg-5',
      'wg-6',
      'wg-7',
      'wg-8',
      'wg-9',
      'wg-10',
      'wg-11',
      'wg-12',
      'wg-1',
    ]);
  });

  it('when built, then cells have 3–40 members and some have fewer than 9', () => {
    const cells = units.filter((u) => u.level === 'cell');
    expect(Math.min(...cells.map((c) => c.memberCount))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...cells.map((c) => c.memberCount))).toBeLessThanOrEqual(40);
    expect(cells.filter((c) => c.memberCount < 9).length).toBeGreaterThan(0);
  });

  it('when built twice, then the trees are identical', () => {
    expect(buildDongDaDistrict()).toEqual(units);
  });

  it('when serialised as JSON and parsed, then the import accepts it unchanged, parents first', () => {
    const result = parseOrgTree({ format: 'json', content: JSON.stringify(units) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
    expect([...result.units].sort(byId)).toEqual([...units].sort(byId));
    expect(result.units[0]!.id).toBe('hanoi');
  });

  it('when an id prefix is given, then every unit and working-group id carries it and the tree still parses', () => {
    const prefixed = buildDongDaDistrict({ idPrefix: 't1-' });
    expect(prefixed.every((u) => u.id.startsWith('t1-'))).toBe(true);
    expect(prefixed.every((u) => u.parentId === null || u.parentId.startsWith('t1-'))).toBe(true);
    expect(prefixed.every((u) => u.workingGroup === null || u.workingGroup.startsWith('t1-'))).toBe(true);
    expect(parseOrgTree({ format: 'json', content: JSON.stringify(prefixed) }).ok).toBe(true);
  });
});
