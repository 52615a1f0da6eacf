/**
 * Counts one ballot round as the counting committee (ban kiểm phiếu) does: the majority base from
 * those summoned minus the regulation's exclusions, the ballot arithmetic, the quorum, who is elected
 * and whether a tie or a short result needs another round. Pure: nothing is recorded.
 */
import { ceilShareOf } from '../rules/rational.js';
import type { ElectionRules } from '../rules/election-rules.js';
import { type Ballots, ballotProblem, type Tally } from './ballots.js';
import type { CongressKind, ElectionKind } from '../rules/election-kinds.js';
import { computeElectionRound } from './election.js';
import { type Exclusion, exclusionProblem } from './exclusions.js';
import type { CitedRule, ElectionRuleId, RuleSource } from '../rules/election-rule-source.js';

export interface RoundInput {
  congressKind: CongressKind;
  election: ElectionKind;
  /** Full members summoned (member congress), official delegates summoned, or committee members. */
  summoned: number;
  present: number;
  exclusions: readonly Exclusion[];
  ballots: Ballots;
  seats: number;
  votes: readonly Tally[];
}

export interface Threshold {
  id: ElectionRuleId;
  value: number;
  detail: string;
  met?: boolean;
}

export interface RoundResult {
  ok: true;
  base: number;
  votesNeeded: number;
  elected: string[];
  tiedAtLastSeat: string[];
  passedNotSeated: string[];
  notElected: string[];
  seatsRemaining: number;
  /** filled: every seat taken; tie: the tied go to another round; short: too few passed. */
  outcome: 'filled' | 'tie' | 'short';
  quorate: boolean;
  thresholds: Threshold[];
  rules: CitedRule[];
}

export interface RoundRefusal {
  ok: false;
  rule: ElectionRuleId;
  /** The failed check within the rule, e.g. `ballots.valid_plus_invalid`. */
  check: string;
  message: string;
  source: RuleSource;
}

const USED: ElectionRuleId[] = [
  'election.majorityBase',
  'election.exclusions',
  'election.ballots',
  'election.quorum',
  'election.tieRule',
  'election.furtherRounds',
];

function refuse(rules: ElectionRules, rule: ElectionRuleId, check: string, message: string): RoundRefusal {
  return { ok: false, rule, check, message, source: rules.sources[rule] };
}

function inputProblem(input: RoundInput, rules: ElectionRules): RoundRefusal | undefined {
  if (input.present > input.summoned) {
    return refuse(
      rules,
      'election.majorityBase',
      'attendance',
      `${input.present} present exceed ${input.summoned} summoned`,
    );
  }
  const exclusion = exclusionProblem(input.congressKind, input.exclusions, input.summoned, input.present);
  if (exclusion) return refuse(rules, 'election.exclusions', 'exclusions', exclusion);
  const ballots = ballotProblem(input.ballots, input.present, input.votes, input.seats);
  if (ballots) return refuse(rules, 'election.ballots', ballots.check, ballots.message);
  const ids = input.votes.map((v) => v.candidateId);
  if (new Set(ids).size !== ids.length)
    return refuse(rules, 'election.ballots', 'candidates', 'a candidate is listed twice');
  return undefined;
}

/** Evaluates a round; a refusal names the rule and check it breaks. */
export function evaluateRound(input: RoundInput, rules: ElectionRules): RoundResult | RoundRefusal {
  const problem = inputProblem(input, rules);
  if (problem) return problem;
  const excluded = input.exclusions.reduce((n, e) => n + e.count, 0);
  const base = input.summoned - excluded;
  const over = input.votes.find((v) => v.votes > base);
  if (over) {
    const message = `${over.candidateId} has ${over.votes} votes, more than the base of ${base}: check the exclusions`;
    return refuse(rules, 'election.exclusions', 'exclusions', message);
  }
  const counted = computeElectionRound({
    summoned: input.summoned,
    exclusions: [{ reason: 'categories', count: excluded }],
    seats: input.seats,
    votes: [...input.votes],
  });
  const quorumNeeded = ceilShareOf(rules.quorum, input.summoned);
  const quorate = input.present >= quorumNeeded;
  const tie = counted.tiedAtLastSeat.length > 0 && counted.seatsRemaining > 0;
  return {
    ok: true,
    base: counted.base,
    votesNeeded: counted.votesNeeded,
    elected: counted.elected,
    tiedAtLastSeat: counted.tiedAtLastSeat,
    passedNotSeated: counted.passedNotSeated,
    notElected: counted.notElected,
    seatsRemaining: counted.seatsRemaining,
    outcome: counted.seatsRemaining === 0 ? 'filled' : tie ? 'tie' : 'short',
    quorate,
    thresholds: [
      {
        id: 'election.majorityBase',
        value: counted.votesNeeded,
        detail: `more than half of the base: ${input.summoned} summoned − ${excluded} excluded = ${counted.base}`,
      },
      {
        id: 'election.quorum',
        value: quorumNeeded,
        detail: `${input.present} of ${input.summoned} present; at least ${quorumNeeded} expected`,
        met: quorate,
      },
    ],
    rules: USED.map((id) => ({ id, source: rules.sources[id] })),
  };
}
