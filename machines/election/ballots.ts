/**
 * The ballot count of a round (biên bản kiểm phiếu): issued, collected, valid and invalid ballots
 * must add up, and no tally may exceed what the valid ballots can hold (QĐ 244 Art. 32 §1: results
 * are counted on valid ballots).
 */

export interface Ballots {
  issued: number;
  collected: number;
  valid: number;
  invalid: number;
}

export interface Tally {
  candidateId: string;
  votes: number;
}

/** A broken count: which check and why, for a 422 that names it. */
export interface BallotProblem {
  check:
    | 'ballots.collected_within_issued'
    | 'ballots.issued_within_present'
    | 'ballots.valid_plus_invalid'
    | 'ballots.candidate_within_valid'
    | 'ballots.total_within_valid_times_seats';
  message: string;
}

/** The first inconsistency of the count, or undefined when it adds up. */
export function ballotProblem(
  ballots: Ballots,
  present: number,
  votes: readonly Tally[],
  seats: number,
): BallotProblem | undefined {
  const { issued, collected, valid, invalid } = ballots;
  if (collected > issued)
    return {
      check: 'ballots.collected_within_issued',
      message: `${collected} ballots collected but only ${issued} issued`,
    };
  if (issued > present)
    return {
      check: 'ballots.issued_within_present',
      message: `${issued} ballots issued but only ${present} present`,
    };
  if (valid + invalid !== collected) {
    return {
      check: 'ballots.valid_plus_invalid',
      message: `${valid} valid + ${invalid} invalid = ${valid + invalid}, not the ${collected} collected`,
    };
  }
  const over = votes.find((t) => t.votes > valid);
  if (over) {
    return {
      check: 'ballots.candidate_within_valid',
      message: `${over.candidateId} has ${over.votes} votes, more than the ${valid} valid ballots`,
    };
  }
  const total = votes.reduce((n, t) => n + t.votes, 0);
  if (total > valid * seats) {
    return {
      check: 'ballots.total_within_valid_times_seats',
      message: `${total} votes in all exceed ${valid} valid ballots × ${seats} seats = ${valid * seats}`,
    };
  }
  return undefined;
}
