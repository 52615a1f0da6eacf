/**
 * Read use cases: a unit's view, its history page, children, ancestors and subtree progress.
 * Each checks read access with the ancestor ids cached on the unit.
 */
import { listAllowedEvents } from '../../machines/index.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import {
  readChildIds,
  readLogPage,
  readUnitWithRollup,
  readUnitState,
  readUnits,
  type StoredUnit,
} from '../store/index.js';
import { assertCanRead } from './access.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry, OrgUnit, Principal, ProgressRow, UnitView } from './engine.types.js';
import { progressRows } from './rollup.js';

/** The stored unit, or NotFoundError. */
export async function requireUnit(ctx: EngineContext, unitId: string): Promise<StoredUnit> {
  const [unit] = await readUnits(ctx.redis, ctx.keys, [unitId]);
  if (!unit) throw new NotFoundError(`unit ${unitId} not found`);
  return unit;
}

/** The stored unit if `principal` may read it; NotFoundError / ForbiddenError otherwise. */
export async function requireReadable(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
): Promise<StoredUnit> {
  const unit = await requireUnit(ctx, unitId);
  assertCanRead(principal, unit.unit, unit.ancestorIds);
  return unit;
}

/** State, phase, allowed events with reasons, open deadlines, version and head hash. */
export async function getUnit(ctx: EngineContext, unitId: string, principal: Principal): Promise<UnitView> {
  const { unit, snap, deadlines } = await readUnitState(ctx.redis, ctx.keys, unitId);
  if (!unit || !snap) throw new NotFoundError(`unit ${unitId} not found`);
  assertCanRead(principal, unit.unit, unit.ancestorIds);
  return {
    unit: unit.unit,
    version: snap.version,
    phase: snap.phase,
    value: snap.snapshot.value,
    snapshot: snap.snapshot,
    allowedEvents: listAllowedEvents(snap.snapshot),
    deadlines,
    lastHash: snap.head,
  };
}

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
  const entries = await readLogPage(ctx.redis, ctx.keys, unitId, fromSeq, limit + 1);
  const more = entries.length > limit;
  return { entries: entries.slice(0, limit), nextSeq: more ? entries[limit]!.seq : null };
}

/** Direct subordinates, sorted by id. */
export async function children(ctx: EngineContext, unitId: string, principal: Principal): Promise<OrgUnit[]> {
  await requireReadable(ctx, unitId, principal);
  const ids = await readChildIds(ctx.redis, ctx.keys, unitId);
  const units = await readUnits(ctx.redis, ctx.keys, ids);
  return units.filter((u): u is StoredUnit => u !== null).map((u) => u.unit);
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
  if (!found) throw new NotFoundError(`unit ${unitId} not found`);
  assertCanRead(principal, found.unit.unit, found.unit.ancestorIds);
  return progressRows(found.counters);
}
