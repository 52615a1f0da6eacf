import { describe, expect, it } from 'vitest';
import { PHASES, type Milestones } from '../../machines/api.types.js';
import {
  addInto,
  contribution,
  contributionDelta,
  sameCounters,
  type RollupSubject,
} from '../../src/engine/rollup.js';

/**
 * Every combination of the four counted flags, each twice: with and without the fields the counters
 * do not read (results confirmed, the date held), which the remembered deltas' key leaves out.
 */
function milestoneVariants(): Milestones[] {
  return Array.from({ length: 32 }, (_, n) => ({
    congressHeld: (n & 1) > 0,
    heldOnTime: (n & 2) > 0,
    postponed: (n & 4) > 0,
    difficult: (n & 8) > 0,
    resultsConfirmed: n >= 16,
    ...(n >= 16 ? { congressHeldAt: '2020-05-20T09:00:00+07:00' } : {}),
  }));
}

function subjects(): RollupSubject[] {
  const places = [
    ['cell', 'ward'],
    ['base', 'agency'],
  ] as const;
  const phases = [PHASES[0], PHASES[3], PHASES[PHASES.length - 1]!];
  return places.flatMap(([level, block]) =>
    phases.flatMap((phase) => milestoneVariants().map((milestones) => ({ level, block, phase, milestones }))),
  );
}

describe('roll-up deltas remembered per (before, after) subject', () => {
  it('when every pair of subjects is asked in turn, then each answer equals after minus before', () => {
    const all = subjects();
    let wrong = 0;
    for (const before of all) {
      for (const after of all) {
        const expected = contribution(after);
        addInto(expected, contribution(before), -1);
        if (!sameCounters(contributionDelta(before, after), expected)) wrong++;
      }
    }
    expect(all).toHaveLength(192);
    expect(wrong).toBe(0);
  });
});
