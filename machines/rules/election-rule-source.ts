/**
 * Where a rule comes from. A national text (document and article) may refuse an event; a number only a
 * province or this product chose is local policy: it flags for supervisors and never blocks.
 */
export type RuleSource =
  { source: { document: string; article: string; url?: string } } | { basis: 'local-policy'; setBy: string };

/** The election rules a rule set names, each with its source. */
export const ELECTION_RULE_IDS = [
  'election.majorityBase',
  'election.exclusions',
  'election.ballots',
  'election.quorum',
  'election.surplus',
  'election.smallBodySurplus',
  'election.floorNomination',
  'election.furtherRounds',
  'election.roundLimit',
  'election.tieRule',
  'election.cellCommitteeMinMembers',
  'election.delegateSeats',
] as const;
export type ElectionRuleId = (typeof ELECTION_RULE_IDS)[number];

/** A rule as an answer names it: its id and its source. */
export interface CitedRule {
  id: ElectionRuleId;
  source: RuleSource;
}

/** True only for a national source: a local-policy number flags, it never refuses. */
export function isNational(source: RuleSource | undefined): boolean {
  return source !== undefined && 'source' in source;
}

/** "QĐ 190-QĐ/TW (2024), Art. 14 §1" or "local policy (set by …)". */
export function citation(source: RuleSource | undefined): string {
  if (!source) return 'no source recorded';
  return 'source' in source
    ? `${source.source.document}, ${source.source.article}`
    : `local policy (set by ${source.setBy})`;
}
