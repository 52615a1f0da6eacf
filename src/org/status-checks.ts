/**
 * Checks of the `status` and `merged_into` columns that the file alone can decide: a merge names
 * an active unit of the same level, and no active unit is left under a dissolved or merged parent.
 */
import type { OrgUnit } from '../domain/index.js';
import type { LinedUnit } from './tree-checks.js';

type Report = (line: number, field: string, reason: string) => void;

/** `active`, `dissolved` or `merged`: a unit without a status is active. */
export function statusOf(unit: Pick<OrgUnit, 'status'>): 'active' | 'dissolved' | 'merged' {
  return unit.status ?? 'active';
}

function checkMergeTarget(entry: LinedUnit, byId: Map<string, LinedUnit>, report: Report): void {
  const { line, unit } = entry;
  if (unit.mergedInto === undefined) {
    if (unit.status === 'merged') report(line, 'mergedInto', 'is required when status is merged');
    return;
  }
  if (unit.status !== 'merged') {
    report(
      line,
      'mergedInto',
      `only a merged unit names the unit that absorbs it (status is ${statusOf(unit)})`,
    );
    return;
  }
  if (unit.mergedInto === unit.id) {
    report(line, 'mergedInto', `${unit.id} cannot be merged into itself`);
    return;
  }
  const target = byId.get(unit.mergedInto)?.unit;
  if (target) reportTargetProblem(line, unit, target, report);
}

/** A merge target must be active and at the merged unit's level; shared with the store check. */
export function reportTargetProblem(line: number, unit: OrgUnit, target: OrgUnit, report: Report): void {
  if (target.status !== undefined) {
    report(
      line,
      'mergedInto',
      `${target.id} is ${target.status}: a unit can only be merged into an active unit`,
    );
  } else if (target.level !== unit.level) {
    report(
      line,
      'mergedInto',
      `${target.id} is a ${target.level}: a ${unit.level} can only be merged into a unit of the same level`,
    );
  }
}

/** An active unit under a dissolved or merged parent would be orphaned: it must move in the same file. */
function checkOrphan(entry: LinedUnit, byId: Map<string, LinedUnit>, report: Report): void {
  const { line, unit } = entry;
  const parent = unit.parentId === null ? undefined : byId.get(unit.parentId)?.unit;
  if (unit.status !== undefined || parent?.status === undefined) return;
  report(
    line,
    'parent',
    `${unit.id} is still active under ${parent.id}, which is ${parent.status}: move ${unit.id} to an active unit or close it in the same file`,
  );
}

/** Reports every status problem the file alone shows. */
export function checkStatuses(byId: Map<string, LinedUnit>, report: Report): void {
  for (const entry of byId.values()) {
    checkMergeTarget(entry, byId, report);
    checkOrphan(entry, byId, report);
  }
}
