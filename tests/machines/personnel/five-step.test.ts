import { describe, expect, it } from 'vitest';
import { getRuleSet } from '../../../machines/rules/index.js';
import {
  evaluatePersonnelStep,
  stepsFor,
  type PersonnelStepInput,
} from '../../../machines/personnel/five-step.js';

const rules = getRuleSet('2025-2030').personnel;

function step(overrides: Partial<PersonnelStepInput>): PersonnelStepInput {
  return {
    track: 'reelection',
    step: 'key_cadres_conference',
    summoned: 30,
    attended: 30,
    votes: [],
    ...overrides,
  };
}

describe('stepsFor', () => {
  it('when the re-election track is asked for, then the five steps come in order', () => {
    expect(stepsFor('reelection', rules)).toEqual([
      'standing_committee_review',
      'key_cadres_conference',
      'committee_ballot',
      'standing_committee_vote',
      'committee_final_vote',
    ]);
  });
});

describe('evaluatePersonnelStep: key cadres quorum (2/3 of those summoned)', () => {
  it.each([
    // summoned, attended, quorumNeeded, met
    [30, 20, 20, true],
    [30, 19, 20, false],
    [31, 21, 21, true],
    [31, 20, 21, false],
    [3, 2, 2, true],
    [100, 67, 67, true],
    [100, 66, 67, false],
  ])(
    'when %i are summoned and %i attend, then %i are needed and the quorum is met: %s',
    (summoned, attended, needed, met) => {
      const result = evaluatePersonnelStep(step({ summoned, attended }), rules);
      expect(result.quorumNeeded).toBe(needed);
      expect(result.quorumMet).toBe(met);
    },
  );

  it('when the quorum is missed, then the step is void: nobody approved or rejected, with the reason', () => {
    const result = evaluatePersonnelStep(
      step({ attended: 19, votes: [{ candidateId: 'a', votes: 19 }] }),
      rules,
    );
    expect(result).toMatchObject({
      approved: [],
      rejected: [],
      reason: 'quorum not met: 19 of 30 attended, 20 needed',
    });
  });

  it('when a step without a quorum rule is evaluated, then any attendance is valid', () => {
    const result = evaluatePersonnelStep(
      step({ step: 'committee_ballot', summoned: 30, attended: 10 }),
      rules,
    );
    expect(result).toMatchObject({ quorumMet: true, quorumNeeded: 0 });
  });
});

describe('evaluatePersonnelStep: more than 50% of those summoned', () => {
  it.each([
    // summoned, attended, votes, needed, approved
    [30, 20, 15, 16, false],
    [30, 20, 16, 16, true],
    [31, 31, 15, 16, false],
    [31, 31, 16, 16, true],
  ])(
    'when %i are summoned, %i attend and a candidate gets %i, then %i are needed (approved: %s)',
    (summoned, attended, votes, needed, approved) => {
      const result = evaluatePersonnelStep(
        step({ summoned, attended, votes: [{ candidateId: 'a', votes }] }),
        rules,
      );
      expect(result.votesNeeded).toBe(needed);
      expect(result.approved).toEqual(approved ? ['a'] : []);
      expect(result.rejected).toEqual(approved ? [] : ['a']);
    },
  );

  it('when a candidate holds a majority of those present but not of those summoned, then they are rejected', () => {
    const votes = [
      { candidateId: 'a', votes: 12 },
      { candidateId: 'b', votes: 20 },
    ];
    const result = evaluatePersonnelStep(step({ attended: 20, votes }), rules);
    expect(result).toMatchObject({ approved: ['b'], rejected: ['a'] });
  });
});

describe('evaluatePersonnelStep: bad input', () => {
  it.each<[string, Partial<PersonnelStepInput>, RegExp]>([
    ['an unknown step', { step: 'coffee_break' }, /Step "coffee_break" is not in the reelection track/],
    ['an unknown track', { track: 'honorary' as never }, /Unknown personnel track "honorary"/],
    ['more attending than summoned', { attended: 31 }, /attended \(31\) exceeds summoned \(30\)/],
    [
      'votes above attendance',
      { attended: 20, votes: [{ candidateId: 'a', votes: 21 }] },
      /exceed those attending \(20\)/,
    ],
    [
      'a duplicate candidate',
      {
        votes: [
          { candidateId: 'a', votes: 1 },
          { candidateId: 'a', votes: 1 },
        ],
      },
      /Duplicate candidate/,
    ],
    ['nobody summoned', { summoned: 0, attended: 0 }, /summoned must be an integer ≥ 1/],
  ])('when the input has %s, then it throws', (_name, overrides, message) => {
    expect(() => evaluatePersonnelStep(step(overrides), rules)).toThrow(message);
  });

  it('when a deployment configures its own first-time steps, then those steps are accepted and others refused', () => {
    const custom = { ...rules, tracks: { ...rules.tracks, firstTime: ['nomination', 'final_vote'] } };
    expect(evaluatePersonnelStep(step({ track: 'firstTime', step: 'final_vote' }), custom).quorumMet).toBe(
      true,
    );
    expect(() =>
      evaluatePersonnelStep(step({ track: 'firstTime', step: 'committee_ballot' }), custom),
    ).toThrow(/not in the firstTime track/);
  });
});
