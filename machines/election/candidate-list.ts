import type { RuleSet } from '../rules/rule-set.js';
import { ratioAtMost, ratioWithin } from '../rules/rational.js';
import { assertCount } from './election-input.js';

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
  rules: RuleSet['election'],
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
