import { describe, expect, it } from 'vitest';
import {
  RULE_SETS,
  defineRuleSet,
  getRuleSet,
  levelLabel,
  ruleSetSchema,
} from '../../../machines/rules/index.js';

describe('built-in rule sets', () => {
  it.each(Object.keys(RULE_SETS))('when rule set %s is validated, then the schema accepts it', (id) => {
    expect(ruleSetSchema.safeParse(getRuleSet(id)).success).toBe(true);
  });

  it.each([
    ['2020-2025', { cell: '2020-03-31', base: '2020-06-30', district: '2020-08-31', province: '2020-10-31' }],
    ['2025-2030', { cell: '2025-03-31', base: '2025-06-30', district: '2025-08-31', province: '2025-10-31' }],
  ])('when the %s deadlines are read, then they follow the directive', (id, deadlines) => {
    expect(getRuleSet(id).congressDeadlines).toMatchObject(deadlines);
  });

  it('when the terms are compared, then only 2025 allows the 2-content congress', () => {
    expect(getRuleSet('2020-2025').variants).toEqual({ threeContent: true, twoContent: false });
    expect(getRuleSet('2025-2030').variants).toEqual({ threeContent: true, twoContent: true });
  });

  it('when the 2025 district slot is labelled, then it names the upper-base committees', () => {
    expect(levelLabel(getRuleSet('2025-2030'), 'district').en).toMatch(/upper-base.*commune\/ward/i);
    expect(levelLabel(getRuleSet('2020-2025'), 'district').en).toMatch(/^District/);
  });

  it('when an unknown id is asked for, then the error names the known ids', () => {
    expect(() => getRuleSet('2030-2035')).toThrow(/Unknown rule set "2030-2035".*2020-2025, 2025-2030/);
    expect(() => getRuleSet('toString')).toThrow(/Unknown rule set/);
  });

  it('when a built-in rule set is mutated, then it refuses', () => {
    expect(() => {
      (getRuleSet('2020-2025').clocks as { resultReport: number }).resultReport = 99;
    }).toThrow(TypeError);
    expect(getRuleSet('2020-2025').clocks.resultReport).toBe(7);
  });
});

describe('defineRuleSet', () => {
  const base = getRuleSet('2025-2030');

  it('when a nested field is overridden, then the rest of the group is kept', () => {
    const rules = defineRuleSet(base, {
      id: 'hanoi-2025',
      clocks: { resultReport: 5 },
      election: { maxRounds: 4 },
    });
    expect(rules.clocks).toEqual({ ...base.clocks, resultReport: 5 });
    expect(rules.election).toEqual({ ...base.election, maxRounds: 4 });
    expect(base.clocks.resultReport).toBe(7);
  });

  it('when an array is overridden, then it replaces the base array', () => {
    const rules = defineRuleSet(base, {
      personnel: { tracks: { firstTime: ['list_review', 'final_vote'] } },
    });
    expect(rules.personnel.tracks.firstTime).toEqual(['list_review', 'final_vote']);
    expect(rules.personnel.tracks.reelection).toEqual(base.personnel.tracks.reelection);
  });

  it.each([
    [{ clocks: { resultReport: -1 } }, /clocks\.resultReport/],
    [{ levels: ['cell', 'base'] }, /levels: levels must be distinct and top-down/],
    [{ election: { surplusMin: 0.2 } }, /surplusMin ≤ surplusMax/],
    [{ congressDeadlines: { base: '2025-02-30' } }, /congressDeadlines\.base/],
    [
      { levels: ['province', 'base', 'cell'] },
      /congressDeadlines\.district: level district is not in levels/,
    ],
    [{ election: { tieRule: 'coin_toss' } }, /election\.tieRule/],
    // "Older first" is the state election law's tie-break, not the Party's.
    [{ election: { tieRule: 'older_first' } }, /election\.tieRule: must be another_round/],
  ])('when the override %j is invalid, then it throws naming the field', (overrides, message) => {
    expect(() => defineRuleSet(base, overrides as never)).toThrow(message);
  });

  it('when JSON text is loaded, then it parses to a valid rule set', () => {
    const json = JSON.parse('{"id":"custom","subordinateThreshold":0.95}') as never;
    expect(defineRuleSet(base, json).subordinateThreshold).toBe(0.95);
  });
});
