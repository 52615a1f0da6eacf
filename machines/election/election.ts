import { assertCount, assertVotes, rankByVotes } from './election-input.js';

export { checkCandidateSurplus, cellElectsCommittee, type SurplusCheck } from './candidate-list.js';
export { splitDelegates, type DelegateLists } from './delegate-list.js';

type Tally = { candidateId: string; votes: number };

/**
 * One ballot round as machine versions 1–3 recorded it (free-text exclusions, no ballots); kept so their
 * logs replay. Rounds recorded since are counted by `evaluateRound` (round.ts).
 */
export interface ElectionRoundInput {
  /** Delegates summoned, or the cell's full members. */
  summoned: number;
  /** Absentees excluded from the base (suspended, excused, absent throughout without alternate...). */
  exclusions: { reason: string; count: number }[];
  seats: number;
  votes: Tally[];
}

/**
 * Outcome of a round. `elected`, `passedNotSeated` and `notElected` partition the candidates, each in rank
 * order; `tiedAtLastSeat` records who tied for the last seat (resolved or not).
 */
export interface ElectionRoundResult {
  base: number;
  votesNeeded: number;
  elected: string[];
  passedNotSeated: string[];
  notElected: string[];
  tiedAtLastSeat: string[];
  seatsRemaining: number;
  needsAnotherRound: boolean;
}

function validate(input: ElectionRoundInput): number {
  assertCount(input.summoned, 'summoned', 1);
  assertCount(input.seats, 'seats', 1);
  for (const exclusion of input.exclusions) assertCount(exclusion.count, `exclusion "${exclusion.reason}"`);
  const excluded = input.exclusions.reduce((sum, e) => sum + e.count, 0);
  if (excluded >= input.summoned) {
    throw new Error(`exclusions (${excluded}) must be fewer than those summoned (${input.summoned})`);
  }
  const base = input.summoned - excluded;
  assertVotes(input.votes, base, 'the base');
  return base;
}

/** Splits passing candidates into seated and not seated, applying the tie rule at the last seat. */
function seat(
  passing: Tally[],
  input: ElectionRoundInput,
): { seated: Tally[]; tied: Tally[]; unresolved: boolean } {
  const last = passing[input.seats - 1];
  if (passing.length <= input.seats || !last) return { seated: passing, tied: [], unresolved: false };
  const above = passing.filter((t) => t.votes > last.votes);
  const tied = passing.filter((t) => t.votes === last.votes);
  const open = input.seats - above.length;
  if (tied.length === open) return { seated: [...above, ...tied], tied: [], unresolved: false };
  return { seated: above, tied, unresolved: true };
}

/**
 * Counts one round. A candidate passes with more than half of the base (those summoned minus exclusions),
 * not of the valid ballots. When more pass than there are seats the highest are seated; a tie for the last
 * seat leaves it open for another round. Throws an Error on inconsistent input.
 */
export function computeElectionRound(input: ElectionRoundInput): ElectionRoundResult {
  const base = validate(input);
  const votesNeeded = Math.floor(base / 2) + 1;
  const ranked = rankByVotes(input.votes);
  const passing = ranked.filter((t) => t.votes >= votesNeeded);
  const { seated, tied, unresolved } = seat(passing, input);
  const elected = seated.map((t) => t.candidateId);
  const seatsRemaining = input.seats - elected.length;
  return {
    base,
    votesNeeded,
    elected,
    passedNotSeated: passing.filter((t) => !elected.includes(t.candidateId)).map((t) => t.candidateId),
    notElected: ranked.filter((t) => t.votes < votesNeeded).map((t) => t.candidateId),
    tiedAtLastSeat: tied.map((t) => t.candidateId),
    seatsRemaining,
    needsAnotherRound: unresolved || seatsRemaining > 0,
  };
}
