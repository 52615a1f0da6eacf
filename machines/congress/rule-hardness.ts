/**
 * Whether a rule of a term refuses an event or only records an irregularity. Only a rule with a
 * national source refuses (DOMAIN.md §5); a number a province or this product chose flags.
 */
import type { RuleSet } from '../rules/rule-set.js';

/** Rules whose numbers come from one province's plan or from this product, not a national text. */
const LOCAL_POLICY = new Set([
  'clocks.superiorDecision',
  'clocks.resubmission',
  'clocks.consultationReply',
  'clocks.keyPostDirection',
  'clocks.superiorReviewBeforeOpening',
  'congressDeadlines.cell',
]);

/** True when breaking `ruleId` refuses the event; false when it only records an irregularity. */
export function ruleRefuses(_rules: RuleSet, ruleId: string): boolean {
  return !LOCAL_POLICY.has(ruleId);
}

/** The provenance an irregularity cites for `ruleId`. */
export function ruleSource(_rules: RuleSet, ruleId: string): unknown {
  return LOCAL_POLICY.has(ruleId) ? { basis: 'local-policy', setBy: 'deployment' } : { basis: 'national' };
}
