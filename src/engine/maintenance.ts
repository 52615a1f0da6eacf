/**
 * Whole-namespace maintenance: recount the roll-ups from the snapshots (and compare with the
 * incremental counters), and list stored deadline sets for the reconciler.
 */
import { milestonesOf, phaseOf } from '../../machines/index.js';
import {
  readRollups,
  readUnitsWithSnaps,
  rewriteRollups,
  scanDeadlineSets as scanStoredDeadlineSets,
  scanSet,
  type StoredDeadlineSet,
} from '../store/index.js';
import type { EngineContext } from './context.js';
import { addInto, contribution, sameCounters } from './rollup.js';

async function recount(ctx: EngineContext): Promise<Map<string, Map<string, number>>> {
  const counters = new Map<string, Map<string, number>>();
  for await (const batch of scanSet(ctx.redis, ctx.keys.allUnits)) {
    for (const { unit, snap } of await readUnitsWithSnaps(ctx.redis, ctx.keys, batch)) {
      if (!counters.has(unit.unit.id)) counters.set(unit.unit.id, new Map());
      // A dissolved or merged unit left its ancestors' totals; its own (empty) roll-up is still rewritten.
      if (unit.unit.status !== undefined) continue;
      const ruleSet = ctx.ruleSet(unit.input.ruleSetId);
      const phase = phaseOf(snap.snapshot);
      // The overdue marks are the overdue job's record, not derived from the snapshot: kept as stored.
      const overdue = snap.milestones.overdue ?? [];
      const milestones = {
        ...milestonesOf(snap.snapshot, ruleSet),
        ...(overdue.length > 0 ? { overdue } : {}),
      };
      const mine = contribution({ ...unit.unit, phase, milestones });
      for (const id of unit.ancestorIds) {
        const target = counters.get(id) ?? new Map<string, number>();
        counters.set(id, target);
        addInto(target, mine);
      }
    }
  }
  return counters;
}

async function allMatch(ctx: EngineContext, counters: Map<string, Map<string, number>>): Promise<boolean> {
  const ids = [...counters.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const stored = await readRollups(ctx.redis, ctx.keys, ids.slice(i, i + 500));
    for (const [id, fields] of stored) if (!sameCounters(fields, counters.get(id)!)) return false;
  }
  return true;
}

/**
 * Recounts every roll-up from the stored snapshots, reports whether the incremental counters
 * matched, then rewrites them. Run it while no events are being dispatched.
 */
export async function rebuildRollups(ctx: EngineContext): Promise<{ units: number; matches: boolean }> {
  const counters = await recount(ctx);
  const matches = await allMatch(ctx, counters);
  await rewriteRollups(ctx.redis, ctx.keys, counters);
  return { units: counters.size, matches };
}

/** Every unit with a stored, non-empty open deadline set. */
export function scanDeadlineSets(ctx: EngineContext): AsyncIterable<StoredDeadlineSet> {
  return scanStoredDeadlineSets(ctx.redis, ctx.keys);
}
