import type { RuleSet } from '../rules/rule-set.js';
import type { WorkingDayCalendar } from './calendar.js';
import { createVietnamCalendar, defaultCalendar } from './vn-calendar.js';

const byRuleSet = new WeakMap<RuleSet, WorkingDayCalendar>();

/**
 * The working-day calendar a term runs on: the built-in table plus the rule set's own corrections.
 * Keyed by the (frozen) rule set so each is built once; guards and deadlines then agree on every date.
 */
export function calendarFor(rules: RuleSet): WorkingDayCalendar {
  if (!rules.calendar) return defaultCalendar;
  let calendar = byRuleSet.get(rules);
  if (!calendar) {
    calendar = createVietnamCalendar(rules.calendar);
    byRuleSet.set(rules, calendar);
  }
  return calendar;
}
