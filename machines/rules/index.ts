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

/** The rule set with this id; throws an Error naming the known ids otherwise. */
export function getRuleSet(id: string): RuleSet {
  const rules = Object.hasOwn(RULE_SETS, id) ? RULE_SETS[id] : undefined;
  if (!rules) {
    throw new Error(`Unknown rule set "${id}"; known rule sets: ${Object.keys(RULE_SETS).join(', ')}`);
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
