import type { Level } from '../domain.js';
import type { RuleSet } from './rule-set.js';
import { TERM_2020_2025 } from './term-2020-2025.rules.js';
import { TERM_2025_2030 } from './term-2025-2030.rules.js';

export type { RuleSet } from './rule-set.js';
export { ruleSetSchema } from './rule-set.schema.js';
export { defineRuleSet, type RuleSetOverrides } from './define-rule-set.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The built-in terms by id. Frozen: derive a variant with `defineRuleSet` instead of mutating. */
export const RULE_SETS: Record<string, RuleSet> = deepFreeze({
  [TERM_2020_2025.id]: TERM_2020_2025,
  [TERM_2025_2030.id]: TERM_2025_2030,
});

/**
 * Rule sets a deployment adds at start-up (e.g. a province's variant of a term, or a calendar correction),
 * under ids of their own. Ids are immutable: a snapshot names its rule set by id, and replaying it must
 * find the same rules, so changed rules get a new id rather than replacing old ones.
 */
const deploymentRuleSets = new Map<string, RuleSet>();

/** Registers deployment rule sets; re-registering identical content is a no-op, different content throws. */
export function registerRuleSets(sets: RuleSet[]): void {
  for (const rules of sets) {
    const known = Object.hasOwn(RULE_SETS, rules.id) ? RULE_SETS[rules.id] : deploymentRuleSets.get(rules.id);
    if (known && JSON.stringify(known) !== JSON.stringify(rules)) {
      throw new Error(
        `Rule set "${rules.id}" already exists with other content; give changed rules a new id`,
      );
    }
    if (!known) deploymentRuleSets.set(rules.id, deepFreeze(rules));
  }
}

/** Built-in and deployment rule sets by id. */
export function allRuleSets(): Record<string, RuleSet> {
  return { ...RULE_SETS, ...Object.fromEntries(deploymentRuleSets) };
}

/** The rule set with this id; throws an Error naming the known ids otherwise. */
export function getRuleSet(id: string): RuleSet {
  const rules = Object.hasOwn(RULE_SETS, id) ? RULE_SETS[id] : deploymentRuleSets.get(id);
  if (!rules) {
    throw new Error(`Unknown rule set "${id}"; known rule sets: ${Object.keys(allRuleSets()).join(', ')}`);
  }
  return rules;
}

const FALLBACK_LABELS: Record<Level, { vi: string; en: string }> = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  district: { vi: 'Cấp huyện / cấp trên cơ sở', en: 'District / upper-base' },
  base: { vi: 'Cơ sở', en: 'Base' },
  cell: { vi: 'Chi bộ', en: 'Cell' },
};

/** Display name of a level in a term, falling back to a generic label when the rule set gives none. */
export function levelLabel(rules: RuleSet, level: Level): { vi: string; en: string } {
  return rules.levelLabels?.[level] ?? FALLBACK_LABELS[level];
}
