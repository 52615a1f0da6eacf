/**
 * Reads of units: organisation hash, snapshot hash, deadline set and idempotency record, each
 * batch in one pipelined round trip and validated with the schemas of records.ts.
 */
import type { Redis } from 'ioredis';
import type { Deadline } from '../../machines/domain.js';
import type { KeySpace } from './keys.js';
import {
  deadlineSetSchema,
  storedSnapSchema,
  storedUnitSchema,
  type StoredSnap,
  type StoredUnit,
} from './records.js';
import type { AppendEventInput } from './scripts.js';
import { appendedSnapFields } from './snapshot-fields.js';

/** The result an idempotency key produced, as stored by append-event.lua. */
export interface IdempotencyRecord {
  bodyHash: string;
  seq: number;
  version: number;
  hash: string;
  phase: string;
  /** Machine effects of that append (JSON), so a retry can finish an interrupted cascade. */
  effectsJson: string;
}

/** Everything dispatch needs about one unit. */
export interface DispatchRead {
  unit: StoredUnit | null;
  snap: StoredSnap | null;
  idempotency: IdempotencyRecord | null;
  /** Stored open deadline set JSON (parse with `deadlineSetSchema` when needed), null when none. */
  deadlinesJson: string | null;
}

function parseUnit(raw: Record<string, string> | undefined): StoredUnit | null {
  if (!raw || Object.keys(raw).length === 0) return null;
  return storedUnitSchema.parse(raw);
}

function parseSnap(raw: Record<string, string> | undefined): StoredSnap | null {
  if (!raw || Object.keys(raw).length === 0) return null;
  return storedSnapSchema.parse(raw);
}

/** A parse result and the exact stored fields it came from. */
interface Parsed<T> {
  raw: Readonly<Record<string, string>>;
  value: T;
}

/**
 * Most recent parses of unit and snapshot hashes, by Redis key. A hit needs every stored field to
 * be the same string as the one parsed before, so a hit returns exactly what the schema returned for
 * that content: validation runs once per content instead of once per read. Values are frozen, since
 * every later reader shares them. FIFO-bounded so memory stays flat on a national tree.
 */
const parsedUnits = new Map<string, Parsed<StoredUnit>>();
const parsedSnaps = new Map<string, Parsed<StoredSnap>>();
const PARSED_LIMIT = 16_384;

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let count = 0;
  for (const field in a) {
    if (a[field] !== b[field]) return false;
    count++;
  }
  return count === Object.keys(b).length;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

function remember<T>(cache: Map<string, Parsed<T>>, key: string, raw: Record<string, string>, value: T): T {
  if (cache.size >= PARSED_LIMIT && !cache.has(key)) cache.delete(cache.keys().next().value!);
  cache.set(key, { raw, value: deepFreeze(value) });
  return value;
}

function parseCached<T>(
  cache: Map<string, Parsed<T>>,
  key: string,
  raw: Record<string, string> | undefined,
  parse: (raw: Record<string, string>) => T | null,
): T | null {
  if (!raw) return null;
  const hit = cache.get(key);
  if (hit && sameFields(hit.raw, raw)) return hit.value;
  const value = parse(raw);
  return value === null ? null : remember(cache, key, raw, value);
}

/**
 * Records what the append of `input` as `version` just wrote to the unit's snapshot hash (its fields,
 * see snapshot-fields.ts, and the values they encode), so the next dispatch read of that unit skips
 * parsing its own write. `snap` must be what `storedSnapSchema` yields for those fields; it is frozen here.
 */
export function rememberWrittenSnap(
  keys: KeySpace,
  input: AppendEventInput,
  version: number,
  snap: StoredSnap,
): void {
  remember(parsedSnaps, keys.snap(input.unitId), appendedSnapFields(input, version, snap.corrections), snap);
}

function parseIdempotency(raw: (string | null)[] | undefined): IdempotencyRecord | null {
  if (!raw?.[0]) return null;
  const [bodyHash, seq, version, hash, phase, effects] = raw;
  return {
    bodyHash,
    seq: Number(seq),
    version: Number(version),
    hash: hash ?? '',
    phase: phase ?? '',
    effectsJson: effects ?? '[]',
  };
}

/*
 * Reads send their commands together with `Promise.all` rather than through an explicit ioredis
 * pipeline: on the product's auto-pipelining client they still leave in one write, in order, and an
 * explicit `Pipeline` object costs about twice the client CPU per read (benchmark note in
 * docs/benchmarks.md). Neither form is a transaction. Bulk writes keep `execPipeline`.
 */

/** Replies of a pipeline, throwing the first command error. */
async function execPipeline(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** Unit, snapshot and (optionally) idempotency record in one round trip. */
export async function readForDispatch(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
  idempotencyKey?: string,
): Promise<DispatchRead> {
  const [unit, snap, deadlines, idem] = await Promise.all([
    redis.hgetall(keys.unit(unitId)),
    redis.hgetall(keys.snap(unitId)),
    redis.get(keys.deadlines(unitId)),
    idempotencyKey === undefined
      ? undefined
      : redis.hmget(
          keys.idempotency(unitId, idempotencyKey),
          'body',
          'seq',
          'version',
          'hash',
          'phase',
          'effects',
        ),
  ]);
  return {
    unit: parseCached(parsedUnits, keys.unit(unitId), unit, parseUnit),
    snap: parseCached(parsedSnaps, keys.snap(unitId), snap, parseSnap),
    idempotency: parseIdempotency(idem),
    deadlinesJson: typeof deadlines === 'string' ? deadlines : null,
  };
}

/** Unit, snapshot and open deadlines in one round trip. */
export async function readUnitState(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
): Promise<{ unit: StoredUnit | null; snap: StoredSnap | null; deadlines: Deadline[] }> {
  const [unit, snap, deadlines] = await Promise.all([
    redis.hgetall(keys.unit(unitId)),
    redis.hgetall(keys.snap(unitId)),
    redis.get(keys.deadlines(unitId)),
  ]);
  return {
    unit: parseUnit(unit),
    snap: parseSnap(snap),
    deadlines: typeof deadlines === 'string' ? deadlineSetSchema.parse(deadlines) : [],
  };
}

/** One hash per id (key from `keyOf`) in one round trip, each parsed; missing ids map to null. */
async function readParsedHashes<T>(
  redis: Redis,
  ids: readonly string[],
  keyOf: (id: string) => string,
  parse: (raw: Record<string, string> | undefined) => T | null,
): Promise<(T | null)[]> {
  const replies = await Promise.all(ids.map((id) => redis.hgetall(keyOf(id))));
  return replies.map((raw) => parse(raw));
}

/** Organisation hashes of `ids` in one round trip; missing ids map to null. */
export function readUnits(
  redis: Redis,
  keys: KeySpace,
  ids: readonly string[],
): Promise<(StoredUnit | null)[]> {
  return readParsedHashes(redis, ids, (id) => keys.unit(id), parseUnit);
}

/** Snapshot hashes of `ids` in one round trip; missing ids map to null. */
export function readSnaps(
  redis: Redis,
  keys: KeySpace,
  ids: readonly string[],
): Promise<(StoredSnap | null)[]> {
  return readParsedHashes(redis, ids, (id) => keys.snap(id), parseSnap);
}

/** Units with their snapshots, in one round trip; entries whose unit is missing are dropped. */
export async function readUnitsWithSnaps(
  redis: Redis,
  keys: KeySpace,
  ids: readonly string[],
): Promise<{ unit: StoredUnit; snap: StoredSnap }[]> {
  const [units, snaps] = await Promise.all([readUnits(redis, keys, ids), readSnaps(redis, keys, ids)]);
  return units.flatMap((unit, i) => {
    const snap = snaps[i];
    return unit && snap ? [{ unit, snap }] : [];
  });
}

/** Ids of the direct subordinates of `unitId`, sorted. */
export async function readChildIds(redis: Redis, keys: KeySpace, unitId: string): Promise<string[]> {
  return (await redis.smembers(keys.children(unitId))).sort();
}

/** Walks a set with SSCAN, yielding batches of members (never KEYS). */
export async function* scanSet(redis: Redis, key: string, count = 500): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, members] = await redis.sscan(key, cursor, 'COUNT', count);
    cursor = next;
    if (members.length > 0) yield members;
  } while (cursor !== '0');
}

/** Ids of `rootId` and all its descendants, root first, one pipelined round trip per tree level. */
export async function readSubtreeIds(redis: Redis, keys: KeySpace, rootId: string): Promise<string[]> {
  const ids = [rootId];
  let level = [rootId];
  while (level.length > 0) {
    const children = await Promise.all(level.map((id) => redis.smembers(keys.children(id))));
    level = children.flatMap((ids) => ids.sort());
    ids.push(...level);
  }
  return ids;
}

export { execPipeline };
