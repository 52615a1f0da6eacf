import { assertCount, assertVotes } from '../election/election-input.js';
import type { RuleSet } from '../rules/rule-set.js';
import { ceilShareOf, floorShareOf } from '../rules/rational.js';

type PersonnelRules = RuleSet['personnel'];

/** Re-election candidates (tái cử) go through the five steps first; first-time ones (lần đầu) follow. */
export type PersonnelTrack = 'reelection' | 'firstTime';

/** The only step with an attendance quorum in the published procedure. */
export const KEY_CADRES_CONFERENCE = 'key_cadres_conference';

/** One secret-ballot step of the five-step introduction procedure (quy trình 5 bước). */
export interface PersonnelStepInput {
  track: PersonnelTrack;
  step: string;
  summoned: number;
  attended: number;
  votes: { candidateId: string; votes: number }[];
}

export interface PersonnelStepResult {
  quorumMet: boolean;
  /** Attendance needed; 0 for steps without a quorum rule. */
  quorumNeeded: number;
  /** Strictly more than `stepApproval` of those summoned. */
  votesNeeded: number;
  approved: string[];
  rejected: string[];
  reason?: string;
}

/** The step ids of a track, in order. */
export function stepsFor(track: PersonnelTrack, rules: PersonnelRules): string[] {
  return [...rules.tracks[track]];
}

function validate(input: PersonnelStepInput, rules: PersonnelRules): void {
  const steps = rules.tracks[input.track] as string[] | undefined;
  if (!steps) throw new Error(`Unknown personnel track "${input.track}"`);
  if (!steps.includes(input.step)) {
    throw new Error(`Step "${input.step}" is not in the ${input.track} track: ${steps.join(', ')}`);
  }
  assertCount(input.summoned, 'summoned', 1);
  assertCount(input.attended, 'attended');
  if (input.attended > input.summoned) {
    throw new Error(`attended (${input.attended}) exceeds summoned (${input.summoned})`);
  }
  assertVotes(input.votes, input.attended, 'those attending');
}

/**
 * Evaluates one step. The key cadres conference is valid only if at least `keyCadresQuorum` (2/3) of
 * those summoned attend; at every step a candidate needs more than `stepApproval` (50%) of those
 * SUMMONED, not of those present. Without quorum the step is void: nobody is approved or rejected and it
 * must be held again. Thresholds use exact fractions. Throws on an unknown step or bad tallies.
 */
export function evaluatePersonnelStep(input: PersonnelStepInput, rules: PersonnelRules): PersonnelStepResult {
  validate(input, rules);
  const quorumNeeded =
    input.step === KEY_CADRES_CONFERENCE ? ceilShareOf(rules.keyCadresQuorum, input.summoned) : 0;
  const votesNeeded = floorShareOf(rules.stepApproval, input.summoned) + 1;
  if (input.attended < quorumNeeded) {
    const reason = `quorum not met: ${input.attended} of ${input.summoned} attended, ${quorumNeeded} needed`;
    return { quorumMet: false, quorumNeeded, votesNeeded, approved: [], rejected: [], reason };
  }
  return {
    quorumMet: true,
    quorumNeeded,
    votesNeeded,
    approved: input.votes.filter((v) => v.votes >= votesNeeded).map((v) => v.candidateId),
    rejected: input.votes.filter((v) => v.votes < votesNeeded).map((v) => v.candidateId),
  };
}
