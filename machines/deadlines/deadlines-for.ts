/**
 * The open deadlines of a unit, derived purely from its snapshot, the term's rules and the
 * working-day calendar. The engine diffs successive sets to schedule and cancel delayed jobs.
 */
import type { PersistedCongressSnapshot } from '../api.types.js';
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { toVietnamDate, vietnamEndOfDay } from '../calendar/vn-calendar.js';
import { openIrregularities, type CongressContext, type Stamp } from '../congress/congress.context.js';
import type { Deadline, EscalationRecipient } from '../domain.js';
import type { RuleSet } from '../rules/rule-set.js';
import {
  CONGRESS_STEP,
  POSTPONED_STEP,
  RELATIVE_STEPS,
  type RelativeStep,
} from '../congress/deadline-steps.js';

const CONFIRMATION_STEP = 'confirmation';

const LADDER: EscalationRecipient[] = ['working_group', 'superior_standing_committee', 'level_above'];

interface Due {
  kind: string;
  step: string;
  owner: 'unit' | 'superior';
  stamp: Stamp;
  dueDate: string;
}

/** Every open obligation of the unit's current state, in a stable order (by step name). */
export function deadlinesFor(
  snapshot: PersistedCongressSnapshot,
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
): Deadline[] {
  const ctx = snapshot.context as unknown as CongressContext;
  const dues: Due[] = [];
  for (const step of Object.keys(ctx.entered).sort()) {
    const due = dueOf(step, ctx, ruleSet, calendar);
    if (due) dues.push(due);
  }
  return [...dues.map((due) => withAlerts(due, ruleSet, calendar)), ...irregularityAlerts(ctx)];
}

/**
 * Each irregularity as a point already due, so the alert pipeline tells the unit's supervisors once
 * (its working group, or the superior's standing committee) through the same jobs as any deadline.
 */
function irregularityAlerts(ctx: CongressContext): Deadline[] {
  // A closed irregularity leaves the open set: nothing more to alert, nothing owed.
  return openIrregularities(ctx).map((irregularity) => {
    const dueAt = vietnamEndOfDay(toVietnamDate(irregularity.occurredAt));
    return {
      kind: `irregularity.${irregularity.rule}`,
      step: `irregularity:${irregularity.seq}`,
      enteredSeq: irregularity.seq,
      owner: 'unit' as const,
      dueAt,
      reminders: [],
      escalations: [{ workingDaysAfter: 0, at: dueAt, recipient: 'working_group' as const }],
    };
  });
}

function dueOf(
  step: string,
  ctx: CongressContext,
  rules: RuleSet,
  calendar: WorkingDayCalendar,
): Due | undefined {
  const stamp = ctx.entered[step];
  if (!stamp) return undefined;
  if (step === POSTPONED_STEP && ctx.postponement) {
    return { kind: 'postponement.until', step, owner: 'unit', stamp, dueDate: ctx.postponement.until };
  }
  if (step === CONGRESS_STEP) return congressDue(ctx, rules, stamp);
  // An open complaint stops the confirmation clock (QĐ 24 §16.1): no due date until it is resolved.
  if (step === CONFIRMATION_STEP && ctx.complaint) return undefined;
  const relative = RELATIVE_STEPS[step];
  return relative ? relativeDue(step, relative, ctx, rules, calendar, stamp) : undefined;
}

function congressDue(ctx: CongressContext, rules: RuleSet, stamp: Stamp): Due | undefined {
  if (ctx.congressHeldAt) return undefined;
  const dueDate = ctx.postponement?.until ?? rules.congressDeadlines[ctx.level];
  return dueDate ? { kind: 'congress.held', step: CONGRESS_STEP, owner: 'unit', stamp, dueDate } : undefined;
}

function relativeDue(
  step: string,
  def: RelativeStep,
  ctx: CongressContext,
  rules: RuleSet,
  calendar: WorkingDayCalendar,
  stamp: Stamp,
): Due {
  const start = (def.from && ctx[def.from]) || stamp.at;
  // Working days the confirmation clock stood still for complaints are added back.
  const paused = step === CONFIRMATION_STEP ? (ctx.confirmationPausedDays ?? 0) : 0;
  const dueDate = calendar.addWorkingDays(toVietnamDate(start), rules.clocks[def.clock] + paused);
  return { kind: def.kind, step, owner: def.owner, stamp, dueDate };
}

type Alerts = Pick<Deadline, 'dueAt' | 'reminders' | 'escalations'>;

/**
 * Alert times by due date and entry date, per (rule set, calendar): working-day arithmetic is most
 * of what deriving deadlines costs, and thousands of units share the same few dates.
 */
const alertMemo = new WeakMap<RuleSet, WeakMap<WorkingDayCalendar, Map<string, Alerts>>>();
const ALERT_MEMO_LIMIT = 4_096;

function memoFor(rules: RuleSet, calendar: WorkingDayCalendar): Map<string, Alerts> {
  let byCalendar = alertMemo.get(rules);
  if (!byCalendar)
    alertMemo.set(rules, (byCalendar = new WeakMap<WorkingDayCalendar, Map<string, Alerts>>()));
  let memo = byCalendar.get(calendar);
  if (!memo) byCalendar.set(calendar, (memo = new Map<string, Alerts>()));
  return memo;
}

function alertsOf(dueDate: string, enteredOn: string, rules: RuleSet, calendar: WorkingDayCalendar): Alerts {
  const reminders = rules.alerts.remindersBefore
    .map((n) => ({ workingDaysBefore: n, date: calendar.addWorkingDays(dueDate, -n) }))
    // A reminder that would fall before the step was entered is no reminder at all.
    .filter((r) => r.date >= enteredOn)
    .map((r) => ({ workingDaysBefore: r.workingDaysBefore, at: vietnamEndOfDay(r.date) }));
  const escalations = rules.alerts.escalationsAfter.map((n, i) => ({
    workingDaysAfter: n,
    at: vietnamEndOfDay(calendar.addWorkingDays(dueDate, n)),
    recipient: LADDER[i] ?? 'level_above',
  }));
  return { dueAt: vietnamEndOfDay(dueDate), reminders, escalations };
}

function memoAlerts(due: Due, rules: RuleSet, calendar: WorkingDayCalendar): Alerts {
  const enteredOn = toVietnamDate(due.stamp.at);
  const memo = memoFor(rules, calendar);
  const key = `${due.dueDate}|${enteredOn}`;
  let alerts = memo.get(key);
  if (!alerts) {
    if (memo.size >= ALERT_MEMO_LIMIT) memo.clear();
    alerts = alertsOf(due.dueDate, enteredOn, rules, calendar);
    memo.set(key, alerts);
  }
  return alerts;
}

function withAlerts(due: Due, rules: RuleSet, calendar: WorkingDayCalendar): Deadline {
  const alerts = memoAlerts(due, rules, calendar);
  return {
    kind: due.kind,
    step: due.step,
    enteredSeq: due.stamp.seq,
    owner: due.owner,
    dueAt: alerts.dueAt,
    // Copies, so a caller changing its deadlines cannot change another unit's.
    reminders: alerts.reminders.map((r) => ({ ...r })),
    escalations: alerts.escalations.map((e) => ({ ...e })),
  };
}
