/**
 * Data builders for engine tests: units, small trees, import files and principals.
 */
import type { OrgUnit, Principal } from '../../src/domain/index.js';

/** A unit with sensible defaults; override what the test is about. */
export function buildUnit(overrides: Partial<OrgUnit> & { id: string }): OrgUnit {
  return {
    name: `Unit ${overrides.id}`,
    level: 'cell',
    block: 'ward',
    parentId: null,
    workingGroup: null,
    memberCount: 7,
    term: '2020-2025',
    ...overrides,
  };
}

/** A district with `bases` base units of block `ward` (each in working group `wg-<i mod 3>`) and `cellsPerBase` cells each. */
export function buildDistrict(opts: { id?: string; bases: number; cellsPerBase: number }): OrgUnit[] {
  const district = opts.id ?? 'district';
  const units: OrgUnit[] = [
    buildUnit({ id: district, level: 'district', block: 'district', memberCount: 300 }),
  ];
  for (let b = 0; b < opts.bases; b++) {
    const base = `${district}-b${b}`;
    units.push(
      buildUnit({
        id: base,
        level: 'base',
        parentId: district,
        workingGroup: `wg-${b % 3}`,
        memberCount: 80,
      }),
    );
    for (let c = 0; c < opts.cellsPerBase; c++) {
      units.push(
        buildUnit({ id: `${base}-c${c}`, level: 'cell', parentId: base, memberCount: 5 + (c % 10) }),
      );
    }
  }
  return units;
}

const CSV_HEADER = 'id,name,level,block,parent,working_group,member_count,term';

/** The CSV import file of `units`. */
export function toCsv(units: readonly OrgUnit[]): string {
  const rows = units.map((u) =>
    [u.id, u.name, u.level, u.block, u.parentId ?? '', u.workingGroup ?? '', u.memberCount, u.term].join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

/** The JSON import file of `units`. */
export function toJson(units: readonly OrgUnit[]): string {
  return JSON.stringify(units);
}

/** Principals a test acts as. */
export const principals = {
  admin: { id: 'admin-1', role: 'admin' } satisfies Principal,
  system: { id: 'system-1', role: 'system' } satisfies Principal,
  secretaryOf: (unitId: string): Principal => ({ id: `sec-${unitId}`, role: 'secretary', unitId }),
  /** The superior standing committee of every unit strictly below `unitId`. */
  committeeOf: (unitId: string): Principal => ({
    id: `sc-${unitId}`,
    role: 'standing_committee',
    subtreeOf: unitId,
  }),
  workingGroup: (workingGroup: string): Principal => ({
    id: `wg-user-${workingGroup}`,
    role: 'working_group',
    workingGroup,
  }),
  auditorOf: (unitId: string): Principal => ({ id: `aud-${unitId}`, role: 'auditor', subtreeOf: unitId }),
  inspectionOf: (unitId: string): Principal => ({
    id: `insp-${unitId}`,
    role: 'inspection',
    subtreeOf: unitId,
  }),
};
