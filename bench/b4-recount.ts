/**
 * B4 baseline: progress recounted by scanning the snapshots of a subtree (what a system without
 * incremental roll-ups does), with the same row shape as `engine.progress`, so the two can be compared.
 */
import type { Redis } from 'ioredis';
import type { ProgressRow } from '../src/engine/index.js';
import { addInto, contribution, progressRows } from '../src/engine/rollup.js';
import { createKeySpace, readChildIds, readUnitsWithSnaps, scanSet } from '../src/store/index.js';

const BATCH = 1000;

/** Ids of the strict subtree of `rootId`, walking the children sets breadth-first. */
export async function subtreeIds(redis: Redis, prefix: string, rootId: string): Promise<string[]> {
  const keys = createKeySpace(prefix);
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) ids.push(...(await readChildIds(redis, keys, ids[i]!)));
  return ids.slice(1);
}

/** Every unit id, through SSCAN of the unit index. */
export async function everyUnitId(redis: Redis, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of scanSet(redis, createKeySpace(prefix).allUnits, BATCH)) ids.push(...batch);
  return ids;
}

/** Progress of `rootId` recounted from the stored snapshots of `candidates` (units outside its subtree are skipped). */
export async function recountProgress(
  redis: Redis,
  prefix: string,
  rootId: string,
  candidates: readonly string[],
): Promise<ProgressRow[]> {
  const keys = createKeySpace(prefix);
  const counters = new Map<string, number>();
  for (let i = 0; i < candidates.length; i += BATCH) {
    for (const { unit, snap } of await readUnitsWithSnaps(redis, keys, candidates.slice(i, i + BATCH))) {
      if (!unit.ancestorIds.includes(rootId)) continue;
      addInto(counters, contribution({ ...unit.unit, phase: snap.phase, milestones: snap.milestones }));
    }
  }
  return progressRows(counters);
}
