/**
 * Loads the imported units a benchmark drives: ids, level, block, ancestors and current snapshot,
 * read through the store's validating readers in pipelined batches.
 */
import type { Redis } from 'ioredis';
import type { Milestones, PersistedCongressSnapshot, Phase } from '../../machines/api.types.js';
import { createKeySpace, execPipeline, readUnitsWithSnaps, scanSet } from '../../src/store/index.js';

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
  /** Stored open deadline set JSON, '' when none. */
  deadlinesJson: string;
}

/** Every unit id under `prefix`, sorted. */
export async function allUnitIds(redis: Redis, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of scanSet(redis, createKeySpace(prefix).allUnits, 2000)) ids.push(...batch);
  return ids.sort();
}

async function deadlineJsons(redis: Redis, prefix: string, ids: readonly string[]): Promise<string[]> {
  const keys = createKeySpace(prefix);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.get(keys.deadlines(id));
  const replies = await execPipeline(pipeline);
  return replies.map((r) => (typeof r === 'string' ? r : ''));
}

/** Loads `ids` (in batches of 1,000) with their stored state. */
export async function loadUnits(redis: Redis, prefix: string, ids: readonly string[]): Promise<BenchUnit[]> {
  const keys = createKeySpace(prefix);
  const out: BenchUnit[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000);
    const rows = await readUnitsWithSnaps(redis, keys, slice);
    const deadlines = await deadlineJsons(
      redis,
      prefix,
      rows.map((r) => r.unit.unit.id),
    );
    rows.forEach(({ unit, snap }, k) =>
      out.push({
        id: unit.unit.id,
        level: unit.unit.level,
        block: unit.unit.block,
        ruleSetId: unit.input.ruleSetId,
        ancestorIds: [...unit.ancestorIds],
        snapshot: snap.snapshot,
        phase: snap.phase,
        milestones: snap.milestones,
        deadlinesJson: deadlines[k] ?? '',
      }),
    );
  }
  return out;
}
