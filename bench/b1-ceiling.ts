/**
 * B1 ceiling: bench/lua/ceiling-append.lua does the Redis writes of one accepted event with every
 * payload computed before the clock starts, through the same client and at the same concurrency.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { sealRecord } from '../src/engine/hash-chain.js';
import { rollupField } from '../src/store/index.js';
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

function precompute(prefix: string, unit: BenchUnit, type: string, delta: number): CeilingCall {
  const k = (id: string, name: string) => `${prefix}:ceil:{${id}}:${name}`;
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
  const snapshotJson = JSON.stringify(unit.snapshot);
  const milestones = JSON.stringify({ ...unit.milestones, difficult: delta > 0 });
  return {
    keys: [
      k(unit.id, 'snap'),
      k(unit.id, 'log'),
      k(unit.id, 'deadlines'),
      `${prefix}:ceil:units-with-deadlines`,
      ...unit.ancestorIds.map((id) => k(id, 'rollup')),
    ],
    args: [
      canonical,
      record.hash,
      snapshotJson,
      unit.phase,
      milestones,
      unit.deadlinesJson,
      unit.id,
      rollupField(unit.level, unit.block, 'atRisk'),
      String(delta),
    ],
  };
}

/** The flag (+1 atRisk) and clear (−1) calls of every unit, computed ahead of the timed runs. */
export function prepareCeiling(
  prefix: string,
  units: readonly BenchUnit[],
): Map<string, [CeilingCall, CeilingCall]> {
  return new Map(
    units.map((u) => [
      u.id,
      [
        precompute(prefix, u, 'unit.flagged_difficult', 1),
        precompute(prefix, u, 'unit.difficulty_cleared', -1),
      ],
    ]),
  );
}

/** Registers the script on `redis` and returns a caller. */
export function ceilingAppender(redis: Redis): (call: CeilingCall) => Promise<number> {
  redis.defineCommand('benchCeilingAppend', { lua: script });
  const typed = redis as Redis & CeilingCommands;
  return (call) => typed.benchCeilingAppend(call.keys.length, ...call.keys, ...call.args);
}
