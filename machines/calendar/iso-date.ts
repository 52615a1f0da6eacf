/**
 * Calendar-date arithmetic on day numbers (days since 1970-01-01), so no time zone or DST can shift a date.
 * Dates are strict `YYYY-MM-DD` strings.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Day number of a `YYYY-MM-DD` date; throws on anything else (including 2021-02-30). */
export function toDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (fromDayNumber(ms / DAY_MS) !== date) throw new Error(`Not a calendar date: "${date}"`);
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}

/** Day number of the Vietnamese calendar date of an ISO instant with `Z` or an offset; NaN for anything else. */
export function vietnamDayNumber(iso: string): number {
  const ms = INSTANT_PATTERN.test(iso) ? Date.parse(iso) : Number.NaN;
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** The Vietnamese calendar date (UTC+7, no DST) of an ISO instant that carries `Z` or an offset. */
export function toVietnamDate(iso: string): string {
  const ms = INSTANT_PATTERN.test(iso) ? new Date(iso).getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`Expected an ISO instant with Z or an offset, got "${iso}"`);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant that closes a working day in Vietnam, 17:00 +07:00, as an ISO string (10:00Z). */
export function vietnamEndOfDay(date: string): string {
  toDayNumber(date);
  return `${date}T10:00:00.000Z`;
}
