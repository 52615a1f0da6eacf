/**
 * Working-day calendar port. Dates are ISO calendar dates (YYYY-MM-DD) in Vietnam time (UTC+7, no DST).
 * Implementations are pure data lookups so the statechart layer can use them.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
  /** The date n working days after `date` (n may be negative: before). */
  addWorkingDays(date: string, n: number): string;
  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: string, to: string): number;
}
