/**
 * Plans an import purely: which units are created, updated or unchanged, the roll-up deltas on
 * every ancestor, the organisation-history records and the subordinate changes parents must hear.
 */
import type { PersistedCongressSnapshot, UnitInput } from '../../machines/api.types.js';
import type { Deadline } from '../../machines/domain.js';
import { createInitialSnapshot, deadlinesFor, milestonesOf, phaseOf } from '../../machines/index.js';
import {
  unitHashFields,
  type NewUnitWrite,
  type StoredSnap,
  type StoredUnit,
  type UnitUpdateWrite,
} from '../store/index.js';
import { isClosing } from '../org/store-checks.js';
import type { EngineContext } from './context.js';
import type { ImportReport } from './engine.types.js';
import type { OrgUnit } from '../domain/index.js';
import { genesisHash } from './hash-chain.js';
import { addInto, contribution, type RollupSubject } from './rollup.js';

/** Fields whose change makes a row "updated". */
const TRACKED = [
  'name',
  'level',
  'block',
  'parentId',
  'workingGroup',
  'memberCount',
  'fullMemberCount',
  'term',
] as const;

/** One organisation-history record before it is chained. */
export interface OrgChange {
  type: 'org.unit_created' | 'org.unit_updated' | 'org.unit_dissolved' | 'org.unit_merged';
  unitId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  /** For `org.unit_merged`: the unit that absorbed it. */
  into?: string;
}

export interface ImportPlan {
  created: NewUnitWrite[];
  updates: UnitUpdateWrite[];
  rollupDeltas: Map<string, Map<string, number>>;
  orgChanges: OrgChange[];
  /** Existing parents whose subordinates changed: they get `hierarchy.subordinates_changed`. */
  hierarchy: Map<string, { added: string[]; removed: string[] }>;
  newDeadlines: { unitId: string; deadlines: Deadline[] }[];
  /** Units this import dissolves or merges: their open deadlines are dropped. */
  closed: Set<string>;
  report: ImportReport;
}

type Existing = Map<string, { unit: StoredUnit; snap: StoredSnap }>;

function ancestorLists(units: readonly OrgUnit[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const u of units) {
    lists.set(u.id, u.parentId === null ? [] : [u.parentId, ...(lists.get(u.parentId) ?? [])]);
  }
  return lists;
}

function childLists(units: readonly OrgUnit[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const siblings = lists.get(u.parentId);
    if (siblings) siblings.push(u.id);
    else lists.set(u.parentId, [u.id]);
  }
  return lists;
}

function diff(before: OrgUnit, after: OrgUnit): OrgChange['changes'] {
  const changes: OrgChange['changes'] = {};
  for (const field of TRACKED)
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  return changes;
}

function addRollup(
  plan: ImportPlan,
  ancestorIds: readonly string[],
  delta: Map<string, number>,
  sign: number,
) {
  for (const id of ancestorIds) {
    const target = plan.rollupDeltas.get(id) ?? new Map<string, number>();
    plan.rollupDeltas.set(id, target);
    addInto(target, delta, sign);
  }
}

function noteHierarchy(
  plan: ImportPlan,
  parentId: string | null,
  existing: Existing,
  change: 'added' | 'removed',
  id: string,
) {
  // A parent closed by this import (or before) accepts no events; its log keeps its last state.
  const parent = parentId === null ? undefined : existing.get(parentId);
  if (parentId === null || !parent || parent.unit.unit.status !== undefined || plan.closed.has(parentId))
    return;
  const entry = plan.hierarchy.get(parentId) ?? { added: [], removed: [] };
  plan.hierarchy.set(parentId, entry);
  entry[change].push(id);
}

function planCreate(
  ctx: EngineContext,
  plan: ImportPlan,
  u: OrgUnit,
  ancestors: string[],
  children: string[],
  openedAt: string,
) {
  const input: UnitInput = {
    unitId: u.id,
    level: u.level,
    block: u.block,
    memberCount: u.memberCount,
    ...(u.fullMemberCount === undefined ? {} : { fullMemberCount: u.fullMemberCount }),
    ruleSetId: u.term,
    subordinateIds: children,
    openedAt,
  };
  const snapshot: PersistedCongressSnapshot = createInitialSnapshot(input);
  const ruleSet = ctx.ruleSet(u.term);
  const subject: RollupSubject = {
    level: u.level,
    block: u.block,
    phase: phaseOf(snapshot),
    milestones: milestonesOf(snapshot, ruleSet),
  };
  const deadlines = deadlinesFor(snapshot, ruleSet, ctx.calendarOf(ruleSet));
  plan.created.push({
    unitId: u.id,
    parentId: u.parentId,
    unitFields: unitHashFields(u, ancestors, input),
    snapFields: {
      s: JSON.stringify(snapshot),
      v: '0',
      h: genesisHash(input),
      p: subject.phase,
      m: JSON.stringify(subject.milestones),
    },
    deadlinesJson: deadlines.length > 0 ? JSON.stringify(deadlines) : null,
  });
  if (deadlines.length > 0) plan.newDeadlines.push({ unitId: u.id, deadlines });
  addRollup(plan, ancestors, contribution(subject), 1);
  plan.orgChanges.push({ type: 'org.unit_created', unitId: u.id, changes: {} });
}

/**
 * A unit leaving the tree: its contribution leaves every ancestor, its parent hears of the removal,
 * and the history records how it left. Its children were moved or closed by their own rows.
 */
function planClose(
  plan: ImportPlan,
  u: OrgUnit,
  prev: { unit: StoredUnit; snap: StoredSnap },
  existing: Existing,
) {
  const { phase, milestones } = prev.snap;
  addRollup(plan, prev.unit.ancestorIds, contribution({ ...prev.unit.unit, phase, milestones }), -1);
  plan.updates.push({
    unitId: u.id,
    unitFields: unitHashFields(u, prev.unit.ancestorIds, prev.unit.input),
    closed: u.status,
  });
  noteHierarchy(plan, u.parentId, existing, 'removed', u.id);
  const merged = u.status === 'merged' && u.mergedInto !== undefined;
  plan.orgChanges.push({
    type: merged ? 'org.unit_merged' : 'org.unit_dissolved',
    unitId: u.id,
    changes: { status: { from: 'active', to: u.status } },
    ...(merged ? { into: u.mergedInto } : {}),
  });
  plan.report.updated++;
}

function planExisting(
  plan: ImportPlan,
  u: OrgUnit,
  ancestors: string[],
  prev: { unit: StoredUnit; snap: StoredSnap },
  existing: Existing,
) {
  if (prev.unit.unit.status !== undefined) {
    // Closed before: the checks allowed only an unchanged row.
    plan.report.unchanged++;
    return;
  }
  if (u.status !== undefined) return planClose(plan, u, prev, existing);
  const changes = diff(prev.unit.unit, u);
  const moved = 'parentId' in changes;
  const ancestorsChanged = ancestors.join('/') !== prev.unit.ancestorIds.join('/');
  if (Object.keys(changes).length === 0) plan.report.unchanged++;
  else {
    plan.report.updated++;
    plan.orgChanges.push({ type: 'org.unit_updated', unitId: u.id, changes });
  }
  if (Object.keys(changes).length === 0 && !ancestorsChanged) return;
  const { phase, milestones } = prev.snap;
  addRollup(plan, prev.unit.ancestorIds, contribution({ ...prev.unit.unit, phase, milestones }), -1);
  addRollup(plan, ancestors, contribution({ level: u.level, block: u.block, phase, milestones }), 1);
  plan.updates.push({
    unitId: u.id,
    unitFields: unitHashFields(u, ancestors, prev.unit.input),
    ...(moved ? { move: { from: prev.unit.unit.parentId, to: u.parentId } } : {}),
  });
  if (moved) {
    noteHierarchy(plan, prev.unit.unit.parentId, existing, 'removed', u.id);
    noteHierarchy(plan, u.parentId, existing, 'added', u.id);
  }
}

/** Plans importing `units` (parents before children) over the `existing` stored units. */
export function planImport(
  ctx: EngineContext,
  units: readonly OrgUnit[],
  existing: Existing,
  openedAt: string,
): ImportPlan {
  const plan: ImportPlan = {
    created: [],
    updates: [],
    rollupDeltas: new Map(),
    orgChanges: [],
    hierarchy: new Map(),
    newDeadlines: [],
    closed: new Set(units.filter((u) => isClosing(u, existing.get(u.id)?.unit.unit)).map((u) => u.id)),
    report: { created: 0, updated: 0, unchanged: 0 },
  };
  const ancestors = ancestorLists(units);
  const children = childLists(units);
  for (const u of units) {
    const prev = existing.get(u.id);
    if (prev) {
      planExisting(plan, u, ancestors.get(u.id) ?? [], prev, existing);
    } else {
      plan.report.created++;
      planCreate(ctx, plan, u, ancestors.get(u.id) ?? [], children.get(u.id) ?? [], openedAt);
      noteHierarchy(plan, u.parentId, existing, 'added', u.id);
    }
  }
  return plan;
}
