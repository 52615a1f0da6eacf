import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilShareOf, floorShareOf, toFraction } from '../../../machines/rules/rational.js';

describe('exact shares', () => {
  it.each([
    [2 / 3, 2, 3],
    [0.5, 1, 2],
    [0.15, 3, 20],
    [0.3, 3, 10],
    [1, 1, 1],
    [0, 0, 1],
  ])('when %d is converted, then it is %i/%i', (share, num, den) => {
    expect(toFraction(share)).toEqual({ num, den });
  });

  it('when 2/3 of 30 is taken, then the ceiling is 20 (floating point would give 20 from 19.999…)', () => {
    expect(ceilShareOf(2 / 3, 30)).toBe(20);
    expect(ceilShareOf(2 / 3, 31)).toBe(21);
    expect(floorShareOf(0.5, 11)).toBe(5);
  });

  it('when any n is multiplied by k/m, then ceil and floor agree with integer arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(100_000),
        (k, m, n) => {
          fc.pre(k <= m);
          expect(ceilShareOf(k / m, n)).toBe(Math.floor((k * n + m - 1) / m));
          expect(floorShareOf(k / m, n)).toBe(Math.floor((k * n) / m));
        },
      ),
    );
  });

  it('when a share is negative, then it throws', () => {
    expect(() => toFraction(-0.1)).toThrow(/finite number ≥ 0/);
  });
});
