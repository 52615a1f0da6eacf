import type { Deadline } from '../../../machines/domain.js';
import type { OrgUnit } from '../../../src/domain/index.js';

const DAY = 24 * 3600 * 1000;

/** A deadline due at `dueAt` with reminders 7/3/1 days before and escalations 3/7/15 days after. */
export function buildDeadline(overrides: Partial<Deadline> = {}): Deadline {
  const dueAt = overrides.dueAt ?? '2025-06-30T10:00:00.000Z';
  const due = Date.parse(dueAt);
  const at = (days: number) => new Date(due + days * DAY).toISOString();
  return {
    kind: 'plan.approval',
    step: 'plan.submitted',
    enteredSeq: 3,
    owner: 'unit',
    dueAt,
    reminders: [7, 3, 1].map((n) => ({ workingDaysBefore: n, at: at(-n) })),
    escalations: [
      { workingDaysAfter: 3, at: at(3), recipient: 'working_group' },
      { workingDaysAfter: 7, at: at(7), recipient: 'superior_standing_committee' },
      { workingDaysAfter: 15, at: at(15), recipient: 'level_above' },
    ],
    ...overrides,
  };
}

export function buildOrgUnit(overrides: Partial<OrgUnit> = {}): OrgUnit {
  return {
    id: 'cell-1',
    name: 'Cell 1',
    level: 'cell',
    block: 'ward',
    parentId: 'base-1',
    workingGroup: 'wg-base-1-a',
    memberCount: 12,
    term: '2025-2030',
    ...overrides,
  };
}

/** cell-1 → base-1 → district-1 → province-1, each with a working group of its superior. */
export function buildLineage() {
  const province = buildOrgUnit({ id: 'province-1', level: 'province', parentId: null, workingGroup: null });
  const district = buildOrgUnit({
    id: 'district-1',
    level: 'district',
    parentId: 'province-1',
    workingGroup: 'wg-p-3',
  });
  const base = buildOrgUnit({ id: 'base-1', level: 'base', parentId: 'district-1', workingGroup: 'wg-d-7' });
  const cell = buildOrgUnit();
  return { cell, base, district, province };
}
