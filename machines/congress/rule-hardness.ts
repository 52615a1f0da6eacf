/**
 * Whether a rule of a term refuses an event or only records an irregularity, read from the rule
 * set's provenance (machines/rules/provenance.ts): only a rule with a national source refuses
 * (DOMAIN.md §5); a number a province or this product chose flags.
 */
import { isRuleId, provenanceOf, refuses } from '../rules/provenance.js';
import type { RuleSet } from '../rules/rule-set.js';

function known(ruleId: string) {
  if (!isRuleId(ruleId)) throw new Error(`unknown rule id ${ruleId}`);
  return ruleId;
}

/** True when breaking `ruleId` refuses the event; false when it only records an irregularity. */
export function ruleRefuses(rules: RuleSet, ruleId: string): boolean {
  return refuses(rules, known(ruleId));
}

/** The provenance an irregularity cites for `ruleId`, as the rule set gives it. */
export function ruleSource(rules: RuleSet, ruleId: string): unknown {
  return provenanceOf(rules, known(ruleId));
}
