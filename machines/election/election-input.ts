/** Input checks shared by the election and personnel calculators: they throw on inconsistent tallies. */

export function assertCount(value: number, name: string, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** Every candidate once, every tally a whole number of votes within `maxVotes`. */
export function assertVotes(
  votes: { candidateId: string; votes: number }[],
  maxVotes: number,
  maxName: string,
): void {
  const seen = new Set<string>();
  for (const { candidateId, votes: count } of votes) {
    if (candidateId.trim() === '') throw new Error('candidateId must not be empty');
    if (seen.has(candidateId)) throw new Error(`Duplicate candidate "${candidateId}"`);
    seen.add(candidateId);
    assertCount(count, `votes for "${candidateId}"`);
    if (count > maxVotes) {
      throw new Error(`votes for "${candidateId}" (${count}) exceed ${maxName} (${maxVotes})`);
    }
  }
}

/** Candidates by votes, highest first; equal votes keep input order so results are reproducible. */
export function rankByVotes<T extends { votes: number }>(votes: T[]): T[] {
  return [...votes].sort((a, b) => b.votes - a.votes);
}
