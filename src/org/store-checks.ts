/**
 * Status checks that need the stored tree: only an existing active unit can be dissolved or merged,
 * a closed unit stays closed (no revival, no edits), a merge target outside the file must exist and
 * be active at the same level, and a unit being closed may not leave an active child behind.
 */
import type { ImportRowError, OrgUnit } from '../domain/index.js';
import { displayField, type ImportFormat } from './import-rows.js';
import { reportTargetProblem, statusOf } from './status-checks.js';

/** What the checks need to know about the store. */
export interface StoredTree {
  /** Stored units by id: every id of the file and every merge target. */
  units: ReadonlyMap<string, OrgUnit>;
  /** Stored direct subordinates of each unit the file closes. */
  children: ReadonlyMap<string, readonly OrgUnit[]>;
}

type Report = (line: number, field: string, reason: string) => void;

const FIELDS = ['name', 'level', 'block', 'parentId', 'workingGroup', 'memberCount', 'term'] as const;

/** True when the file turns a stored active unit into a dissolved or merged one. */
export function isClosing(unit: OrgUnit, stored: OrgUnit | undefined): boolean {
  return stored !== undefined && stored.status === undefined && unit.status !== undefined;
}

function checkClosedRecord(line: number, unit: OrgUnit, stored: OrgUnit, report: Report): void {
  if (unit.status === undefined) {
    report(
      line,
      'status',
      `${unit.id} was ${statusOf(stored)}: it cannot be revived; import a new unit instead`,
    );
    return;
  }
  const changed = [...FIELDS, 'status', 'mergedInto'].find(
    (field) => unit[field as keyof OrgUnit] !== stored[field as keyof OrgUnit],
  );
  if (changed !== undefined) {
    report(
      line,
      changed,
      `${unit.id} was ${statusOf(stored)}: its record is closed; repeat it unchanged or leave it out`,
    );
  }
}

function checkClosing(
  line: number,
  unit: OrgUnit,
  stored: OrgUnit,
  known: (id: string) => boolean,
  report: Report,
): void {
  const changed = FIELDS.find((field) => unit[field] !== stored[field]);
  if (changed !== undefined) {
    report(
      line,
      changed,
      `a unit being ${statusOf(unit)} keeps its other fields; change them in another import`,
    );
  }
  if (unit.mergedInto !== undefined && !known(unit.mergedInto)) {
    report(line, 'mergedInto', `unknown unit ${unit.mergedInto}`);
  }
}

function checkLeftBehind(
  line: number,
  unit: OrgUnit,
  inFile: ReadonlySet<string>,
  tree: StoredTree,
  report: Report,
) {
  for (const child of tree.children.get(unit.id) ?? []) {
    // Children in the file are judged by their own rows (moved away, closed too, or an error there).
    if (inFile.has(child.id) || child.status !== undefined) continue;
    report(
      line,
      'status',
      `active child ${child.id} would be left under ${statusOf(unit)} ${unit.id}: move or dissolve it in the same file`,
    );
  }
}

function checkMergeTarget(
  line: number,
  unit: OrgUnit,
  file: ReadonlyMap<string, OrgUnit>,
  tree: StoredTree,
  report: Report,
) {
  if (unit.mergedInto === undefined || file.has(unit.mergedInto)) return;
  const target = tree.units.get(unit.mergedInto);
  if (target) reportTargetProblem(line, unit, target, report);
}

/** Every error only the stored tree reveals, with the line and field a user sees in their file. */
export function checkAgainstStore(
  units: readonly OrgUnit[],
  lines: ReadonlyMap<string, number>,
  format: ImportFormat,
  tree: StoredTree,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  const report: Report = (line, field, reason) =>
    errors.push({ line, field: displayField(format, field), reason });
  const file = new Map(units.map((u) => [u.id, u]));
  const inFile = new Set(file.keys());
  for (const unit of units) {
    const line = lines.get(unit.id) ?? 0;
    const stored = tree.units.get(unit.id);
    if (stored?.status !== undefined) checkClosedRecord(line, unit, stored, report);
    else if (stored === undefined && unit.status !== undefined)
      report(line, 'status', `${unit.id} does not exist yet: only an existing unit can be ${unit.status}`);
    else if (stored && isClosing(unit, stored)) {
      checkClosing(line, unit, stored, (id) => file.has(id) || tree.units.has(id), report);
      checkMergeTarget(line, unit, file, tree, report);
      checkLeftBehind(line, unit, inFile, tree, report);
    }
  }
  return errors.sort((a, b) => a.line - b.line);
}
