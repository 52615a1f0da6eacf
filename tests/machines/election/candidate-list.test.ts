import { describe, expect, it } from 'vitest';
import {
  cellElectsCommittee,
  checkCandidateSurplus,
  splitDelegates,
} from '../../../machines/election/election.js';
import { getRuleSet } from '../../../machines/rules/index.js';

const rules = getRuleSet('2020-2025').election;

describe('checkCandidateSurplus', () => {
  it.each([
    // seats, candidates, surplus, withinRecommended, allowed
    [20, 22, 2, true, true],
    [20, 23, 3, true, true],
    [20, 21, 1, false, true],
    [20, 24, 4, false, true],
    [10, 13, 3, false, true],
    [10, 14, 4, false, false],
    [20, 20, 0, false, false],
    [20, 19, -1, false, false],
  ])(
    'when %i seats have %i candidates, then the surplus is %i (recommended %s, allowed %s)',
    (seats, candidates, surplus, recommended, allowed) => {
      const check = checkCandidateSurplus(seats, candidates, rules);
      expect(check).toMatchObject({ surplus, withinRecommended: recommended, allowed });
      expect(check.share).toBeCloseTo(surplus / seats);
    },
  );

  it('when the list does not exceed the seats, then the reason says so', () => {
    expect(checkCandidateSurplus(9, 9, rules).reason).toBe('9 candidates do not exceed 9 seats');
  });

  it('when the cap is exceeded, then the reason names both shares', () => {
    expect(checkCandidateSurplus(10, 14, rules).reason).toBe('surplus 40% exceeds the cap of 30%');
  });

  it('when allowed but outside the band, then the reason names the band', () => {
    expect(checkCandidateSurplus(20, 21, rules).reason).toBe('surplus 5% is outside the recommended 10%–15%');
    expect(checkCandidateSurplus(20, 22, rules).reason).toBeUndefined();
  });

  it.each([
    [0, 5, /seats must be an integer ≥ 1/],
    [5, -1, /candidates must be an integer ≥ 0/],
  ])('when seats %i and candidates %i, then it throws', (seats, candidates, message) => {
    expect(() => checkCandidateSurplus(seats, candidates, rules)).toThrow(message);
  });
});

describe('cellElectsCommittee', () => {
  it.each([
    [3, false],
    [8, false],
    [9, true],
    [40, true],
  ])('when a cell has %i full members, then it elects a committee: %s', (members, expected) => {
    expect(cellElectsCommittee(members, rules)).toBe(expected);
  });
});

describe('splitDelegates', () => {
  it('when delegates are elected on one list, then the first are official and the rest alternates', () => {
    const lists = splitDelegates({ elected: ['a', 'b', 'c', 'd'] }, 3, 2);
    expect(lists).toEqual({ official: ['a', 'b', 'c'], alternates: ['d'] });
  });

  it('when more are elected than official plus alternate seats, then it throws', () => {
    expect(() => splitDelegates({ elected: ['a', 'b', 'c'] }, 1, 1)).toThrow(
      /3 elected exceed 1 official \+ 1 alternate seats/,
    );
  });
});
