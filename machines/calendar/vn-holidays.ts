import { isWeekend, toDayNumber } from './iso-date.js';
import { FIRST_YEAR, HOLIDAY_YEARS, LAST_YEAR, type HolidayYear } from './vn-holidays.data.js';

/** Days off and officially worked Saturdays, as day numbers. */
export interface HolidaySets {
  daysOff: Set<number>;
  workingSaturdays: Set<number>;
}

function fixedHolidays(year: number, data: HolidayYear): number[] {
  const dates = [`${year}-01-01`, data.hungKings, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`];
  if (data.nationalDayExtra) dates.push(data.nationalDayExtra);
  return dates.map(toDayNumber).sort((a, b) => a - b);
}

/**
 * Labour Code: a holiday that falls on the weekly rest day is taken on the next working day. Each weekend
 * holiday claims the first later weekday that is not already off (so 29/4/2023 Sat and 30/4 Sun become 2/5, 3/5).
 */
function addCompensatoryDays(holidays: number[], daysOff: Set<number>): void {
  for (const day of holidays) {
    if (!isWeekend(day)) continue;
    let candidate = day + 1;
    while (isWeekend(candidate) || daysOff.has(candidate)) candidate += 1;
    daysOff.add(candidate);
  }
}

function addYear(year: number, data: HolidayYear, sets: HolidaySets): void {
  const holidays = fixedHolidays(year, data);
  for (const day of holidays) sets.daysOff.add(day);
  for (let day = toDayNumber(data.tet.from); day <= toDayNumber(data.tet.to); day += 1) sets.daysOff.add(day);
  addCompensatoryDays(holidays, sets.daysOff);
  for (const date of data.swappedDaysOff) sets.daysOff.add(toDayNumber(date));
  for (const date of data.workingSaturdays) sets.workingSaturdays.add(toDayNumber(date));
}

/** Every public holiday, compensatory day and swap of 2019–2031, from the data table. */
export function buildHolidaySets(): HolidaySets {
  const sets: HolidaySets = { daysOff: new Set(), workingSaturdays: new Set() };
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    const data = HOLIDAY_YEARS[year];
    if (!data) throw new Error(`Holiday data missing for ${year}`);
    addYear(year, data, sets);
  }
  return sets;
}
