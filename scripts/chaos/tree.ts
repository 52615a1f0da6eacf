import type { OrgUnit } from '../../src/domain/index.js';

/**
 * A district of `bases` base organisations with `cellsPerBase` cells each, in the 2020–2025 term, whose
 * dates lie in the past: every unit's deadlines are already due, so their overdue alerts and
 * escalations fire as soon as workers see them.
 */
export function district(id: string, bases: number, cellsPerBase: number): OrgUnit[] {
  const unit = (u: Partial<OrgUnit> & Pick<OrgUnit, 'id' | 'level'>): OrgUnit => ({
    name: `Đơn vị ${u.id}`,
    block: 'ward',
    parentId: null,
    workingGroup: null,
    memberCount: 10,
    term: '2020-2025',
    ...u,
  });
  const units = [unit({ id, level: 'district', block: 'district' })];
  for (let b = 0; b < bases; b++) {
    const base = `${id}-b${b}`;
    units.push(unit({ id: base, level: 'base', parentId: id, workingGroup: `${id}-wg${b}` }));
    for (let c = 0; c < cellsPerBase; c++)
      units.push(unit({ id: `${base}-c${c}`, level: 'cell', parentId: base }));
  }
  return units;
}
