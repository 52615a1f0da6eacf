import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeElectionRound, type ElectionRoundInput } from '../../../machines/election/election.js';

/** A round with sensible defaults: 11 summoned, no exclusions, one seat, another-round tie rule. */
function round(overrides: Partial<ElectionRoundInput>): ElectionRoundInput {
  return { summoned: 11, exclusions: [], seats: 1, votes: [], ...overrides };
}

const tally = (entries: Record<string, number>) =>
  Object.entries(entries).map(([candidateId, votes]) => ({ candidateId, votes }));

describe('computeElectionRound: the majority base', () => {
  it('when a cell of 11 full members has 10 present (DOMAIN §4), then 6 votes are needed and 5 is not elected', () => {
    const result = computeElectionRound(round({ seats: 2, votes: tally({ an: 6, binh: 5 }) }));
    expect(result).toMatchObject({ base: 11, votesNeeded: 6, elected: ['an'], notElected: ['binh'] });
    expect(result).toMatchObject({ seatsRemaining: 1, needsAnotherRound: true });
  });

  it.each([
    // summoned, exclusions, base, votesNeeded
    [11, [], 11, 6],
    [10, [], 10, 6],
    [11, [{ reason: 'suspended', count: 1 }], 10, 6],
    [
      11,
      [
        { reason: 'suspended', count: 1 },
        { reason: 'excused', count: 1 },
      ],
      9,
      5,
    ],
    [300, [{ reason: 'absent throughout, no alternate', count: 4 }], 296, 149],
  ])(
    'when %i are summoned with exclusions %j, then the base is %i and %i votes are needed',
    (summoned, exclusions, base, needed) => {
      const result = computeElectionRound(
        round({ summoned, exclusions, votes: tally({ a: needed, b: needed - 1 }) }),
      );
      expect(result.base).toBe(base);
      expect(result.votesNeeded).toBe(needed);
      expect(result.elected).toEqual(['a']);
      expect(result.notElected).toEqual(['b']);
    },
  );

  it('when 5 of 9 valid ballots back a candidate out of 11 summoned, then the candidate is not elected', () => {
    // Over half of the valid ballots but not over half of those summoned.
    const result = computeElectionRound(round({ votes: tally({ a: 5 }) }));
    expect(result.elected).toEqual([]);
    expect(result.needsAnotherRound).toBe(true);
  });
});

describe('computeElectionRound: more passing than seats', () => {
  it('when more pass than seats, then the highest are elected and the others passed but are not seated', () => {
    const result = computeElectionRound(round({ seats: 2, votes: tally({ c: 7, a: 9, b: 8, d: 3 }) }));
    expect(result).toMatchObject({ elected: ['a', 'b'], passedNotSeated: ['c'], notElected: ['d'] });
    expect(result).toMatchObject({ tiedAtLastSeat: [], seatsRemaining: 0, needsAnotherRound: false });
  });

  it('when candidates tie above the last seat, then all of them are seated', () => {
    const result = computeElectionRound(round({ seats: 2, votes: tally({ a: 9, b: 9, c: 7 }) }));
    expect(result).toMatchObject({ elected: ['a', 'b'], passedNotSeated: ['c'], needsAnotherRound: false });
  });

  it('when a tie at the last seat meets the another-round rule, then nobody tied is seated and a round follows', () => {
    const result = computeElectionRound(round({ seats: 2, votes: tally({ a: 9, b: 7, c: 7, d: 2 }) }));
    expect(result).toMatchObject({ elected: ['a'], passedNotSeated: ['b', 'c'], tiedAtLastSeat: ['b', 'c'] });
    expect(result).toMatchObject({ seatsRemaining: 1, needsAnotherRound: true });
  });
});

describe('computeElectionRound: too few elected', () => {
  it('when fewer pass than seats, then the remaining seats go to another round', () => {
    const result = computeElectionRound(round({ seats: 3, votes: tally({ a: 8, b: 6, c: 5, d: 4 }) }));
    expect(result).toMatchObject({
      elected: ['a', 'b'],
      notElected: ['c', 'd'],
      seatsRemaining: 1,
      needsAnotherRound: true,
    });
  });
});

describe('computeElectionRound: inconsistent input', () => {
  it.each<[string, Partial<ElectionRoundInput>, RegExp]>([
    [
      'exclusions exceed summoned',
      { exclusions: [{ reason: 'x', count: 12 }] },
      /exclusions \(12\) must be fewer than those summoned \(11\)/,
    ],
    ['exclusions equal summoned', { exclusions: [{ reason: 'x', count: 11 }] }, /must be fewer/],
    [
      'a negative exclusion',
      { exclusions: [{ reason: 'excused', count: -1 }] },
      /exclusion "excused" must be an integer ≥ 0/,
    ],
    ['negative votes', { votes: tally({ a: -1 }) }, /votes for "a" must be an integer ≥ 0/],
    ['fractional votes', { votes: tally({ a: 1.5 }) }, /votes for "a" must be an integer/],
    [
      'a duplicate candidate',
      {
        votes: [
          { candidateId: 'a', votes: 1 },
          { candidateId: 'a', votes: 2 },
        ],
      },
      /Duplicate candidate "a"/,
    ],
    ['votes above the base', { votes: tally({ a: 12 }) }, /votes for "a" \(12\) exceed the base \(11\)/],
    ['zero seats', { seats: 0 }, /seats must be an integer ≥ 1/],
    ['nobody summoned', { summoned: 0 }, /summoned must be an integer ≥ 1/],
  ])('when the input has %s, then it throws a clear error', (_name, overrides, message) => {
    expect(() => computeElectionRound(round(overrides))).toThrow(message);
  });
});

describe('computeElectionRound: invariants', () => {
  const tallies = fc.uniqueArray(
    fc.record({ candidateId: fc.stringMatching(/^[a-z]{1,3}$/), votes: fc.nat(40) }),
    {
      selector: (t) => t.candidateId,
      maxLength: 12,
    },
  );

  it('when any valid round is counted, then the outcome partitions the candidates and never overfills the seats', () => {
    fc.assert(
      fc.property(tallies, fc.integer({ min: 1, max: 6 }), (votes, seats) => {
        const result = computeElectionRound(round({ summoned: 40, seats, votes }));
        const all = [...result.elected, ...result.passedNotSeated, ...result.notElected];
        expect(all.sort()).toEqual(votes.map((v) => v.candidateId).sort());
        expect(result.elected.length + result.seatsRemaining).toBe(seats);
        const byId = new Map(votes.map((v) => [v.candidateId, v.votes]));
        expect(result.elected.every((id) => byId.get(id)! > 20)).toBe(true);
        expect(result.notElected.every((id) => byId.get(id)! <= 20)).toBe(true);
        expect(result.needsAnotherRound).toBe(result.seatsRemaining > 0);
      }),
    );
  });
});
