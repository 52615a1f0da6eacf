import type { WorkingDayCalendar } from './calendar.js';
import { fromDayNumber, isWeekend, toDayNumber } from './iso-date.js';
import { buildHolidaySets } from './vn-holidays.js';
import { FIRST_YEAR, LAST_YEAR } from './vn-holidays.data.js';

export { toVietnamDate, vietnamEndOfDay } from './iso-date.js';

/** Per-deployment corrections: decreed days off the table lacks, or officially worked days. */
export interface CalendarOverrides {
  extraHolidays?: string[];
  extraWorkingDays?: string[];
}

const FIRST_DAY = toDayNumber(`${FIRST_YEAR}-01-01`);
const LAST_DAY = toDayNumber(`${LAST_YEAR}-12-31`);

function inRange(dayNumber: number, date: string): number {
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    throw new Error(
      `Date ${date} is outside the holiday data (${FIRST_YEAR}–${LAST_YEAR}); extend the table`,
    );
  }
  return dayNumber;
}

function toCheckedDays(dates: string[] | undefined): Set<number> {
  return new Set((dates ?? []).map((date) => inRange(toDayNumber(date), date)));
}

/**
 * The Vietnamese working-day calendar: Monday–Friday minus public holidays, Tết breaks and compensatory
 * days, plus officially worked Saturdays; overrides win over the table. Dates outside 2019–2031 throw.
 *
 * `addWorkingDays(date, n)` counts working days strictly after `date` (before it when n < 0) and returns
 * the n-th; n = 0 returns `date` when it is a working day, else the next working day.
 * `workingDaysBetween(from, to)` counts working days in (from, to], negated when `to` is before `from`.
 */
export function createVietnamCalendar(overrides: CalendarOverrides = {}): WorkingDayCalendar {
  const { daysOff, workingSaturdays } = buildHolidaySets();
  const extraOff = toCheckedDays(overrides.extraHolidays);
  const extraOn = toCheckedDays(overrides.extraWorkingDays);
  const clash = [...extraOff].find((day) => extraOn.has(day));
  if (clash !== undefined) {
    throw new Error(`${fromDayNumber(clash)} is listed both as an extra holiday and as an extra working day`);
  }
  const isWorking = (day: number): boolean => {
    if (extraOn.has(day)) return true;
    if (extraOff.has(day) || daysOff.has(day)) return false;
    return !isWeekend(day) || workingSaturdays.has(day);
  };
  const step = (from: number, direction: 1 | -1): number => {
    let day = from + direction;
    while (!isWorking(inRange(day, fromDayNumber(day)))) day += direction;
    return day;
  };

  return {
    isWorkingDay: (date) => isWorking(inRange(toDayNumber(date), date)),
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new Error(`Working-day count must be an integer, got ${n}`);
      let day = inRange(toDayNumber(date), date);
      if (n === 0) return isWorking(day) ? date : fromDayNumber(step(day, 1));
      for (let i = 0; i < Math.abs(n); i += 1) day = step(day, n > 0 ? 1 : -1);
      return fromDayNumber(day);
    },
    workingDaysBetween(from, to) {
      const [start, end] = [inRange(toDayNumber(from), from), inRange(toDayNumber(to), to)];
      const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
      let count = 0;
      for (let day = low + 1; day <= high; day += 1) if (isWorking(day)) count += 1;
      return sign * count;
    },
  };
}

/** The calendar from the built-in data table, without overrides. */
export const defaultCalendar: WorkingDayCalendar = createVietnamCalendar();
