import { describe, expect, it } from 'vitest';
import { defaultCalendar as calendar } from '../../../machines/calendar/vn-calendar.js';
import { HOLIDAY_YEARS } from '../../../machines/calendar/vn-holidays.data.js';

/** Lunar new year (1/1 lunar, UTC+7), an independent list to catch typos in the data table. */
const LUNAR_NEW_YEAR: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
};

function weekdaysIn(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const years = Object.entries(HOLIDAY_YEARS).map(([year, data]) => [Number(year), data] as const);

describe('holiday data table', () => {
  it('when the table is read, then it covers every year from 2019 to 2031', () => {
    expect(years.map(([year]) => year)).toEqual(Array.from({ length: 13 }, (_, i) => 2019 + i));
  });

  it.each(years)(
    'when the Tết break of %i is checked, then it holds lunar new year and exactly 5 weekdays off',
    (year, data) => {
      const newYear = LUNAR_NEW_YEAR[year]!;
      expect(data.tet.from <= newYear && newYear <= data.tet.to).toBe(true);
      // Labour Code: five days of Tết; those falling on a weekend are given back on weekdays.
      expect(weekdaysIn(data.tet.from, data.tet.to)).toHaveLength(5);
    },
  );

  it.each(years)(
    'when the %i dates are checked, then they fall in that year and swaps pair up',
    (year, data) => {
      for (const date of [
        data.hungKings,
        data.nationalDayExtra,
        ...data.swappedDaysOff,
        ...data.workingSaturdays,
      ]) {
        if (date !== undefined) expect(date.startsWith(`${year}-`)).toBe(true);
      }
      expect(data.workingSaturdays.every((d) => new Date(d).getUTCDay() === 6)).toBe(true);
      expect(data.workingSaturdays.every((d) => calendar.isWorkingDay(d))).toBe(true);
      expect(data.swappedDaysOff.every((d) => !calendar.isWorkingDay(d))).toBe(true);
    },
  );

  it('when National Day has two days (from 2021), then the extra day is 1/9 or 3/9', () => {
    for (const [year, data] of years) {
      if (year < 2021) expect(data.nationalDayExtra).toBeUndefined();
      else expect([`${year}-09-01`, `${year}-09-03`]).toContain(data.nationalDayExtra);
    }
  });
});
