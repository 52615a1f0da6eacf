import { LEVELS } from '../../machines/domain.js';
import type { RuleSet } from '../../machines/rules/rule-set.js';
import type { OrgUnit } from '../domain/index.js';

/** A unit that passed field validation, with the line it came from. */
export interface LinedUnit {
  line: number;
  unit: OrgUnit;
}

type Report = (line: number, field: string, reason: string) => void;

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every occurrence of a repeated id is reported, naming the other lines. Returns the first of each id. */
export function checkDuplicates(units: LinedUnit[], report: Report): Map<string, LinedUnit> {
  const byId = new Map<string, LinedUnit[]>();
  for (const entry of units) appendTo(byId, entry.unit.id, entry);
  const first = new Map<string, LinedUnit>();
  for (const [id, entries] of byId) {
    first.set(id, entries[0]!);
    if (entries.length < 2) continue;
    for (const { line } of entries) {
      const others = entries.filter((e) => e.line !== line).map((e) => e.line);
      report(line, 'id', `duplicate id ${id} (also on line ${others.join(', ')})`);
    }
  }
  return first;
}

/** Terms must name a known rule set, and the level must exist in that term. */
export function checkTerms(
  units: Iterable<LinedUnit>,
  ruleSets: Record<string, RuleSet>,
  report: Report,
): void {
  for (const { line, unit } of units) {
    const rules = Object.hasOwn(ruleSets, unit.term) ? ruleSets[unit.term] : undefined;
    if (!rules)
      report(line, 'term', `unknown term ${unit.term}; known terms: ${Object.keys(ruleSets).join(', ')}`);
    else if (!rules.levels.includes(unit.level))
      report(line, 'level', `level ${unit.level} does not exist in term ${unit.term}`);
  }
}

/** Ids on a parent cycle, each cycle reported once on every member's line. */
export function checkCycles(byId: Map<string, LinedUnit>, report: Report): Set<string> {
  const onCycle = new Set<string>();
  const settled = new Set<string>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    let id: string | null | undefined = start;
    while (id && byId.has(id) && !settled.has(id) && !path.includes(id)) {
      path.push(id);
      id = byId.get(id)!.unit.parentId;
    }
    if (id && path.includes(id)) {
      const cycle = path.slice(path.indexOf(id));
      const text = [...cycle, id].join(' → ');
      for (const member of cycle) {
        onCycle.add(member);
        report(byId.get(member)!.line, 'parent', `cycle: ${text}`);
      }
    }
    for (const visited of path) settled.add(visited);
  }
  return onCycle;
}

/**
 * Parents must exist (or at least appear in the input, even if that row is invalid), share the child's
 * term, and sit above it in the term's level list. Cycles and unknown terms are reported elsewhere, so those
 * units are skipped here.
 */
export function checkParents(
  byId: Map<string, LinedUnit>,
  seenIds: Set<string>,
  onCycle: Set<string>,
  ruleSets: Record<string, RuleSet>,
  report: Report,
): void {
  for (const { line, unit } of byId.values()) {
    if (unit.parentId === null || onCycle.has(unit.id)) continue;
    const parent = byId.get(unit.parentId)?.unit;
    if (!parent) {
      if (!seenIds.has(unit.parentId)) report(line, 'parent', `unknown parent ${unit.parentId}`);
      continue;
    }
    // A dissolved or merged unit's row is history: its parent may have moved on to a new term.
    if (unit.status !== undefined) continue;
    if (!Object.hasOwn(ruleSets, unit.term) || !Object.hasOwn(ruleSets, parent.term)) continue;
    if (parent.term !== unit.term) {
      report(line, 'term', `term ${unit.term} differs from parent ${parent.id}'s term ${parent.term}`);
      continue;
    }
    const levels = ruleSets[unit.term]?.levels ?? [];
    if (levels.indexOf(unit.level) <= levels.indexOf(parent.level)) {
      report(
        line,
        'level',
        `a ${unit.level} cannot sit under ${parent.id}, a ${parent.level}: a child's level must be below its parent's`,
      );
    }
  }
}

/** Units without a parent must be at the highest level present in the input. */
export function checkRoots(byId: Map<string, LinedUnit>, report: Report): void {
  let topRank = LEVELS.length - 1;
  for (const { unit } of byId.values()) topRank = Math.min(topRank, LEVELS.indexOf(unit.level));
  const top = LEVELS[topRank];
  for (const { line, unit } of byId.values()) {
    if (unit.parentId === null && unit.level !== top) {
      report(
        line,
        'parent',
        `a ${unit.level} needs a parent: only the top level present (${top}) may be a root`,
      );
    }
  }
}

/** Parents before children: breadth-first from the roots, siblings in input order. */
export function topologicalOrder(units: OrgUnit[]): OrgUnit[] {
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) appendTo(children, unit.parentId, unit);
  const ordered: OrgUnit[] = [];
  const queue = [...(children.get(null) ?? [])];
  for (let i = 0; i < queue.length; i += 1) {
    const unit = queue[i]!;
    ordered.push(unit);
    queue.push(...(children.get(unit.id) ?? []));
  }
  return ordered;
}
