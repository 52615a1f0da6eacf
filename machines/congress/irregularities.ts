/**
 * Irregularities: breaches of local-policy rules (a number one province or this product chose). They
 * never refuse an event; the unit's context records them, supervisors are alerted and the unit
 * counts as at risk (DOMAIN.md §5).
 */
import { calendarFor } from '../calendar/calendar-for.js';
import { toVietnamDate } from '../calendar/vn-calendar.js';
import { RELATIVE_STEPS } from './deadline-steps.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext, Irregularity } from './congress.context.js';
import { ruleRefuses, ruleSource } from './rule-hardness.js';

interface At {
  type: string;
  at?: string;
  seq?: number;
}

/** A rule breached, with what was found when the rule alone does not say it (an election's count). */
export type Breach = string | { rule: string; message: string };

/** `ctx.irregularities` plus one entry per rule breached in `rules`. */
export function withIrregularities(ctx: CongressContext, event: At, rules: Breach[]): Irregularity[] {
  const ruleSet = getRuleSet(ctx.ruleSetId);
  const added = rules.map((breach): Irregularity => {
    const rule = typeof breach === 'string' ? breach : breach.rule;
    return {
      rule,
      source: ruleSource(ruleSet, rule),
      occurredAt: event.at ?? '',
      seq: event.seq ?? 0,
      ...(typeof breach === 'string' ? {} : { message: breach.message }),
    };
  });
  return [...(ctx.irregularities ?? []), ...added];
}

/**
 * The local-policy clock of `step` that `event` breaks by leaving the step after its due date, if
 * any. A postponement leaves every step without deciding anything, so it breaks none.
 */
export function lateLeaving(ctx: CongressContext, event: At, step: string): string | undefined {
  const def = RELATIVE_STEPS[step];
  const stamp = ctx.entered[step];
  if (!def || !stamp || !event.at || event.type === 'congress.postponed' || def.from) return undefined;
  const rule = `clocks.${def.clock}`;
  const rules = getRuleSet(ctx.ruleSetId);
  if (ruleRefuses(rules, rule)) return undefined;
  const due = calendarFor(rules).addWorkingDays(toVietnamDate(stamp.at), rules.clocks[def.clock]);
  return toVietnamDate(event.at) > due ? rule : undefined;
}

/** The level's local-policy congress deadline, when the first closing falls after it. */
export function lateCongress(ctx: CongressContext, event: At): string | undefined {
  if (ctx.congressHeldAt || !event.at) return undefined;
  const rules = getRuleSet(ctx.ruleSetId);
  const rule = `congressDeadlines.${ctx.level}`;
  const deadline = ctx.postponement?.until ?? rules.congressDeadlines[ctx.level];
  if (!deadline || ruleRefuses(rules, rule)) return undefined;
  return toVietnamDate(event.at) > deadline ? rule : undefined;
}
