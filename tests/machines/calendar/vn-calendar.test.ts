import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarCoversInstant,
  createVietnamCalendar,
  defaultCalendar as calendar,
  toVietnamDate,
  vietnamEndOfDay,
} from '../../../machines/calendar/vn-calendar.js';

/** Every date from `from` to `to` inclusive. */
function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

describe('holidays', () => {
  it.each([
    ['Tết 2020 (decreed 23/1–29/1)', '2020-01-23', '2020-01-29'],
    ['Tết 2025 (decreed 25/1–2/2)', '2025-01-25', '2025-02-02'],
    ['30/4 and 1/5 2020', '2020-04-30', '2020-05-01'],
  ])('when %s is checked, then every day in it is non-working', (_name, from, to) => {
    expect(datesBetween(from, to).filter((d) => calendar.isWorkingDay(d))).toEqual([]);
  });

  it.each([
    ['the weekday before Tết 2020', '2020-01-22'],
    ['the weekday after Tết 2020', '2020-01-30'],
    ['the Monday after Tết 2025', '2025-02-03'],
    ['an ordinary Tuesday', '2020-03-10'],
  ])('when %s (%s) is checked, then it is a working day', (_name, date) => {
    expect(calendar.isWorkingDay(date)).toBe(true);
  });

  it.each([
    ['Hùng Kings 2020', '2020-04-02'],
    ['Hùng Kings 2025', '2025-04-07'],
    ['National Day 2020', '2020-09-02'],
    ['National Day 2025 and its adjacent day', '2025-09-01'],
    ['National Day 2025', '2025-09-02'],
    ['New Year 2020', '2020-01-01'],
    ['the weekday swapped off for Saturday 26/4/2025', '2025-05-02'],
  ])('when %s (%s) is checked, then it is non-working', (_name, date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it('when 2/9/2020 was a single-day holiday (Labour Code 2012), then 1/9 and 3/9/2020 are working days', () => {
    expect(calendar.isWorkingDay('2020-09-01')).toBe(true);
    expect(calendar.isWorkingDay('2020-09-03')).toBe(true);
  });

  it.each([
    ['1/5/2021 (Sat) → Monday 3/5', '2021-05-03'],
    ['1/1/2023 (Sun) → Monday 2/1', '2023-01-02'],
    ['Hùng Kings 29/4/2023 (Sat) and 30/4 (Sun) → 2/5 and 3/5', '2023-05-03'],
    ['2/9/2023 (Sat) → Monday 4/9', '2023-09-04'],
  ])('when a holiday falls on a weekend (%s), then that day is off', (_name, date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it('when a Saturday was officially worked (4/5/2019), then it is a working day and other Saturdays are not', () => {
    expect(calendar.isWorkingDay('2019-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2019-05-11')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Mon 20/1/2020: Tue 21 (1), Wed 22 (2), 23–29 Tết, Thu 30 (3), Fri 31 (4), Mon 3/2 (5).
    ['2020-01-20', 5, '2020-02-03'],
    // Fri 24/1/2025: Tết 25/1–2/2, so Mon 3/2 is the first working day after.
    ['2025-01-24', 1, '2025-02-03'],
    // Wed 1/4/2020: Thu 2/4 is Hùng Kings, Fri 3/4 (1), Mon 6/4 (2).
    ['2020-04-01', 2, '2020-04-06'],
    ['2020-02-03', -5, '2020-01-20'],
    ['2020-03-10', 0, '2020-03-10'],
    // n = 0 on a non-working day rolls forward to the next working day.
    ['2020-01-25', 0, '2020-01-30'],
    ['2020-03-14', 0, '2020-03-16'],
  ])('when %s + %i working days, then %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  it('when the 45-working-day review clock is counted back from 21/7/2020, then it lands on 19/5/2020', () => {
    // Back from Tue 21/7: 1–20 July hold 14 working days, June 22 (36), 25–29 May 5 (41), 19–22 May 4 (45).
    expect(calendar.addWorkingDays('2020-07-21', -45)).toBe('2020-05-19');
  });

  it('when n is not an integer, then it throws', () => {
    expect(() => calendar.addWorkingDays('2020-03-10', 1.5)).toThrow(/integer/);
  });

  it('when a working day d is moved n and back -n, then it lands on d; the result is always a working day', () => {
    const day = fc
      .integer({ min: 0, max: 12 * 365 })
      .map((i) => new Date(Date.UTC(2019, 6, 1) + i * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), (d, n) => {
        const moved = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(moved)).toBe(true);
        if (calendar.isWorkingDay(d)) {
          expect(calendar.addWorkingDays(moved, -n)).toBe(d);
          expect(calendar.workingDaysBetween(d, moved)).toBe(n);
        }
      }),
    );
  });
});

describe('workingDaysBetween', () => {
  it('when counting across Tết 2020, then only working days after the start are counted', () => {
    expect(calendar.workingDaysBetween('2020-01-20', '2020-02-03')).toBe(5);
    expect(calendar.workingDaysBetween('2020-02-03', '2020-01-20')).toBe(-5);
    expect(calendar.workingDaysBetween('2020-01-23', '2020-01-29')).toBe(0);
  });
});

describe('range and input checks', () => {
  it.each([
    ['isWorkingDay 2018-12-31', () => calendar.isWorkingDay('2018-12-31')],
    ['isWorkingDay 2032-01-01', () => calendar.isWorkingDay('2032-01-01')],
    ['addWorkingDays from 2018-12-28', () => calendar.addWorkingDays('2018-12-28', 1)],
    ['workingDaysBetween to 2032-01-05', () => calendar.workingDaysBetween('2031-12-01', '2032-01-05')],
  ])('when %s is asked, then it throws naming the covered years', (_name, call) => {
    expect(call).toThrow(/outside the holiday data \(2019–2031\)/);
  });

  it('when counting runs past 2031, then it throws instead of guessing', () => {
    expect(() => calendar.addWorkingDays('2031-12-30', 10)).toThrow(/2032-01-01 is outside the holiday data/);
  });

  it.each(['2020-02-30', '2020-1-5', '20/01/2020', ''])('when the date is "%s", then it throws', (date) => {
    expect(() => calendar.isWorkingDay(date)).toThrow(/date/i);
  });
});

describe('overrides', () => {
  it('when a deployment adds a holiday and a working day, then both win over the table', () => {
    const local = createVietnamCalendar({ extraHolidays: ['2020-03-10'], extraWorkingDays: ['2020-01-23'] });
    expect(local.isWorkingDay('2020-03-10')).toBe(false);
    expect(local.isWorkingDay('2020-01-23')).toBe(true);
    expect(local.addWorkingDays('2020-01-22', 1)).toBe('2020-01-23');
    expect(calendar.isWorkingDay('2020-03-10')).toBe(true);
  });

  it.each([
    [{ extraHolidays: ['2040-01-02'] }, /outside the holiday data/],
    [{ extraHolidays: ['2020-13-01'] }, /date/],
    [
      { extraHolidays: ['2020-03-10'], extraWorkingDays: ['2020-03-10'] },
      /both as an extra holiday and as an extra working day/,
    ],
  ])('when the overrides are %j, then creating the calendar throws', (overrides, message) => {
    expect(() => createVietnamCalendar(overrides)).toThrow(message);
  });
});

describe('Vietnam time', () => {
  it.each([
    ['2020-01-22T16:59:59Z', '2020-01-22'],
    ['2020-01-22T17:00:00Z', '2020-01-23'],
    ['2020-01-23T00:30:00+07:00', '2020-01-23'],
  ])('when the instant is %s, then the Vietnamese date is %s', (iso, date) => {
    expect(toVietnamDate(iso)).toBe(date);
  });

  it.each(['2020-01-22T10:00:00', 'yesterday', '2020-01-22'])(
    'when the instant "%s" has no offset, then it throws',
    (iso) => {
      expect(() => toVietnamDate(iso)).toThrow(/ISO instant/);
    },
  );

  it('when a day ends in Vietnam, then it is 17:00 +07:00', () => {
    expect(vietnamEndOfDay('2020-06-30')).toBe('2020-06-30T10:00:00.000Z');
    expect(toVietnamDate(vietnamEndOfDay('2020-06-30'))).toBe('2020-06-30');
    expect(() => vietnamEndOfDay('2020-06-31')).toThrow(/calendar date/);
  });

  /** The check by formatting the date and looking it up, which calendarCoversInstant replaces. */
  const coveredByLookup = (iso: string) => {
    try {
      calendar.isWorkingDay(toVietnamDate(iso));
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ['2019-01-01T00:00:00+07:00', true],
    ['2018-12-31T16:59:59.999Z', false],
    ['2031-12-31T16:59:59.999Z', true],
    ['2031-12-31T17:00:00Z', false],
    ['+275760-09-13T00:00:00Z', false],
    ['2020-01-22T10:00:00', false],
    ['2020-13-01T10:00:00Z', false],
  ])('when the instant is %s, then the calendar covers it: %s (as a date lookup says)', (iso, covered) => {
    expect(calendarCoversInstant(iso)).toBe(covered);
    expect(coveredByLookup(iso)).toBe(covered);
  });

  it('when any instant from 1900 to 2100 with any offset is checked, then coverage agrees with a date lookup', () => {
    const instant = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
      })
      .map(({ ms, offsetMinutes }) => {
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        return offsetMinutes === 0 ? `${local}Z` : `${local}${sign}${hh}:${mm}`;
      });
    fc.assert(
      fc.property(instant, (iso) => calendarCoversInstant(iso) === coveredByLookup(iso)),
      { numRuns: 2000 },
    );
  });
});
