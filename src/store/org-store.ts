/**
 * Writes of the organisation tree (import): unit hashes, initial snapshots, children sets, the unit
 * index and the organisation history head. Pipelined in batches, never one round trip per unit.
 */
import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';
import type { StoredUnit } from './records.js';
import { execPipeline, readUnits } from './unit-store.js';

/** A unit created by an import: its organisation hash and its version-0 snapshot hash. */
export interface NewUnitWrite {
  unitId: string;
  parentId: string | null;
  unitFields: Record<string, string>;
  snapFields: { s: string; v: '0'; h: string; p: string; m: string };
  deadlinesJson: string | null;
}

/** An existing unit whose organisation data or cached ancestors change. */
export interface UnitUpdateWrite {
  unitId: string;
  unitFields: Record<string, string>;
  /** Set when the unit moves: leave the old parent's children set, join the new one. */
  move?: { from: string | null; to: string | null };
  /** Set when the unit is dissolved or merged: marks its snapshot hash so the append script refuses it. */
  closed?: 'dissolved' | 'merged';
}

async function inBatches<T>(
  redis: Redis,
  items: readonly T[],
  add: (pipeline: ReturnType<Redis['pipeline']>, item: T) => void,
  size = 500,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    const pipeline = redis.pipeline();
    for (const item of items.slice(i, i + size)) add(pipeline, item);
    await execPipeline(pipeline);
  }
}

/** Creates units; snapshots are written last per unit so a half-written unit is never dispatchable. */
export async function writeNewUnits(
  redis: Redis,
  keys: KeySpace,
  units: readonly NewUnitWrite[],
): Promise<void> {
  await inBatches(redis, units, (pipeline, u) => {
    pipeline.hset(keys.unit(u.unitId), u.unitFields);
    if (u.parentId !== null) pipeline.sadd(keys.children(u.parentId), u.unitId);
    pipeline.sadd(keys.allUnits, u.unitId);
    if (u.deadlinesJson !== null) {
      pipeline.set(keys.deadlines(u.unitId), u.deadlinesJson).sadd(keys.unitsWithDeadlines, u.unitId);
    }
    pipeline.hset(keys.snap(u.unitId), u.snapFields);
  });
}

/**
 * Updates organisation hashes and children sets of existing units. Each update bumps the unit's
 * organisation revision (field `o` of its snapshot hash) after writing the organisation hash, so an
 * append planned on organisation data read before the update is refused by append-event.lua.
 */
export async function writeUnitUpdates(
  redis: Redis,
  keys: KeySpace,
  updates: readonly UnitUpdateWrite[],
): Promise<void> {
  await inBatches(redis, updates, (pipeline, u) => {
    pipeline.hset(keys.unit(u.unitId), u.unitFields);
    pipeline.hincrby(keys.snap(u.unitId), 'o', 1);
    if (u.closed) pipeline.hset(keys.snap(u.unitId), 'closed', u.closed);
    if (u.move?.from) pipeline.srem(keys.children(u.move.from), u.unitId);
    if (u.move?.to) pipeline.sadd(keys.children(u.move.to), u.unitId);
  });
}

/** Version and head hash of the organisation history (0 and '' when empty). */
export async function readOrgHead(redis: Redis, keys: KeySpace): Promise<{ version: number; head: string }> {
  const [version, head] = await redis.hmget(keys.orgHead, 'v', 'h');
  return { version: Number(version ?? 0), head: head ?? '' };
}

/** Raw organisation history entries (field `e` = record JSON), oldest first. */
export async function readOrgLog(redis: Redis, keys: KeySpace): Promise<string[]> {
  const rows = await redis.xrange(keys.orgLog, '-', '+');
  return rows.map(([, flat]) => flat[flat.indexOf('e') + 1] ?? '');
}

/** Stored direct subordinates of each of `parentIds`, in id order (two round trips in all). */
export async function readChildUnits(
  redis: Redis,
  keys: KeySpace,
  parentIds: readonly string[],
): Promise<Map<string, StoredUnit[]>> {
  const members = await Promise.all(parentIds.map((id) => redis.smembers(keys.children(id))));
  // Sorted: SMEMBERS order depends on the server's hash seed, and import errors list children in this order.
  const childIds = members.map((ids) => ids.sort());
  const units = await readUnits(redis, keys, childIds.flat());
  const byId = new Map(units.filter((u): u is StoredUnit => u !== null).map((u) => [u.unit.id, u]));
  return new Map(
    parentIds.map((id, i) => [id, (childIds[i] ?? []).flatMap((c) => byId.get(c) ?? [])] as const),
  );
}

/**
 * Drops the open deadline sets of units leaving the tree (and their place in the reconciler's index),
 * returning each previous set's JSON so the caller can cancel the queued jobs.
 */
export async function dropDeadlineSets(
  redis: Redis,
  keys: KeySpace,
  unitIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (unitIds.length === 0) return new Map();
  const previous = await Promise.all(unitIds.map((id) => redis.get(keys.deadlines(id))));
  await inBatches(redis, unitIds, (pipeline, id) => {
    pipeline.del(keys.deadlines(id)).srem(keys.unitsWithDeadlines, id);
  });
  return new Map(unitIds.map((id, i) => [id, previous[i] ?? null]));
}
