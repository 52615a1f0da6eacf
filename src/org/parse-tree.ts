import type { z } from 'zod';
import { allRuleSets } from '../../machines/rules/index.js';
import type { RuleSet } from '../../machines/rules/rule-set.js';
import type { ImportRowError, OrgUnit } from '../domain/index.js';
import { displayField, readCsv, readJson, type ImportFormat, type RawRow } from './import-rows.js';
import { orgUnitSchema, toOrgUnit } from './org-unit.schema.js';
import { checkStatuses } from './status-checks.js';
import {
  checkCycles,
  checkDuplicates,
  checkParents,
  checkRoots,
  checkTerms,
  topologicalOrder,
  type LinedUnit,
} from './tree-checks.js';

/**
 * Result of parsing an organisation tree: the units parents-first with the line of each id (for errors
 * only the store can reveal), or every error found.
 */
export type ParseTreeResult =
  { ok: true; units: OrgUnit[]; lines: Map<string, number> } | { ok: false; errors: ImportRowError[] };

export interface ParseTreeOptions {
  /** Terms a unit may name; the built-in rule sets unless a deployment adds its own. */
  ruleSets?: Record<string, RuleSet>;
}

function issueErrors(format: ImportFormat, row: RawRow, issues: z.core.$ZodIssue[]): ImportRowError[] {
  const { line, fields } = row;
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ line, field: key, reason: 'unknown field' }));
    }
    const key = String(issue.path[0] ?? '(row)');
    const missing = fields[key] === undefined || fields[key] === '';
    return [{ line, field: displayField(format, key), reason: missing ? 'is required' : issue.message }];
  });
}

function validateRows(format: ImportFormat, rows: RawRow[], errors: ImportRowError[]): LinedUnit[] {
  const units: LinedUnit[] = [];
  for (const row of rows) {
    const parsed = orgUnitSchema.safeParse(row.fields);
    if (parsed.success) units.push({ line: row.line, unit: toOrgUnit(parsed.data) });
    else errors.push(...issueErrors(format, row, parsed.error.issues));
  }
  return units;
}

/** Ids present in the input even on rows that failed validation, so their children are not called orphans. */
function idsSeen(rows: RawRow[]): Set<string> {
  return new Set(rows.map((r) => r.fields.id).filter((id): id is string => typeof id === 'string'));
}

/**
 * Parses and validates an organisation tree from CSV (header `id,name,level,block,parent,working_group,
 * member_count,term`, optionally `status,merged_into`; lines count from the header as line 1) or JSON (an array of objects with the same
 * fields, camelCase `parentId`/`workingGroup`/`memberCount` also accepted; a row's line is its 1-based index
 * in the array, 0 means the whole document). Collects every error — fields, duplicate ids (on both lines),
 * unknown parents, cycles, level order, unknown terms, misplaced roots, merge targets and active units left
 * under a dissolved or merged parent — and writes nothing.
 */
export function parseOrgTree(
  input: { format: ImportFormat; content: string },
  options: ParseTreeOptions = {},
): ParseTreeResult {
  const ruleSets = options.ruleSets ?? allRuleSets();
  const read = input.format === 'csv' ? readCsv(input.content) : readJson(input.content);
  const errors = [...read.errors];
  const report = (line: number, field: string, reason: string): void => {
    errors.push({ line, field: displayField(input.format, field), reason });
  };
  const units = validateRows(input.format, read.rows, errors);
  const byId = checkDuplicates(units, report);
  checkTerms(byId.values(), ruleSets, report);
  const onCycle = checkCycles(byId, report);
  checkParents(byId, idsSeen(read.rows), onCycle, ruleSets, report);
  checkRoots(byId, report);
  checkStatuses(byId, report);
  if (read.rows.length === 0 && errors.length === 0) report(0, '(document)', 'no units to import');
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  const lines = new Map([...byId].map(([id, entry]) => [id, entry.line]));
  return { ok: true, units: topologicalOrder(units.map((u) => u.unit)), lines };
}
