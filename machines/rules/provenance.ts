import { RULE_IDS, type Provenance, type RuleId } from './rule-ids.js';
import type { RuleSet } from './rule-set.js';

export { RULE_IDS, type Provenance, type RuleId, type RuleSource } from './rule-ids.js';

const KNOWN = new Set<string>(RULE_IDS);

export function isRuleId(id: string): id is RuleId {
  return KNOWN.has(id);
}

/** The ids a rule set must give provenance for: every gate, and every number it actually holds. */
export function requiredRuleIds(
  rules: Pick<RuleSet, 'congressDeadlines' | 'maxCongressDays' | 'clocks'>,
): RuleId[] {
  return RULE_IDS.filter((id) => {
    const [group, key] = id.split('.') as [string, string | undefined];
    if (group === 'congressDeadlines')
      return rules.congressDeadlines[key as keyof RuleSet['congressDeadlines']] !== undefined;
    if (group === 'maxCongressDays')
      return rules.maxCongressDays[key as keyof RuleSet['maxCongressDays']] !== undefined;
    if (group === 'clocks') return rules.clocks[key as keyof RuleSet['clocks']] !== undefined;
    return true;
  });
}

/** The provenance of a rule; throws for a rule the set does not document (a rule set that fails its schema). */
export function provenanceOf(rules: RuleSet, id: RuleId): Provenance {
  const entry = rules.provenance[id];
  if (!entry) throw new Error(`Rule set "${rules.id}" gives no provenance for ${id}`);
  return entry;
}

/** True only when the rule has a national source: only then may a guard refuse on it. */
export function refuses(rules: RuleSet, id: RuleId): boolean {
  return 'source' in provenanceOf(rules, id);
}

/** One line naming where a rule comes from, for refusals, irregularities and docs/rules.md. */
export function describeProvenance(provenance: Provenance): string {
  if ('basis' in provenance) return `local policy (${provenance.setBy})`;
  const { document, article } = provenance.source;
  return `${document}, ${article}`;
}
