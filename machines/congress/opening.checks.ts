/**
 * What must hold when a congress opens (DOMAIN.md §2 row 9): the superior's review approved, the
 * convening announced with its notice respected, the opening on the announced date, the subordinate
 * gate met or waived, and, below a superior that chose pilots, the pilots' lessons recorded. Each
 * condition is a rule of the rule set; one with a national source refuses, a local-policy one is
 * recorded as an irregularity instead (`openingIrregularities`).
 */
import { calendarFor } from '../calendar/calendar-for.js';
import { toVietnamDate } from '../calendar/vn-calendar.js';
import { type CongressEvent, payloadFor } from '../events/congress-event.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext, WaiverRecord } from './congress.context.js';
import { describeGate, gateStatus, missingSubordinates } from './gate.js';
import type { Check } from './preparation.checks.js';
import { ruleRefuses } from './rule-hardness.js';

/** A rule the opening would break, and why. */
export interface OpeningProblem {
  rule: string;
  reason: string;
}

type Condition = (ctx: CongressContext, openedOn: string | undefined) => OpeningProblem | undefined;

/** "a, b, c" for up to ten ids, then "and N more". */
export function nameUnits(ids: readonly string[], shown = 10): string {
  const head = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${head} and ${ids.length - shown} more` : head;
}

const reviewApproved: Condition = (ctx) =>
  ctx.approvals.review
    ? undefined
    : {
        rule: 'gate.reviewApproved',
        reason:
          'the superior has not approved the documents and personnel plan: submit them for review (review.submitted)',
      };

const noticeRespected: Condition = (ctx, openedOn) => {
  const announced = ctx.announcement;
  if (!announced) {
    return {
      rule: 'clocks.convocationNotice',
      reason:
        'the congress has not been convened: announce the opening date and delegates (convening.announced)',
    };
  }
  if (!openedOn) return undefined;
  const rules = getRuleSet(ctx.ruleSetId);
  const notice = rules.clocks.convocationNotice;
  const from = toVietnamDate(announced.at);
  const earliest = calendarFor(rules).addWorkingDays(from, notice);
  if (openedOn >= earliest) return undefined;
  return {
    rule: 'clocks.convocationNotice',
    reason: `opening on ${openedOn} leaves less than ${notice} working days after the announcement of ${from} (earliest ${earliest}): postpone (congress.postponed) and announce again`,
  };
};

const onAnnouncedDate: Condition = (ctx, openedOn) => {
  const date = ctx.announcement?.openingDate;
  if (!date || !openedOn) return undefined;
  const rule = 'gate.openingNotBeforeAnnounced';
  if (openedOn < date)
    return { rule, reason: `the congress was announced for ${date}: it cannot open before that date` };
  // A postponement after the announcement (the procedure resumed since) allows a later opening.
  const resumedAt = ctx.entered.procedure?.seq ?? 0;
  const postponedSince = ctx.postponement !== undefined && resumedAt > (ctx.announcement?.seq ?? 0);
  if (openedOn === date || postponedSince) return undefined;
  return {
    rule,
    reason: `the congress was announced for ${date}: to open later, record a postponement (congress.postponed) first`,
  };
};

const subordinatesHeld: Condition = (ctx) => {
  const gate = gateStatus(ctx);
  if (gate.met) return undefined;
  const missing = missingSubordinates(ctx);
  return {
    rule: 'subordinateThreshold',
    reason: `${describeGate(gate)}; not yet held: ${nameUnits(missing)}. Wait for them or ask the superior for a waiver (gate.waiver_recorded)`,
  };
};

const pilotLessonsRecorded: Condition = (ctx) =>
  ctx.awaitsPilotLessons && !ctx.pilot && !ctx.pilotLessonsReceived
    ? {
        rule: 'gate.pilotLessons',
        reason:
          "the superior's pilot congresses have not had their lessons-learned conference yet (pilot.lessons_recorded on the superior)",
      }
    : undefined;

const reviewLead: Condition = (ctx, openedOn) => {
  const review = ctx.approvals.review;
  const rules = getRuleSet(ctx.ruleSetId);
  const lead = rules.clocks.superiorReviewBeforeOpening;
  // Never for cells (DOMAIN.md §2 row 7); absent from terms whose texts set no lead.
  if (!review || !openedOn || lead === undefined || ctx.level === 'cell') return undefined;
  const earliest = calendarFor(rules).addWorkingDays(toVietnamDate(review.at), lead);
  if (openedOn >= earliest) return undefined;
  return {
    rule: 'clocks.superiorReviewBeforeOpening',
    reason: `opening on ${openedOn} is less than ${lead} working days after the superior's review (earliest ${earliest})`,
  };
};

const CONDITIONS: Condition[] = [
  reviewApproved,
  noticeRespected,
  onAnnouncedDate,
  subordinatesHeld,
  pilotLessonsRecorded,
  reviewLead,
];

/** Every rule the opening by `event` would break (without an event, the date conditions pass). */
export function openingProblems(ctx: CongressContext, event?: CongressEvent): OpeningProblem[] {
  const openedOn = event ? toVietnamDate(event.at) : undefined;
  return CONDITIONS.map((condition) => condition(ctx, openedOn)).filter((p) => p !== undefined);
}

/** The waivers the gate relies on: those naming a current subordinate that has not held its congress. */
export function waiversInUse(ctx: CongressContext): WaiverRecord[] {
  const missing = new Set(ctx.subordinateIds.filter((id) => !ctx.held.includes(id)));
  return (ctx.waivers ?? []).filter((w) => w.unitIds.some((id) => missing.has(id)));
}

/**
 * The payload a `congress.opened` is recorded with: the waivers the gate relied on are named in it, so
 * the opening's history entry says which waiver let it go ahead. Other events are returned unchanged.
 */
export function namedWaivers(
  snapshot: { context: Record<string, unknown> },
  type: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  if (type !== 'congress.opened' || payload.waivers !== undefined) return payload;
  const used = waiversInUse(snapshot.context as unknown as CongressContext);
  if (used.length === 0) return payload;
  return { ...payload, waivers: used.map(({ seq, unitIds }) => ({ seq, unitIds })) };
}

/**
 * The delegates the superior's convening announcement allocated to `unitId`, read from the superior's
 * context (`convening.announced`), or undefined when it has announced none for the unit.
 */
export function allocatedSeats(
  superior: { context: Record<string, unknown> },
  unitId: string,
): number | undefined {
  const announcement = (superior.context as unknown as CongressContext).announcement;
  return announcement && Object.hasOwn(announcement.delegateAllocations, unitId)
    ? announcement.delegateAllocations[unitId]
    : undefined;
}

function sameWaivers(named: { seq: number }[] | undefined, used: WaiverRecord[]): boolean {
  const given = (named ?? []).map((w) => w.seq).join(',');
  return given === used.map((w) => w.seq).join(',');
}

/** The opening's guard: only the problems whose rule refuses block it. */
export const openingGate: Check = (ctx, e) => {
  const rules = getRuleSet(ctx.ruleSetId);
  const blocking = openingProblems(ctx, e).filter((p) => ruleRefuses(rules, p.rule));
  if (blocking.length > 0) return `the congress cannot open: ${blocking.map((p) => p.reason).join('; ')}`;
  const named = e && payloadFor(e, 'congress.opened').waivers;
  if (named !== undefined && !sameWaivers(named, waiversInUse(ctx))) {
    const seqs = waiversInUse(ctx).map((w) => w.seq);
    return `the waivers named do not match those recorded (seq ${seqs.join(', ') || 'none'}); leave "waivers" out and the engine names them`;
  }
  return undefined;
};

/** Ready for the superior's review: documents final and the personnel plan approved. */
export const reviewReady: Check = (ctx) => {
  const missing = [
    ...(ctx.docsFinal ? [] : ['the documents approved']),
    ...(ctx.personnelApproved ? [] : ['the personnel plan approved']),
  ];
  return missing.length === 0 ? undefined : `the review needs ${missing.join(' and ')} first`;
};

/** The announcement carries the date the superior agreed and allocates delegates only to subordinates. */
export const validAnnouncement: Check = (ctx, e) => {
  if (!ctx.approvals.opening || !ctx.openingDate)
    return 'the superior has not agreed an opening date: propose one (convening.date_proposed)';
  if (!e) return undefined;
  const p = payloadFor(e, 'convening.announced');
  if (p.openingDate !== ctx.openingDate)
    return `the superior agreed ${ctx.openingDate}, not ${p.openingDate}: propose the new date first (convening.date_proposed)`;
  const stranger = Object.keys(p.delegateAllocations).find((id) => !ctx.subordinateIds.includes(id));
  return stranger === undefined
    ? undefined
    : `unit ${stranger} is not a direct subordinate of this unit: delegates go only to subordinate units`;
};
