/**
 * Loads the imported units a benchmark drives: ids, level, block, ancestors and current snapshot,
 * read through the store's validating readers in pipelined batches.
 */
import type { Redis } from 'ioredis';
import type { Milestones, PersistedCongressSnapshot, Phase } from '../../machines/api.types.js';
import { createKeySpace, readUnitsWithSnaps, scanSet } from '../../src/store/index.js';

/** One imported unit as the drivers need it. */
export interface BenchUnit {
  id: string;
  level: string;
  block: string;
  ruleSetId: string;
  /** Nearest first. */
  ancestorIds: string[];
  snapshot: PersistedCongressSnapshot;
  phase: Phase;
  milestones: Milestones;
}

/** Every unit id under `prefix`, sorted. */
export async function allUnitIds(redis: Redis, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of scanSet(redis, createKeySpace(prefix).allUnits, 2000)) ids.push(...batch);
  return ids.sort();
}

/** Loads `ids` (in batches of 1,000) with their stored state. */
export async function loadUnits(redis: Redis, prefix: string, ids: readonly string[]): Promise<BenchUnit[]> {
  const keys = createKeySpace(prefix);
  const out: BenchUnit[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000);
    const rows = await readUnitsWithSnaps(redis, keys, slice);
    rows.forEach(({ unit, snap }) =>
      out.push({
        id: unit.unit.id,
        level: unit.unit.level,
        block: unit.unit.block,
        ruleSetId: unit.input.ruleSetId,
        ancestorIds: [...unit.ancestorIds],
        snapshot: snap.snapshot,
        phase: snap.phase,
        milestones: snap.milestones,
      }),
    );
  }
  return out;
}
