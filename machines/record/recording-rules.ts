/**
 * Rules about when an entry was recorded, relative to when it occurred. Days are Vietnam calendar
 * days (Asia/Ho_Chi_Minh), counted on the term's working-day calendar.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { toVietnamDate } from '../calendar/iso-date.js';

/** Working days strictly after the Vietnam day of `fromIso`, up to and including that of `toIso`. */
export function workingDaysAfter(fromIso: string, toIso: string, calendar: WorkingDayCalendar): number {
  return calendar.workingDaysBetween(toVietnamDate(fromIso), toVietnamDate(toIso));
}

/**
 * Late: recorded more than `lateAfter` working days after it occurred (`clocks.lateRecording`, local
 * policy). Recorded on the `lateAfter`-th working day after is still on time.
 */
export function isLateRecording(
  occurredAt: string,
  recordedAt: string,
  lateAfter: number,
  calendar: WorkingDayCalendar,
): boolean {
  return workingDaysAfter(occurredAt, recordedAt, calendar) > lateAfter;
}

/**
 * Whether a correction made at `nowIso` is still within `window` working days of the corrected
 * entry's recording (`clocks.correctionWindow`, local policy); the last day of the window counts.
 */
export function isWithinCorrectionWindow(
  recordedAt: string,
  nowIso: string,
  window: number,
  calendar: WorkingDayCalendar,
): boolean {
  return workingDaysAfter(recordedAt, nowIso, calendar) <= window;
}
