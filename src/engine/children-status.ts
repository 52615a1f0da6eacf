/**
 * Direct subordinates with their status (phase, flags, overdue count, at-risk reasons, next due
 * time), a page of them filtered and sorted, and the units at risk in a whole subtree.
 */
import { z } from 'zod';
import { riskReasons } from '../../machines/index.js';
import type { Deadline } from '../../machines/domain.js';
import {
  deadlineSetSchema,
  milestonesSchema,
  phaseSchema,
  readSubtreeIds,
  storedUnitSchema,
} from '../store/index.js';
import type { Principal } from '../domain/index.js';
import { ValidationError } from '../shared/errors.js';
import { assertCanRead, unknownUnit } from './access.js';
import type { EngineContext } from './context.js';
import type { AtRiskPage, ChildStatus, ChildrenCursor, ChildrenPage, ChildrenQuery } from './engine.types.js';
import { flagsOf } from './reads.js';

/** A unit's snap hash fields phase, version and milestones (HMGET p v m), leaving the snapshot JSON unread. */
const childSnapSchema = z
  .tuple([phaseSchema, z.coerce.number().int().nonnegative(), z.string()])
  .transform(([phase, version, m]) => {
    const milestones = milestonesSchema.parse(JSON.parse(m));
    return { phase, version, flags: flagsOf(milestones), riskReasons: riskReasons(milestones) };
  });

const stringOrNull = z.string().nullable();

function deadlinesOf(deadlinesJson: unknown): Deadline[] {
  return deadlinesJson === null ? [] : deadlineSetSchema.parse(stringOrNull.parse(deadlinesJson));
}

/** One child from its three replies, or null when its hashes are missing (half-imported). */
function childStatusOf(replies: unknown[], now: number): ChildStatus | null {
  const [unitRaw, snapRaw, deadlinesJson] = replies;
  const fields = unitRaw as Record<string, string>;
  if (Object.keys(fields).length === 0 || (snapRaw as unknown[]).every((v) => v === null)) return null;
  const { unit } = storedUnitSchema.parse(fields);
  const deadlines = deadlinesOf(deadlinesJson);
  const dues = deadlines.map((d) => d.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    ...unit,
    ...childSnapSchema.parse(snapRaw),
    overdueDeadlines: deadlines.filter((d) => Date.parse(d.dueAt) < now).length,
    nextDueAt: dues[0] ?? null,
  };
}

/**
 * Direct subordinates with phase, version, flags, risk reasons and the number of overdue deadlines
 * (at the engine clock), sorted by id. Two round trips whatever the number of children: the parent
 * with its child ids, then every child's organisation hash, phase/version/milestones and deadline set.
 */
export async function childrenWithStatus(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
): Promise<ChildStatus[]> {
  const { redis, keys } = ctx;
  const [parent, childIds] = await Promise.all([
    redis.hgetall(keys.unit(unitId)),
    redis.smembers(keys.children(unitId)),
  ]);
  if (Object.keys(parent).length === 0) throw unknownUnit(principal, unitId);
  const { unit, ancestorIds } = storedUnitSchema.parse(parent);
  assertCanRead(principal, unit, ancestorIds);
  const ids = z.array(z.string()).parse(childIds).sort();
  if (ids.length === 0) return [];
  const replies = await Promise.all(
    ids.flatMap((id) => [
      redis.hgetall(keys.unit(id)),
      redis.hmget(keys.snap(id), 'p', 'v', 'm'),
      redis.get(keys.deadlines(id)),
    ]),
  );
  const now = ctx.clock.now().getTime();
  // Dissolved and merged units stay in the children set for audit walks, but are no longer subordinates.
  return ids
    .map((_, i) => childStatusOf(replies.slice(3 * i, 3 * i + 3), now))
    .filter((child): child is ChildStatus => child !== null && child.status === undefined);
}

export const MAX_CHILDREN_PAGE = 1_000;

function matches(child: ChildStatus, query: ChildrenQuery): boolean {
  const q = query.q?.toLocaleLowerCase('vi');
  if (q && !`${child.name} ${child.id}`.toLocaleLowerCase('vi').includes(q)) return false;
  if (query.phase !== undefined && child.phase !== query.phase) return false;
  if (query.block !== undefined && child.block !== query.block) return false;
  if (query.atRisk !== undefined && child.riskReasons.length > 0 !== query.atRisk) return false;
  return true;
}

/** Sort key by due time: ISO instants compare as text once normalised; units without one sort last. */
const dueKey = (child: ChildStatus) =>
  child.nextDueAt === null ? '~' : new Date(child.nextDueAt).toISOString();

function compare(sort: ChildrenQuery['sort']) {
  if (sort !== 'due') return (a: ChildStatus, b: ChildStatus) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return (a: ChildStatus, b: ChildStatus) => {
    const [x, y] = [dueKey(a), dueKey(b)];
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function isAfter(child: ChildStatus, cursor: ChildrenCursor, sort: ChildrenQuery['sort']): boolean {
  if (sort !== 'due') return child.id > cursor.id;
  const key = dueKey(child);
  const due = cursor.due ?? '~';
  return key > due || (key === due && child.id > cursor.id);
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHILDREN_PAGE)
    throw new ValidationError('invalid page', [
      { path: 'limit', message: `must be an integer in 1..${MAX_CHILDREN_PAGE}` },
    ]);
}

/**
 * One page of direct subordinates: filtered (q, phase, block, atRisk), sorted by id or due time, at
 * most `limit` (default 100, max 1,000) after the cursor. Keyset paging: a child added or removed
 * between pages neither repeats nor hides the others.
 */
export async function childrenPage(
  ctx: EngineContext,
  unitId: string,
  query: ChildrenQuery,
  principal: Principal,
): Promise<ChildrenPage> {
  const limit = query.limit ?? 100;
  checkLimit(limit);
  const all = await childrenWithStatus(ctx, unitId, principal);
  const { after, sort } = query;
  const kept = all
    .filter((c) => matches(c, query))
    .sort(compare(sort))
    .filter((c) => after === undefined || isAfter(c, after, sort));
  const children = kept.slice(0, limit);
  const last = children.at(-1);
  if (kept.length <= limit || !last) return { children, next: null };
  return { children, next: sort === 'due' ? { id: last.id, due: dueKey(last) } : { id: last.id } };
}

const BATCH = 500;

/** Risk of each id: its organisation name/level/block and the reasons its milestones give. */
async function riskOf(ctx: EngineContext, ids: readonly string[]) {
  const replies = await Promise.all(
    ids.flatMap((id) => [
      ctx.redis.hgetall(ctx.keys.unit(id)),
      ctx.redis.hmget(ctx.keys.snap(id), 'p', 'v', 'm'),
    ]),
  );
  return ids.map((_, i) => {
    const fields = replies[2 * i] as Record<string, string>;
    const snap = replies[2 * i + 1] as (string | null)[];
    if (Object.keys(fields).length === 0 || snap.every((v) => v === null)) return null;
    const { unit } = storedUnitSchema.parse(fields);
    if (unit.status !== undefined) return null;
    const parsed = childSnapSchema.parse(snap);
    const { id, name, level, block } = unit;
    return { id, name, level, block, phase: parsed.phase, riskReasons: parsed.riskReasons };
  });
}

/**
 * Units at risk in the subtree of `unitId` (itself included), in subtree order (root first, level by
 * level), at most `limit` (default 100, max 1,000) per page; `after` is the last id examined before.
 * Nothing outside the subtree is listed, whatever alerts or other feeds say.
 */
export async function atRiskInSubtree(
  ctx: EngineContext,
  unitId: string,
  page: { limit?: number; after?: string },
  principal: Principal,
): Promise<AtRiskPage> {
  const limit = page.limit ?? 100;
  checkLimit(limit);
  const { redis, keys } = ctx;
  const root = await redis.hgetall(keys.unit(unitId));
  if (Object.keys(root).length === 0) throw unknownUnit(principal, unitId);
  const { unit, ancestorIds } = storedUnitSchema.parse(root);
  assertCanRead(principal, unit, ancestorIds);
  const ids = await readSubtreeIds(redis, keys, unitId);
  const start = page.after === undefined ? 0 : ids.indexOf(page.after) + 1;
  const units: AtRiskPage['units'] = [];
  for (let i = start; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const risks = await riskOf(ctx, batch);
    for (let j = 0; j < batch.length; j++) {
      const risk = risks[j];
      if (risk && risk.riskReasons.length > 0) units.push(risk);
      if (units.length === limit) {
        const more = i + j + 1 < ids.length;
        return { units, next: more ? batch[j]! : null };
      }
    }
  }
  return { units, next: null };
}
