/**
 * The small read a firing deadline job needs: the unit's place in the tree and its stored open
 * deadline set, without the snapshot JSON, the creation input or the statechart. One pipelined
 * round trip, validated like every other read of the store.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Deadline } from '../../machines/domain.js';
import type { KeySpace } from '../store/keys.js';
import { deadlineSetSchema } from '../store/records.js';

/** Organisation hash fields the alert path reads (HMGET order). */
const UNIT_FIELDS = ['id', 'workingGroup', 'ancestors', 'status'] as const;

const idListSchema = z.array(z.string().min(1));

const ancestorIdsSchema = z.string().transform((text, ctx): string[] => {
  try {
    return idListSchema.parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'ancestors must be a JSON array of unit ids' });
    return z.NEVER;
  }
});

const unitFieldsSchema = z
  .tuple([z.string().min(1), z.string(), ancestorIdsSchema, z.enum(['dissolved', 'merged']).nullable()])
  .transform(([id, workingGroup, ancestorIds, status]) => ({
    id,
    workingGroup: workingGroup === '' ? null : workingGroup,
    ancestorIds,
    closed: status !== null,
  }));

const versionSchema = z.coerce.number().int().nonnegative();

/** What a deadline firing needs about its unit. */
export interface AlertContext {
  unitId: string;
  /** The unit's working group, null when none is assigned. */
  workingGroup: string | null;
  /** Parent, grandparent, … root, as cached on the unit hash. */
  ancestorIds: string[];
  /** True once the unit was dissolved or merged. */
  closed: boolean;
  /** Snapshot version (= last log seq). */
  version: number;
  /** The stored open deadline set; empty when the unit has none. */
  deadlines: Deadline[];
}

/**
 * Unit fields, snapshot version and open deadline set of `unitId` in one round trip; null when the
 * unit or its snapshot does not exist. Corrupted values fail with a zod error.
 */
export async function readAlertContext(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
): Promise<AlertContext | null> {
  // Sent together (see unit-store.ts on reads without an explicit pipeline).
  const [values, version, deadlines] = await Promise.all([
    redis.hmget(keys.unit(unitId), ...UNIT_FIELDS),
    redis.hget(keys.snap(unitId), 'v'),
    redis.get(keys.deadlines(unitId)),
  ]);
  if (values[0] === null || version === null) return null;
  const unit = unitFieldsSchema.parse(values);
  return {
    unitId: unit.id,
    workingGroup: unit.workingGroup,
    ancestorIds: unit.ancestorIds,
    closed: unit.closed,
    version: versionSchema.parse(version),
    deadlines: typeof deadlines === 'string' ? deadlineSetSchema.parse(deadlines) : [],
  };
}

/** The working group of each of `unitIds` (null when none is assigned or the unit is missing). */
export async function readWorkingGroups(
  redis: Redis,
  keys: KeySpace,
  unitIds: readonly string[],
): Promise<(string | null)[]> {
  const replies = await Promise.all(unitIds.map((id) => redis.hget(keys.unit(id), 'workingGroup')));
  return replies.map((raw) => z.string().nullable().parse(raw) || null);
}

/** The reads of the alert path, bound to one client and namespace. */
export interface AlertContextReader {
  read(unitId: string): Promise<AlertContext | null>;
  workingGroupOf(unitId: string): Promise<string | null>;
}

/** Binds `readAlertContext` and `readWorkingGroups` to `redis` and `keys`. */
export function createAlertContextReader(redis: Redis, keys: KeySpace): AlertContextReader {
  return {
    read: (unitId) => readAlertContext(redis, keys, unitId),
    workingGroupOf: async (unitId) => (await readWorkingGroups(redis, keys, [unitId]))[0] ?? null,
  };
}
