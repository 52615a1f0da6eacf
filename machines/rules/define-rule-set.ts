import type { RuleSet } from './rule-set.js';
import { ruleSetSchema } from './rule-set.schema.js';

/** Overrides for a rule set: any subset of fields, at any depth. Arrays replace, they do not merge. */
export type RuleSetOverrides = {
  [K in Exclude<keyof RuleSet, 'provenance'>]?: RuleSet[K] extends unknown[]
    ? RuleSet[K]
    : DeepPartial<RuleSet[K]>;
} & {
  /** Entries replace the base's whole: a rule is either national or local policy, never a mix. */
  provenance?: RuleSet['provenance'];
};
type DeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const merged: Record<string, unknown> = { ...structuredClone(base) };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/**
 * Builds a rule set from `base` plus `overrides` (deep merge; arrays replace) and validates the result,
 * so a deployment can adapt a term from JSON. Throws an Error listing every invalid field.
 */
export function defineRuleSet(base: RuleSet, overrides: RuleSetOverrides): RuleSet {
  const merged = deepMerge(base, overrides) as RuleSet;
  // A provenance entry is either a source or a local-policy basis: an override replaces it whole.
  if (overrides.provenance)
    merged.provenance = { ...base.provenance, ...structuredClone(overrides.provenance) };
  const parsed = ruleSetSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid rule set: ${issues.join('; ')}`);
  }
  return parsed.data;
}
