import type { RuleSet } from '../rules/rule-set.js';
import { ratioAtMost, ratioWithin } from '../rules/rational.js';
import type { ElectionKind } from '../rules/election-kinds.js';
import { assertCount } from './election-input.js';
import type { ElectionRuleId } from '../rules/election-rule-source.js';

/** Số dư: how far the candidate list exceeds the seats, and whether that is recommended / allowed. */
export interface SurplusCheck {
  surplus: number;
  /** surplus ÷ seats. */
  share: number;
  withinRecommended: boolean;
  allowed: boolean;
  reason?: string;
}

const percent = (share: number): string => `${Math.round(share * 10_000) / 100}%`;

/**
 * Checks a candidate list against the seats: it must exceed them, by at most the cap (30%); the committee's
 * recommended surplus is 10–15%. Shares are compared exactly (3 of 10 is exactly at a 30% cap).
 */
export function checkCandidateSurplus(
  seats: number,
  candidates: number,
  rules: Pick<RuleSet['election'], 'surplusMin' | 'surplusMax' | 'surplusCap'>,
): SurplusCheck {
  assertCount(seats, 'seats', 1);
  assertCount(candidates, 'candidates');
  const surplus = candidates - seats;
  const share = surplus / seats;
  const withinRecommended = surplus > 0 && ratioWithin(surplus, seats, rules.surplusMin, rules.surplusMax);
  const base = { surplus, share, withinRecommended };
  if (surplus <= 0) {
    return { ...base, allowed: false, reason: `${candidates} candidates do not exceed ${seats} seats` };
  }
  if (!ratioAtMost(surplus, seats, rules.surplusCap)) {
    return {
      ...base,
      allowed: false,
      reason: `surplus ${percent(share)} exceeds the cap of ${percent(rules.surplusCap)}`,
    };
  }
  if (!withinRecommended) {
    const band = `${percent(rules.surplusMin)}–${percent(rules.surplusMax)}`;
    return { ...base, allowed: true, reason: `surplus ${percent(share)} is outside the recommended ${band}` };
  }
  return { ...base, allowed: true };
}

/** Whether a cell elects a cell committee (chi uỷ); below the threshold it elects only a secretary and deputy. */
export function cellElectsCommittee(fullMembers: number, rules: RuleSet['election']): boolean {
  assertCount(fullMembers, 'fullMembers');
  return fullMembers >= rules.cellCommitteeMinMembers;
}

/** Who put a name on the list: the convening committee, the floor (delegates or members), or the person. */
export type NominatedBy = 'convening_committee' | 'floor' | 'self';

export interface Nomination {
  candidateId: string;
  by: NominatedBy;
  /** Those present who agreed to put a floor or self nominee on the list. */
  support?: number | undefined;
}

export interface ListInput {
  election: ElectionKind;
  seats: number;
  candidates: readonly string[];
  nominations: readonly Nomination[];
  /** Those present when the list was voted (for floor nominees' support). */
  present?: number | undefined;
}

/** What a list check finds: a refusal (national rule) or a flag (the recommended band). */
export interface ListFinding {
  rule: ElectionRuleId;
  message: string;
}

function nominationProblem(input: ListInput, rules: RuleSet['election']): ListFinding | undefined {
  const nominated = new Set(input.nominations.map((n) => n.candidateId));
  const missing = input.candidates.find((c) => !nominated.has(c));
  if (missing)
    return { rule: 'election.floorNomination', message: `${missing} is on the list without a nomination` };
  for (const n of input.nominations) {
    if (n.by === 'convening_committee') continue;
    if (input.present === undefined || n.support === undefined) {
      return {
        rule: 'election.floorNomination',
        message: `${n.candidateId} was nominated by the ${n.by}: give the support and those present`,
      };
    }
    if (!input.candidates.includes(n.candidateId)) continue;
    // "More than 30% of those present": a share exactly at the limit is not enough.
    if (ratioAtMost(n.support, input.present, rules.floorNominationSupport)) {
      return {
        rule: 'election.floorNomination',
        message: `${n.candidateId} has the support of ${n.support} of ${input.present} present; more than ${percent(rules.floorNominationSupport)} is needed to enter the list`,
      };
    }
  }
  return undefined;
}

/** Bodies of 3–5 seats: a surplus of exactly one (30% of so few seats would round to none). */
function smallBodySurplus(
  seats: number,
  candidates: number,
  rules: RuleSet['election'],
): { refusal?: ListFinding; flags: ListFinding[] } | undefined {
  if (seats > rules.smallBodyMaxSeats) return undefined;
  const surplus = candidates - seats;
  if (surplus >= 1 && surplus <= rules.smallBodyMaxSurplus) return { flags: [] };
  const message = `a body of ${seats} seats lists ${seats + 1} candidates at most and more than ${seats}; got ${candidates}`;
  return { refusal: { rule: 'election.smallBodySurplus', message }, flags: [] };
}

/**
 * Checks an election's list before voting: every candidate nominated, floor and self nominees with
 * enough support, and, for the committee and standing committee, the surplus (QĐ 190 Art. 14). Returns
 * the refusal if any, and the flags (outside the recommended band) otherwise.
 */
export function checkList(
  input: ListInput,
  rules: RuleSet['election'],
): { refusal?: ListFinding; flags: ListFinding[] } {
  if (new Set(input.candidates).size !== input.candidates.length) {
    return { refusal: { rule: 'election.surplus', message: 'a candidate is listed twice' }, flags: [] };
  }
  const nomination = nominationProblem(input, rules);
  if (nomination) return { refusal: nomination, flags: [] };
  if (!rules.surplusKinds.includes(input.election)) return { flags: [] };
  const small = smallBodySurplus(input.seats, input.candidates.length, rules);
  if (small !== undefined) return small;
  const surplus = checkCandidateSurplus(input.seats, input.candidates.length, rules);
  const finding = { rule: 'election.surplus' as const, message: surplus.reason ?? '' };
  if (!surplus.allowed) return { refusal: finding, flags: [] };
  return { flags: surplus.reason ? [finding] : [] };
}
