/**
 * B1 ceiling: bench/lua/ceiling-append.lua does the Redis writes of one accepted event with every
 * payload computed before the clock starts, through the same client and at the same concurrency.
 * Its calls are built from the same `AppendEventInput` the product's append takes, so a test can
 * run both scripts on one input and compare what they leave.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { sealRecord } from '../src/engine/hash-chain.js';
import { createKeySpace, rollupField, type AppendEventInput, type KeySpace } from '../src/store/index.js';
import type { BenchUnit } from './support/bench-units.js';

interface CeilingCommands {
  benchCeilingAppend(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
}

/** Keys and arguments of one precomputed append. */
export interface CeilingCall {
  keys: string[];
  args: string[];
}

const script = readFileSync(new URL('./lua/ceiling-append.lua', import.meta.url), 'utf8');

/**
 * The ceiling's keys and arguments for `input` in namespace `keys` (see the script's header). The
 * version check and the idempotency record of the product's append have no counterpart here.
 */
export function ceilingCall(keys: KeySpace, input: AppendEventInput): CeilingCall {
  const args = [
    input.recordJson,
    input.hash,
    input.snapshotJson,
    input.phase,
    input.milestonesJson,
    input.deadlinesJson ?? '',
    input.unitId,
    input.occurredAt,
    input.correctionsJson ?? '',
  ];
  for (const [field, delta] of input.rollupDeltas) if (delta !== 0) args.push(field, String(delta));
  return {
    keys: [
      keys.snap(input.unitId),
      keys.log(input.unitId),
      keys.deadlines(input.unitId),
      keys.unitsWithDeadlines,
      ...input.ancestorIds.map((id) => keys.rollup(id)),
    ],
    args,
  };
}

/** A flag (+1 atRisk) or clear (−1) of `unit`, its deadline set unchanged, as the engine sends it. */
function precompute(keys: KeySpace, unit: BenchUnit, type: string, delta: number): CeilingCall {
  const { record, canonical } = sealRecord({
    seq: 1,
    type,
    payload: { reason: 'benchmark' },
    actor: { kind: 'token', principalId: 'bench', role: 'standing_committee', scope: 'subtree:central' },
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    late: false,
    backfilled: false,
    machineVersion: 2,
    prevHash: '0'.repeat(64),
  });
  return ceilingCall(keys, {
    unitId: unit.id,
    ancestorIds: unit.ancestorIds,
    expectedVersion: 0,
    recordJson: canonical,
    hash: record.hash,
    snapshotJson: JSON.stringify(unit.snapshot),
    phase: unit.phase,
    milestonesJson: JSON.stringify({ ...unit.milestones, difficult: delta > 0 }),
    deadlinesJson: '=',
    effectsJson: '[]',
    orgRevision: 0,
    occurredAt: record.occurredAt,
    rollupDeltas: new Map([[rollupField(unit.level, unit.block, 'atRisk'), delta]]),
  });
}

/** The flag and clear calls of every unit, in their own namespace `<prefix>:ceil`, computed ahead of the timed runs. */
export function prepareCeiling(
  prefix: string,
  units: readonly BenchUnit[],
): Map<string, [CeilingCall, CeilingCall]> {
  const keys = createKeySpace(`${prefix}:ceil`);
  return new Map(
    units.map((u) => [
      u.id,
      [precompute(keys, u, 'unit.flagged_difficult', 1), precompute(keys, u, 'unit.difficulty_cleared', -1)],
    ]),
  );
}

/** Registers the script on `redis` and returns a caller. */
export function ceilingAppender(redis: Redis): (call: CeilingCall) => Promise<number> {
  redis.defineCommand('benchCeilingAppend', { lua: script });
  const typed = redis as Redis & CeilingCommands;
  return (call) => typed.benchCeilingAppend(call.keys.length, ...call.keys, ...call.args);
}
