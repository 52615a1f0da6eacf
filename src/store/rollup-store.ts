/**
 * Roll-up hashes: per unit, counters of its strict subtree under fields `<level>|<block>|<counter>`
 * (counter: total, done, onTime, atRisk, phase:<phase>). Incremented by append-event.lua and the
 * import; read in one round trip; rewritten by the rebuild.
 */
import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';
import { storedUnitSchema, type StoredUnit } from './records.js';
import { execPipeline } from './unit-store.js';

/** Field name of one counter. */
export function rollupField(level: string, block: string, counter: string): string {
  return `${level}|${block}|${counter}`;
}

/** Splits a field name back into level, block and counter. */
export function parseRollupField(field: string): { level: string; block: string; counter: string } | null {
  const [level, block, counter, ...rest] = field.split('|');
  if (level === undefined || block === undefined || counter === undefined || rest.length > 0) return null;
  return { level, block, counter };
}

const toCounters = (raw: Record<string, string>) =>
  new Map(Object.entries(raw).map(([field, value]) => [field, Number(value)]));

/** The counters of one unit's subtree. */
export async function readRollup(redis: Redis, keys: KeySpace, unitId: string): Promise<Map<string, number>> {
  return toCounters(await redis.hgetall(keys.rollup(unitId)));
}

/** A unit's organisation hash and its subtree counters in one round trip (null when the unit is unknown). */
export async function readUnitWithRollup(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
): Promise<{ unit: StoredUnit; counters: Map<string, number> } | null> {
  const [raw, rollup] = await Promise.all([
    redis.hgetall(keys.unit(unitId)),
    redis.hgetall(keys.rollup(unitId)),
  ]);
  if (Object.keys(raw).length === 0) return null;
  return { unit: storedUnitSchema.parse(raw), counters: toCounters(rollup) };
}

/** Counters of many units in one round trip. */
export async function readRollups(
  redis: Redis,
  keys: KeySpace,
  unitIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const replies = await Promise.all(unitIds.map((id) => redis.hgetall(keys.rollup(id))));
  return new Map(unitIds.map((id, i) => [id, toCounters(replies[i] ?? {})]));
}

/** Adds `deltas` (per unit, per field) with HINCRBY, pipelined in batches. */
export async function incrementRollups(
  redis: Redis,
  keys: KeySpace,
  deltas: ReadonlyMap<string, ReadonlyMap<string, number>>,
  batch = 1000,
): Promise<void> {
  let pipeline = redis.pipeline();
  for (const [unitId, fields] of deltas) {
    for (const [field, delta] of fields) {
      if (delta !== 0) pipeline.hincrby(keys.rollup(unitId), field, delta);
    }
    if (pipeline.length >= batch) {
      await execPipeline(pipeline);
      pipeline = redis.pipeline();
    }
  }
  if (pipeline.length > 0) await execPipeline(pipeline);
}

/** Replaces the counters of the given units (zero fields are not stored). */
export async function rewriteRollups(
  redis: Redis,
  keys: KeySpace,
  counters: ReadonlyMap<string, ReadonlyMap<string, number>>,
  batch = 500,
): Promise<void> {
  let pipeline = redis.multi();
  for (const [unitId, fields] of counters) {
    pipeline.del(keys.rollup(unitId));
    const nonZero = [...fields].filter(([, v]) => v !== 0);
    if (nonZero.length > 0) pipeline.hset(keys.rollup(unitId), Object.fromEntries(nonZero));
    if (pipeline.length >= batch) {
      await execPipeline(pipeline);
      pipeline = redis.multi();
    }
  }
  if (pipeline.length > 0) await execPipeline(pipeline);
}
