/**
 * The work waiting on a principal: across its scope, each unit where it owes a step (an open
 * deadline on its side) or where someone else's step is holding things up, with the events it may
 * send now, sorted by due time. Read-only roles (inspection, auditor) and admins are offered nothing.
 */
import { listAllowedEvents, riskReasons } from '../../machines/index.js';
import type { Deadline } from '../../machines/domain.js';
import type { Principal } from '../domain/index.js';
import {
  deadlineSetSchema,
  readSubtreeIds,
  readUnits,
  readUnitsWithSnaps,
  type StoredSnap,
  type StoredUnit,
} from '../store/index.js';
import { canSend } from './access.js';
import type { EngineContext } from './context.js';
import type { WorkItem, WorkStep } from './engine.types.js';
import { me } from './reads.js';

/** Units a principal acts on: its unit, its group's units, or the units below its subtree's root. */
async function scopeIds(ctx: EngineContext, principal: Principal): Promise<string[]> {
  switch (principal.role) {
    case 'secretary':
      return principal.unitId === undefined ? [] : [principal.unitId];
    case 'working_group':
      return (await me(ctx, principal)).assignedUnitIds ?? [];
    case 'standing_committee':
      return principal.subtreeOf === undefined
        ? []
        : (await readSubtreeIds(ctx.redis, ctx.keys, principal.subtreeOf)).slice(1);
    default:
      return [];
  }
}

/** Whether a deadline is on the principal's side: a secretary owes its unit's, a committee its direct subordinates' superior steps. */
function owes(principal: Principal, unit: StoredUnit, deadline: Deadline): boolean {
  if (principal.role === 'secretary') return deadline.owner === 'unit';
  if (principal.role === 'standing_committee')
    return deadline.owner === 'superior' && unit.unit.parentId === principal.subtreeOf;
  return false;
}

function itemOf(
  principal: Principal,
  stored: { unit: StoredUnit; snap: StoredSnap },
  deadlines: Deadline[],
  names: Map<string, string>,
): WorkItem {
  const { unit, snap } = stored;
  const open = unit.unit.status === undefined;
  const actions = open
    ? listAllowedEvents(snap.snapshot)
        .filter((e) => e.allowed && canSend(principal, unit.unit, unit.ancestorIds, e.type))
        .map((e) => e.type)
    : [];
  const step = (d: Deadline): WorkStep => {
    const byId = d.owner === 'unit' ? unit.unit.id : unit.unit.parentId;
    // The unit's own steps name the unit itself; `names` holds only the parents.
    const name = byId === unit.unit.id ? unit.unit.name : names.get(byId ?? '');
    const by = byId === null ? null : { unitId: byId, unitName: name ?? byId };
    return { kind: d.kind, owner: d.owner, by, dueAt: d.dueAt };
  };
  const owed = deadlines.filter((d) => owes(principal, unit, d)).map(step);
  const waiting = deadlines.filter((d) => !owes(principal, unit, d)).map(step);
  const dues = [...owed, ...waiting].map((s) => s.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    unitId: unit.unit.id,
    unitName: unit.unit.name,
    level: unit.unit.level,
    phase: snap.phase,
    version: snap.version,
    dueAt: dues[0] ?? null,
    actions,
    owed,
    waiting,
    riskReasons: riskReasons(snap.milestones),
  };
}

const BATCH = 200;

/** Deadline sets of `ids` in one round trip. */
async function deadlinesOf(ctx: EngineContext, ids: readonly string[]): Promise<Deadline[][]> {
  const raws = await Promise.all(ids.map((id) => ctx.redis.get(ctx.keys.deadlines(id))));
  return raws.map((raw) => (typeof raw === 'string' ? deadlineSetSchema.parse(raw) : []));
}

async function itemsOf(
  ctx: EngineContext,
  principal: Principal,
  ids: readonly string[],
): Promise<WorkItem[]> {
  const [units, deadlines] = await Promise.all([
    readUnitsWithSnaps(ctx.redis, ctx.keys, ids),
    deadlinesOf(ctx, ids),
  ]);
  const byId = new Map(ids.map((id, i) => [id, deadlines[i] ?? []]));
  const parents = [...new Set(units.flatMap((u) => (u.unit.unit.parentId ? [u.unit.unit.parentId] : [])))];
  const parentUnits = await readUnits(ctx.redis, ctx.keys, parents);
  const names = new Map(parentUnits.flatMap((u) => (u ? [[u.unit.id, u.unit.name] as const] : [])));
  return units
    .filter((u) => u.unit.unit.status === undefined)
    .map((u) => itemOf(principal, u, byId.get(u.unit.unit.id) ?? [], names));
}

/**
 * What `principal` can do now across its scope: first the units where it owes a step, then those
 * waiting on someone else, each part sorted by due time (units without one last, then by id); a page of
 * `limit` (default 100, max 1,000) after `offset`. A working group sees every unit of its group; others
 * only units where something is owed or awaited.
 */
export async function myWork(
  ctx: EngineContext,
  principal: Principal,
  page: { limit?: number; offset?: number } = {},
): Promise<{ items: WorkItem[]; nextOffset: number | null }> {
  const ids = await scopeIds(ctx, principal);
  const items: WorkItem[] = [];
  for (let i = 0; i < ids.length; i += BATCH)
    items.push(...(await itemsOf(ctx, principal, ids.slice(i, i + BATCH))));
  const shown = items
    .filter((it) => principal.role === 'working_group' || it.owed.length + it.waiting.length > 0)
    .sort((a, b) => oweOrder(a) - oweOrder(b) || dueOrder(a) - dueOrder(b) || (a.unitId < b.unitId ? -1 : 1));
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 100;
  const slice = shown.slice(offset, offset + limit);
  return { items: slice, nextOffset: offset + limit < shown.length ? offset + limit : null };
}

/** A committee with forty units late on their reports must still see its own confirmations first. */
const oweOrder = (item: WorkItem) => (item.owed.length > 0 ? 0 : 1);
const dueOrder = (item: WorkItem) => (item.dueAt === null ? Number.MAX_SAFE_INTEGER : Date.parse(item.dueAt));
