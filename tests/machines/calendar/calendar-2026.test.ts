import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../machines/calendar/calendar-for.js';
import { createVietnamCalendar, defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import { defineRuleSet, RULE_SETS } from '../../../machines/rules/index.js';

describe('2026 New Year (VPCP 12729/VPCP-KGVX)', () => {
  it.each(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'])('%s is a day off', (date) => {
    expect(defaultCalendar.isWorkingDay(date)).toBe(false);
  });

  it('Saturday 10/1/2026 is worked, and the Monday after the break is a working day', () => {
    expect(defaultCalendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2026-01-05')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2026-01-11')).toBe(false);
  });

  it('counting over the break: the first working day after 31/12/2025 is 5/1/2026', () => {
    expect(defaultCalendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
  });
});

describe('recurring annual holiday from the deployment rules', () => {
  it('is off from its first year on, and a working day before it', () => {
    const calendar = createVietnamCalendar({ recurringHolidays: [{ monthDay: '11-20', fromYear: 2027 }] });
    // 20/11/2026 is a Friday: before the first year, still worked.
    expect(calendar.isWorkingDay('2026-11-20')).toBe(true);
    // 20/11/2027 is a Saturday (off anyway); 20/11/2028 a Monday.
    expect(calendar.isWorkingDay('2028-11-20')).toBe(false);
    expect(calendar.isWorkingDay('2029-11-20')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2028-11-20')).toBe(true);
  });

  it('29 February recurs only in leap years', () => {
    const calendar = createVietnamCalendar({ recurringHolidays: [{ monthDay: '02-29', fromYear: 2027 }] });
    expect(calendar.isWorkingDay('2028-02-29')).toBe(false);
    expect(calendar.isWorkingDay('2027-03-01')).toBe(true);
  });

  it('reaches the engine through a rule set, and a bad month-day is refused with the field named', () => {
    const local = defineRuleSet(RULE_SETS['2025-2030']!, {
      id: 'recurring-a',
      calendar: { recurringHolidays: [{ monthDay: '06-12', fromYear: 2026 }] },
    });
    // 12/6/2026 is a Friday.
    expect(calendarFor(local).isWorkingDay('2026-06-12')).toBe(false);
    expect(calendarFor(RULE_SETS['2025-2030']!).isWorkingDay('2026-06-12')).toBe(true);
    expect(() =>
      defineRuleSet(RULE_SETS['2025-2030']!, {
        id: 'recurring-b',
        calendar: { recurringHolidays: [{ monthDay: '13-01', fromYear: 2026 }] },
      }),
    ).toThrow(/calendar\.recurringHolidays\.0\.monthDay/);
  });
});
