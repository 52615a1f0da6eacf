import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import { deadlinesFor } from '../../../machines/index.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import { UnitDriver, buildUnit } from '../congress/support/unit-driver.js';

const RULES = getRuleSet('2020-2025');
const morning = (date: string) => `${date}T03:00:00.000Z`;

function submittedOn(date: string): UnitDriver {
  const d = new UnitDriver(buildUnit());
  d.send('plan.submitted', { reference: 'KH-01' }, { at: morning(date) });
  return d;
}

describe('deadlinesFor with remembered alert times', () => {
  it('when units entered a step on different days, then each keeps the reminders of its own entry day', () => {
    // Same due date family, but the later entry leaves the 7-day reminder in its past.
    const early = deadlinesFor(submittedOn('2020-01-20').snapshot, RULES, defaultCalendar);
    const late = deadlinesFor(submittedOn('2020-02-03').snapshot, RULES, defaultCalendar);
    const earlyPlan = early.find((x) => x.kind === 'plan.approval');
    const latePlan = late.find((x) => x.kind === 'plan.approval');
    expect(earlyPlan?.reminders.map((r) => r.workingDaysBefore)).toEqual([7, 3, 1]);
    expect(latePlan?.dueAt).not.toBe(earlyPlan?.dueAt);
    expect(latePlan?.reminders.every((r) => r.at >= morning('2020-02-03').slice(0, 10))).toBe(true);
  });

  it('when the same dates are asked again, then the answer equals one computed without remembered times', () => {
    const d = submittedOn('2020-01-20');
    const warm = deadlinesFor(d.snapshot, RULES, defaultCalendar);
    const again = deadlinesFor(d.snapshot, RULES, defaultCalendar);
    // A copy of the rule set has no remembered times, so it computes everything afresh.
    const cold = deadlinesFor(d.snapshot, { ...RULES }, defaultCalendar);
    expect(again).toEqual(warm);
    expect(cold).toEqual(warm);
  });

  it('when a caller changes the deadlines it got, then the next unit with the same dates is unaffected', () => {
    const first = deadlinesFor(submittedOn('2020-01-20').snapshot, RULES, defaultCalendar);
    const plan = first.find((x) => x.kind === 'plan.approval')!;
    const expected = structuredClone(plan);
    plan.reminders[0]!.at = 'changed';
    plan.escalations.pop();
    const second = deadlinesFor(submittedOn('2020-01-20').snapshot, RULES, defaultCalendar);
    expect(second.find((x) => x.kind === 'plan.approval')).toEqual(expected);
  });
});
