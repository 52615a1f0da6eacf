/**
 * B1 naive baseline: what a user writes first. Each event GETs the unit's JSON document, runs the same
 * pure transition, and SETs it back; each ancestor's progress counters are a JSON document updated
 * the same way. Nothing is atomic, so concurrent writers overwrite each other: lost updates.
 */
import type { Redis } from 'ioredis';
import type { PersistedCongressSnapshot } from '../machines/api.types.js';
import { applyEvent, milestonesOf, phaseOf } from '../machines/index.js';
import { getRuleSet } from '../machines/rules/index.js';
import { contributionDelta } from '../src/engine/rollup.js';
import type { BenchUnit } from './support/bench-units.js';

interface NaiveDoc {
  snapshot: PersistedCongressSnapshot;
  version: number;
  log: { seq: number; type: string; at: string }[];
}

const docKey = (prefix: string, id: string) => `${prefix}:naive:{${id}}`;
const rollupKey = (prefix: string, id: string) => `${prefix}:naive:{${id}}:rollup`;

/** Writes the starting documents: every unit's current snapshot, empty counters for its ancestors. */
export async function seedNaive(redis: Redis, prefix: string, units: readonly BenchUnit[]): Promise<void> {
  const pipeline = redis.pipeline();
  for (const u of units) {
    const doc: NaiveDoc = { snapshot: u.snapshot, version: 0, log: [] };
    pipeline.set(docKey(prefix, u.id), JSON.stringify(doc));
    for (const a of u.ancestorIds) pipeline.set(rollupKey(prefix, a), '{}', 'NX');
  }
  await pipeline.exec();
}

async function bumpCounters(redis: Redis, key: string, delta: ReadonlyMap<string, number>): Promise<void> {
  const counters = JSON.parse((await redis.get(key)) ?? '{}') as Record<string, number>;
  for (const [field, d] of delta) counters[field] = (counters[field] ?? 0) + d;
  await redis.set(key, JSON.stringify(counters));
}

/** Sends one event the naive way; throws when the machine refuses it. */
export async function naiveDispatch(
  redis: Redis,
  prefix: string,
  unit: BenchUnit,
  event: { type: string; payload: Record<string, unknown>; at: string },
): Promise<void> {
  const doc = JSON.parse((await redis.get(docKey(prefix, unit.id))) ?? 'null') as NaiveDoc;
  const seq = doc.version + 1;
  const actor = { id: 'sc:central', role: 'standing_committee' as const };
  const outcome = applyEvent(doc.snapshot, { ...event, seq, actor });
  if (!outcome.ok) throw new Error(`naive ${event.type} refused on ${unit.id}: ${outcome.message}`);
  const ruleSet = getRuleSet(unit.ruleSetId);
  const where = { level: unit.level, block: unit.block };
  const delta = contributionDelta(
    { ...where, phase: phaseOf(doc.snapshot), milestones: milestonesOf(doc.snapshot, ruleSet) },
    { ...where, phase: outcome.phase, milestones: milestonesOf(outcome.snapshot, ruleSet) },
  );
  const next: NaiveDoc = {
    snapshot: outcome.snapshot,
    version: seq,
    log: [...doc.log, { seq, type: event.type, at: event.at }],
  };
  await redis.set(docKey(prefix, unit.id), JSON.stringify(next));
  for (const a of unit.ancestorIds) await bumpCounters(redis, rollupKey(prefix, a), delta);
}

/** Sum of every `…|atRisk` counter in the naive roll-up document of `unitId`. */
export async function naiveAtRisk(redis: Redis, prefix: string, unitId: string): Promise<number> {
  const counters = JSON.parse((await redis.get(rollupKey(prefix, unitId))) ?? '{}') as Record<string, number>;
  return Object.entries(counters)
    .filter(([field]) => field.endsWith('|atRisk'))
    .reduce((sum, [, v]) => sum + v, 0);
}
