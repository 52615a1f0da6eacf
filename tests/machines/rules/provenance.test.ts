import { describe, expect, it } from 'vitest';
import { defineRuleSet, RULE_SETS } from '../../../machines/rules/index.js';
import { provenanceOf, refuses, requiredRuleIds, RULE_IDS } from '../../../machines/rules/provenance.js';
import { ruleSetSchema } from '../../../machines/rules/rule-set.schema.js';

const term2020 = RULE_SETS['2020-2025']!;
const term2025 = RULE_SETS['2025-2030']!;

describe('rule provenance', () => {
  it.each([term2020, term2025])(
    'every number and gate of $id carries a source or a local-policy basis',
    (rules) => {
      expect(ruleSetSchema.safeParse(rules).success).toBe(true);
      for (const id of requiredRuleIds(rules)) expect(rules.provenance[id], id).toBeDefined();
    },
  );

  it('a rule set without provenance for a rule it holds is refused, naming the rule', () => {
    const { 'clocks.resultReport': _dropped, ...rest } = term2020.provenance;
    const parsed = ruleSetSchema.safeParse({ ...term2020, provenance: rest });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('provenance.clocks.resultReport');
  });

  it('an unknown rule id and a source without an article are refused', () => {
    expect(() =>
      defineRuleSet(term2020, {
        id: 'prov-a',
        provenance: { 'clocks.madeUp': { basis: 'local-policy', setBy: 'x' } } as never,
      }),
    ).toThrow(/unknown rule clocks.madeUp/);
    expect(() =>
      defineRuleSet(term2020, {
        id: 'prov-b',
        provenance: { 'clocks.superiorReviewBeforeOpening': { source: { document: 'QĐ 24' } } } as never,
      }),
    ).toThrow(/provenance\.clocks\.superiorReviewBeforeOpening/);
  });

  it('only a national source refuses: the 7-day report does, the 10-day decision clock does not', () => {
    expect(refuses(term2025, 'clocks.resultReport')).toBe(true);
    expect(refuses(term2025, 'clocks.superiorDecision')).toBe(false);
    expect(refuses(term2025, 'congressDeadlines.cell')).toBe(false);
    expect(refuses(term2025, 'clocks.keyPostDirection')).toBe(false);
  });

  it('the 45-working-day review lead is local policy in 2025–2030 and absent from 2020–2025', () => {
    expect(term2025.clocks.superiorReviewBeforeOpening).toBe(45);
    expect(provenanceOf(term2025, 'clocks.superiorReviewBeforeOpening')).toMatchObject({
      basis: 'local-policy',
    });
    expect(term2020.clocks.superiorReviewBeforeOpening).toBeUndefined();
    expect(requiredRuleIds(term2020)).not.toContain('clocks.superiorReviewBeforeOpening');
  });

  it('a deployment can turn a national rule into local policy, and the guard then reads it from the data', () => {
    const local = defineRuleSet(term2020, {
      id: 'prov-c',
      provenance: { 'clocks.resultReport': { basis: 'local-policy', setBy: 'a province' } },
    });
    expect(refuses(local, 'clocks.resultReport')).toBe(false);
  });

  it('2025–2030: communes and upper-base congresses last at most 2 days under QĐ 190 elections', () => {
    expect(term2025.maxCongressDays.district).toBe(2);
    expect(term2025.election.regulation).toMatch(/190-QĐ\/TW/);
    expect(term2020.election.regulation).toMatch(/244-QĐ\/TW/);
  });

  it('2020–2025: the XIII Congress (closed 1/2/2021) is within the directive\u2019s "early 2021"', () => {
    const central = term2020.congressDeadlines.central!;
    expect('2021-02-01' <= central).toBe(true);
    expect(provenanceOf(term2020, 'congressDeadlines.central')).toMatchObject({
      source: { document: expect.stringMatching(/35-CT\/TW/) },
    });
  });

  it('the list of rule ids has no duplicates', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });
});
