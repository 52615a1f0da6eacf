/**
 * Read use cases: a unit's view, its history page, children (with or without their status), ancestors,
 * subtree progress and the caller's own scope. Each checks read access with the ancestor ids cached on the unit.
 */
import { z } from 'zod';
import { listAllowedEvents, riskReasons } from '../../machines/index.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import {
  readChildIds,
  readLogEntries,
  readLogPage,
  readSnaps,
  readUnitWithRollup,
  readUnitState,
  readUnits,
  scanSet,
  type StoredSnap,
  type StoredUnit,
} from '../store/index.js';
import { assertCanRead, canSend, unknownUnit } from './access.js';
import type { EngineContext } from './context.js';
import type { Irregularity, MeView, ProgressRow, UnitFlags, UnitView } from './engine.types.js';
import type { HistoryEntry, OrgUnit, Principal } from '../domain/index.js';
import { progressRows } from './rollup.js';
import { correctionsIn } from './corrections.js';

/** The stored unit, or NotFoundError (callers without a principal: internal lookups). */
export async function requireUnit(ctx: EngineContext, unitId: string): Promise<StoredUnit> {
  const [unit] = await readUnits(ctx.redis, ctx.keys, [unitId]);
  if (!unit) throw new NotFoundError(`unit ${unitId} not found`);
  return unit;
}

/** The stored unit if `principal` may read it; ForbiddenError, or NotFoundError for admins (see unknownUnit). */
export async function requireReadable(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
): Promise<StoredUnit> {
  const [unit] = await readUnits(ctx.redis, ctx.keys, [unitId]);
  if (!unit) throw unknownUnit(principal, unitId);
  assertCanRead(principal, unit.unit, unit.ancestorIds);
  return unit;
}

/** State, phase, allowed events with reasons, open deadlines, version and head hash. */
export async function getUnit(ctx: EngineContext, unitId: string, principal: Principal): Promise<UnitView> {
  const { unit, snap, deadlines } = await readUnitState(ctx.redis, ctx.keys, unitId);
  if (!unit || !snap) throw unknownUnit(principal, unitId);
  assertCanRead(principal, unit.unit, unit.ancestorIds);
  // A dissolved or merged unit accepts nothing (dispatch refuses it), so it offers nothing.
  const allowedEvents = unit.unit.status === undefined ? listAllowedEvents(snap.snapshot) : [];
  return {
    unit: unit.unit,
    version: snap.version,
    phase: snap.phase,
    flags: flagsOf(snap.milestones),
    riskReasons: riskReasons(snap.milestones),
    value: snap.snapshot.value,
    snapshot: snap.snapshot,
    allowedEvents,
    actions: allowedEvents
      .filter((e) => e.allowed && canSend(principal, unit.unit, unit.ancestorIds, e.type))
      .map((e) => e.type),
    deadlines,
    irregularities: irregularitiesOf(snap.snapshot),
    lastHash: snap.head,
  };
}

/** Breaches of flagging rules recorded on the unit, oldest first (none before version 3). */
function irregularitiesOf(snapshot: { context: Record<string, unknown> }): Irregularity[] {
  return irregularityListSchema.parse(snapshot.context.irregularities ?? []);
}

const irregularityListSchema = z.array(
  z.object({
    rule: z.string(),
    source: z.unknown(),
    occurredAt: z.string(),
    seq: z.number().int(),
    message: z.string().optional(),
    closedAt: z.string().optional(),
    closedSeq: z.number().int().optional(),
    closingNote: z.string().optional(),
  }),
);

const MAX_PAGE = 1000;

/** Log entries from `fromSeq` (default 1), at most `limit` (default 100, max 1000). */
export async function history(
  ctx: EngineContext,
  unitId: string,
  page: { fromSeq?: number; limit?: number },
  principal: Principal,
): Promise<{ entries: HistoryEntry[]; nextSeq: number | null }> {
  const fromSeq = page.fromSeq ?? 1;
  const limit = page.limit ?? 100;
  if (!Number.isInteger(fromSeq) || fromSeq < 1)
    throw new ValidationError('invalid page', [{ path: 'fromSeq', message: 'must be an integer ≥ 1' }]);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new ValidationError('invalid page', [
      { path: 'limit', message: `must be an integer in 1..${MAX_PAGE}` },
    ]);
  }
  await requireReadable(ctx, unitId, principal);
  const [entries, [snap]] = await Promise.all([
    readLogPage(ctx.redis, ctx.keys, unitId, fromSeq, limit + 1),
    readSnaps(ctx.redis, ctx.keys, [unitId]),
  ]);
  const more = entries.length > limit;
  const shown = await withCorrectionsOf(ctx, unitId, entries.slice(0, limit), snap?.corrections ?? {});
  return { entries: shown, nextSeq: more ? entries[limit]!.seq : null };
}

/** Entries of a page beside their corrections (read by seq through the snapshot's corrections index). */
async function withCorrectionsOf(
  ctx: EngineContext,
  unitId: string,
  entries: HistoryEntry[],
  index: Record<string, number[]>,
): Promise<HistoryEntry[]> {
  const wanted = entries.flatMap((e) => index[String(e.seq)] ?? []);
  if (wanted.length === 0) return entries;
  const found = correctionsIn(await readLogEntries(ctx.redis, ctx.keys, unitId, wanted));
  // The original values stay as recorded; its corrections are listed beside them.
  return entries.map((e) => (found.has(e.seq) ? { ...e, corrections: found.get(e.seq)! } : e));
}

/** Direct active subordinates, sorted by id. */
export async function children(ctx: EngineContext, unitId: string, principal: Principal): Promise<OrgUnit[]> {
  await requireReadable(ctx, unitId, principal);
  const ids = await readChildIds(ctx.redis, ctx.keys, unitId);
  const units = await readUnits(ctx.redis, ctx.keys, ids);
  // Dissolved and merged units stay in the children set for audit walks, but are no longer subordinates.
  return units.filter((u): u is StoredUnit => u !== null && u.unit.status === undefined).map((u) => u.unit);
}

/** The five milestone flags, without the held date the snap hash also keeps. */
export function flagsOf(milestones: StoredSnap['milestones']): UnitFlags {
  const { congressHeld, heldOnTime, resultsConfirmed, postponed, difficult } = milestones;
  return {
    congressHeld,
    heldOnTime,
    resultsConfirmed,
    postponed,
    difficult,
    irregular: milestones.irregular === true,
  };
}

const stringOrNull = z.string().nullable();

/**
 * Ids of every active unit whose organisation hash field `field` passes `keep`; one batch of reads per SSCAN
 * batch. Dissolved and merged units keep their hashes but are no longer part of anyone's scope to start from.
 */
async function unitIdsWhere(
  ctx: EngineContext,
  field: 'parentId' | 'workingGroup',
  keep: (value: string) => boolean,
): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of scanSet(ctx.redis, ctx.keys.allUnits)) {
    const read = await Promise.all(batch.map((id) => ctx.redis.hmget(ctx.keys.unit(id), field, 'status')));
    const replies = z.array(z.tuple([stringOrNull, stringOrNull])).parse(read);
    batch.forEach((id, i) => {
      const [value, status] = replies[i] ?? [null, null];
      if (value !== null && status === null && keep(value)) found.push(id);
    });
  }
  return found.sort();
}

/** Id, role and the scope fields the principal has; nothing else a token record might carry. */
function shownPrincipal({
  id,
  role,
  kind,
  assignmentId,
  unitId,
  workingGroup,
  subtreeOf,
}: Principal): Principal {
  return {
    id,
    role,
    ...(kind === undefined ? {} : { kind }),
    ...(assignmentId === undefined ? {} : { assignmentId }),
    ...(unitId === undefined ? {} : { unitId }),
    ...(workingGroup === undefined ? {} : { workingGroup }),
    ...(subtreeOf === undefined ? {} : { subtreeOf }),
  };
}

/**
 * The caller's principal and the unit a dashboard should open first. Admin roots and a working group's
 * units have no index, so they cost one scan of the unit set (pipelined per batch of ids); the other roles
 * cost nothing.
 */
export async function me(ctx: EngineContext, principal: Principal): Promise<MeView> {
  const { role, unitId, workingGroup, subtreeOf } = principal;
  const shown = shownPrincipal(principal);
  switch (role) {
    case 'secretary':
      return { principal: shown, startUnitId: unitId ?? null };
    case 'working_group': {
      const group = workingGroup ?? '';
      const assignedUnitIds = await unitIdsWhere(ctx, 'workingGroup', (value) => value === group);
      return { principal: shown, startUnitId: null, assignedUnitIds };
    }
    case 'admin':
    case 'system': {
      const roots = await unitIdsWhere(ctx, 'parentId', (value) => value === '');
      return { principal: shown, startUnitId: roots[0] ?? null, roots };
    }
    default:
      return { principal: shown, startUnitId: subtreeOf ?? null };
  }
}

/** Parent, grandparent, … root, from the ancestor list cached on the unit. */
export async function ancestors(ctx: EngineContext, unitId: string): Promise<OrgUnit[]> {
  const unit = await requireUnit(ctx, unitId);
  const units = await readUnits(ctx.redis, ctx.keys, unit.ancestorIds);
  return units.filter((u): u is StoredUnit => u !== null).map((u) => u.unit);
}

/** Progress of the strict subtree of `unitId` per level × block, from its roll-up hash (one round trip). */
export async function progress(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
): Promise<ProgressRow[]> {
  const found = await readUnitWithRollup(ctx.redis, ctx.keys, unitId);
  if (!found) throw unknownUnit(principal, unitId);
  assertCanRead(principal, found.unit.unit, found.unit.ancestorIds);
  return progressRows(found.counters);
}
