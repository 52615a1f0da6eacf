import type { WorkingDayCalendar } from './calendar.js';
import { fromDayNumber, isWeekend, toDayNumber, vietnamDayNumber } from './iso-date.js';
import { buildHolidaySets } from './vn-holidays.js';
import { FIRST_YEAR, LAST_YEAR } from './vn-holidays.data.js';

export { toVietnamDate, vietnamEndOfDay } from './iso-date.js';

/** Per-deployment corrections: decreed days off the table lacks, or officially worked days. */
export interface CalendarOverrides {
  extraHolidays?: string[];
  extraWorkingDays?: string[];
  /**
   * A day off every year on `monthDay` (MM-DD) from `fromYear` to the end of the table, e.g. a holiday a
   * deployment observes that the national table lacks. No weekend compensation: that is the Labour Code's
   * rule for national holidays only.
   */
  recurringHolidays?: { monthDay: string; fromYear: number }[];
}

/** Each year's date of the recurring holidays, within the years the table covers. */
function expandRecurring(recurring: CalendarOverrides['recurringHolidays']): string[] {
  const dates: string[] = [];
  for (const { monthDay, fromYear } of recurring ?? []) {
    for (let year = Math.max(fromYear, FIRST_YEAR); year <= LAST_YEAR; year += 1) {
      const date = `${year}-${monthDay}`;
      // 29/2 exists only in leap years: skip the others rather than roll over to 1/3.
      const [month, day] = monthDay.split('-').map(Number) as [number, number];
      if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1) dates.push(date);
    }
  }
  return dates;
}

const FIRST_DAY = toDayNumber(`${FIRST_YEAR}-01-01`);
const LAST_DAY = toDayNumber(`${LAST_YEAR}-12-31`);
const SPAN = LAST_DAY - FIRST_DAY + 1;

/**
 * Whether the Vietnamese date of an ISO instant lies in the years the table covers (false for
 * anything that is not an instant): what a lookup of `toVietnamDate(iso)` would accept, without
 * formatting the date.
 */
export function calendarCoversInstant(iso: string): boolean {
  const day = vietnamDayNumber(iso);
  return day >= FIRST_DAY && day <= LAST_DAY;
}

function outOfRange(date: string): Error {
  return new Error(`Date ${date} is outside the holiday data (${FIRST_YEAR}–${LAST_YEAR}); extend the table`);
}

function inRange(dayNumber: number, date: string): number {
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw outOfRange(date);
  return dayNumber;
}

function toCheckedDays(dates: string[] | undefined): Set<number> {
  return new Set((dates ?? []).map((date) => inRange(toDayNumber(date), date)));
}

/**
 * Working-day lookups precomputed over the whole table (about 4,700 days), because deadlines are
 * derived on every append: `rank[i]` counts working days up to and including day i, `workingDays`
 * lists them in order, and `dates` maps day offsets back to their strings without Date formatting.
 */
interface DayIndex {
  isWorking: Uint8Array;
  rank: Int32Array;
  workingDays: Int32Array;
  offsetOf: Map<string, number>;
  dates: string[];
}

function buildIndex(isWorkingDay: (day: number) => boolean): DayIndex {
  const isWorking = new Uint8Array(SPAN);
  const rank = new Int32Array(SPAN);
  const working: number[] = [];
  const dates: string[] = [];
  const offsetOf = new Map<string, number>();
  for (let i = 0; i < SPAN; i += 1) {
    const date = fromDayNumber(FIRST_DAY + i);
    dates.push(date);
    offsetOf.set(date, i);
    if (isWorkingDay(FIRST_DAY + i)) {
      isWorking[i] = 1;
      working.push(i);
    }
    rank[i] = working.length;
  }
  return { isWorking, rank, workingDays: Int32Array.from(working), offsetOf, dates };
}

/** Offset of a date in the table; validates the format and the range. */
function offsetIn(index: DayIndex, date: string): number {
  const offset = index.offsetOf.get(date);
  if (offset !== undefined) return offset;
  toDayNumber(date); // throws a precise message for malformed dates
  throw outOfRange(date);
}

/** The working day at `position`; counting past either end of the table names the first day beyond it. */
function nthWorkingDay(index: DayIndex, position: number): string {
  const offset = index.workingDays[position];
  if (offset === undefined) throw outOfRange(fromDayNumber(position < 0 ? FIRST_DAY - 1 : LAST_DAY + 1));
  return index.dates[offset]!;
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
  const extraOff = toCheckedDays([
    ...(overrides.extraHolidays ?? []),
    ...expandRecurring(overrides.recurringHolidays),
  ]);
  const extraOn = toCheckedDays(overrides.extraWorkingDays);
  const clash = [...extraOff].find((day) => extraOn.has(day));
  if (clash !== undefined) {
    throw new Error(`${fromDayNumber(clash)} is listed both as an extra holiday and as an extra working day`);
  }
  const index = buildIndex((day) => {
    if (extraOn.has(day)) return true;
    if (extraOff.has(day) || daysOff.has(day)) return false;
    return !isWeekend(day) || workingSaturdays.has(day);
  });

  return {
    isWorkingDay: (date) => index.isWorking[offsetIn(index, date)] === 1,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new Error(`Working-day count must be an integer, got ${n}`);
      const offset = offsetIn(index, date);
      const upTo = index.rank[offset]!; // working days on or before `date`
      const working = index.isWorking[offset] === 1;
      if (n === 0) return working ? date : nthWorkingDay(index, upTo);
      if (n > 0) return nthWorkingDay(index, upTo + n - 1);
      return nthWorkingDay(index, upTo - (working ? 1 : 0) + n);
    },
    workingDaysBetween(from, to) {
      const [start, end] = [offsetIn(index, from), offsetIn(index, to)];
      return index.rank[end]! - index.rank[start]!;
    },
  };
}

/** The calendar from the built-in data table, without overrides. */
export const defaultCalendar: WorkingDayCalendar = createVietnamCalendar();
