import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../machines/calendar/calendar-for.js';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import {
  allRuleSets,
  defineRuleSet,
  getRuleSet,
  RULE_SETS,
  registerRuleSets,
} from '../../../machines/rules/index.js';

const base = RULE_SETS['2020-2025']!;

describe('deployment rule sets', () => {
  it('when a derived rule set is registered, then it is found by id beside the built-in terms', () => {
    const local = defineRuleSet(base, { id: 'dep-test-a', clocks: { resultReport: 5 } });

    registerRuleSets([local]);

    expect(getRuleSet('dep-test-a').clocks.resultReport).toBe(5);
    expect(Object.keys(allRuleSets())).toEqual(
      expect.arrayContaining(['2020-2025', '2025-2030', 'dep-test-a']),
    );
  });

  it('when the same id is registered again with the same content, then nothing changes', () => {
    const local = defineRuleSet(base, { id: 'dep-test-b' });
    registerRuleSets([local]);

    expect(() => registerRuleSets([defineRuleSet(base, { id: 'dep-test-b' })])).not.toThrow();
    expect(getRuleSet('dep-test-b')).toEqual(local);
  });

  it('when an id is registered again with other content, then it is refused and the first stays', () => {
    registerRuleSets([defineRuleSet(base, { id: 'dep-test-c' })]);

    expect(() =>
      registerRuleSets([defineRuleSet(base, { id: 'dep-test-c', subordinateThreshold: 0.9 })]),
    ).toThrow(/already exists with other content/);
    expect(() =>
      registerRuleSets([defineRuleSet(base, { id: '2020-2025', subordinateThreshold: 0.5 })]),
    ).toThrow(/already exists/);
    expect(getRuleSet('dep-test-c').subordinateThreshold).toBe(1);
    expect(getRuleSet('2020-2025').subordinateThreshold).toBe(1);
  });

  it('when a rule set corrects the calendar, then its working days skip the extra holiday', () => {
    // 2020-01-06 (Monday) declared off locally: ten working days after 2020-01-02 move one day later.
    const local = defineRuleSet(base, { id: 'dep-test-d', calendar: { extraHolidays: ['2020-01-06'] } });

    expect(defaultCalendar.addWorkingDays('2020-01-02', 10)).toBe('2020-01-16');
    expect(calendarFor(local).addWorkingDays('2020-01-02', 10)).toBe('2020-01-17');
    expect(calendarFor(local)).toBe(calendarFor(local));
    expect(calendarFor(base)).toBe(defaultCalendar);
  });

  it('when calendar corrections are malformed, then the rule set is refused', () => {
    expect(() =>
      defineRuleSet(base, { id: 'dep-test-e', calendar: { extraHolidays: ['6/1/2020'] } }),
    ).toThrow(/calendar\.extraHolidays\.0/);
  });
});
