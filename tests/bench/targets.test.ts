import { describe, expect, it } from 'vitest';
import {
  B1_CPU,
  B1_DISPATCH,
  B1_LOST,
  B2_CHANGES,
  B2_CPU,
  B3_CPU,
  B3_P99,
  B4_IMPORT,
  B4_MEMORY,
  B4_ROOT_P99,
  B5_INSTANT,
  B5_SPREAD,
  B6_CPU,
  B7_P99,
  judge,
  type Target,
} from '../../bench/targets.js';

/** [value, baseline, met] on both sides of each target's boundary and at it. */
const cases: [string, Target, [number, number, boolean][]][] = [
  [
    'B3 CPU at most 2× the bare route',
    B3_CPU,
    [
      [311, 156, true],
      [312, 156, true],
      [313, 156, false],
    ],
  ],
  [
    'B3 p99 under 25 ms',
    B3_P99,
    [
      [24.9, NaN, true],
      [25, NaN, false],
      [25.1, NaN, false],
    ],
  ],
  [
    'B5 instant storm within 1.25× of BullMQ alone',
    B5_INSTANT,
    [
      [12.4, 10, true],
      [12.5, 10, true],
      [12.6, 10, false],
    ],
  ],
  [
    'B6 at most 20 µs per event',
    B6_CPU,
    [
      [19.9, NaN, true],
      [20, NaN, true],
      [20.1, NaN, false],
    ],
  ],
  [
    'B7 /healthz p99 at most 100 ms',
    B7_P99,
    [
      [99.9, NaN, true],
      [100, NaN, true],
      [100.1, NaN, false],
    ],
  ],
  [
    'B1 dispatch rate',
    B1_DISPATCH,
    [
      [19_999, 40_000, false],
      [20_000, 80_000, true],
      [20_000, 80_001, false],
      [30_000, 80_000, true],
    ],
  ],
  [
    'B1 no lost update',
    B1_LOST,
    [
      [0, NaN, true],
      [1, NaN, false],
    ],
  ],
  [
    'B1 CPU',
    B1_CPU,
    [
      [99.9, NaN, true],
      [100, NaN, true],
      [100.1, NaN, false],
    ],
  ],
  [
    'B2 rate',
    B2_CHANGES,
    [
      [4_999, NaN, false],
      [5_000, NaN, true],
    ],
  ],
  [
    'B2 CPU',
    B2_CPU,
    [
      [400, NaN, true],
      [400.1, NaN, false],
    ],
  ],
  [
    'B4 import',
    B4_IMPORT,
    [
      [119.9, NaN, true],
      [120, NaN, false],
    ],
  ],
  [
    'B4 memory',
    B4_MEMORY,
    [
      [4095, NaN, true],
      [4096, NaN, false],
    ],
  ],
  [
    'B4 root p99',
    B4_ROOT_P99,
    [
      [1.99, NaN, true],
      [2, NaN, false],
    ],
  ],
  [
    'B5 spread storm',
    B5_SPREAD,
    [
      [1.99, NaN, true],
      [2, NaN, false],
    ],
  ],
];

describe('bench/targets.ts', () => {
  for (const [name, target, points] of cases) {
    it(`when a figure meets or misses the ${name} target, then the verdict says so, at the boundary too`, () => {
      for (const [value, baseline, met] of points) {
        expect(judge(target, value, baseline), `${value} against ${baseline}`).toEqual({
          target: target.text,
          met,
        });
      }
    });
  }

  it('when the report prints a restated target, then it reads as a same-run ratio', () => {
    expect(B3_CPU.text).toBe('≤ 2× the bare Express 5 route');
    expect(B3_P99.text).toBe('< 25 ms at 2,000 POST/s offered');
    expect(B5_INSTANT.text).toBe('≤ 1.25× BullMQ alone');
    expect(B6_CPU.text).toBe('≤ 20 µs');
  });
});
