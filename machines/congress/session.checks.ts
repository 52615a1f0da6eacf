/**
 * Guards of convening, the congress session, elections, postponement and the flags. Same shape as
 * the preparation checks: `undefined` = may pass, otherwise the reason.
 */
import { calendarFor } from '../calendar/calendar-for.js';
import { toVietnamDate } from '../calendar/vn-calendar.js';
import { payloadFor } from '../events/congress-event.js';
import { getRuleSet } from '../rules/index.js';
import { refuses, type RuleId } from '../rules/provenance.js';
import { openIrregularities, type CongressContext } from './congress.context.js';
import { addMonths, inclusiveDays } from './dates.js';
import type { Check } from './preparation.checks.js';

export const noticeRespected: Check = (ctx, e) => {
  if (!e || !ctx.openingDate) return undefined;
  const rules = getRuleSet(ctx.ruleSetId);
  const notice = rules.clocks.convocationNotice;
  const approvedOn = toVietnamDate(e.at);
  const earliest = calendarFor(rules).addWorkingDays(approvedOn, notice);
  if (ctx.openingDate >= earliest) return undefined;
  const have = calendarFor(rules).workingDaysBetween(approvedOn, ctx.openingDate);
  return `opening on ${ctx.openingDate} leaves ${have} working days after approval on ${approvedOn}; ${notice} are needed (earliest ${earliest})`;
};

/**
 * Documents and personnel reviewed long enough before the opening. The lead (45 working days) is one
 * province's 2024 plan: absent from 2020–2025, never for cells, and it refuses only where a rule set
 * gives it a national source.
 */
export const reviewLeadRespected: Check = (ctx) => {
  const review = ctx.approvals.review;
  if (!review || !ctx.openingDate || ctx.level === 'cell') return undefined;
  const rules = getRuleSet(ctx.ruleSetId);
  const lead = rules.clocks.superiorReviewBeforeOpening;
  if (lead === undefined || !refuses(rules, 'clocks.superiorReviewBeforeOpening')) return undefined;
  const earliest = calendarFor(rules).addWorkingDays(toVietnamDate(review.at), lead);
  if (ctx.openingDate >= earliest) return undefined;
  return `opening on ${ctx.openingDate} is less than ${lead} working days after the superior's review (earliest ${earliest})`;
};

export const formChangeAllowed: Check = (ctx, e) => {
  const variants = getRuleSet(ctx.ruleSetId).variants;
  if (!variants.threeContent && !variants.twoContent) return 'this term allows only the 4-content congress';
  const form = e && payloadFor(e, 'congress.form_changed').form;
  if (form === undefined) return undefined;
  if (form === ctx.form) return `the congress is already a ${form.replace('_', '-')} congress`;
  const allowed = form === 'three_content' ? variants.threeContent : variants.twoContent;
  return allowed ? undefined : `this term does not allow a ${form.replace('_', '-')} congress`;
};

export const threeContentDirection: Check = (ctx, e) => {
  const decision = e && payloadFor(e, 'election.direction_given').decision;
  if (decision !== 'three_content') return 'not a 3-content direction';
  return getRuleSet(ctx.ruleSetId).variants.threeContent
    ? undefined
    : 'this term does not allow a 3-content congress';
};

/** Route: the congress goes on with those elected; the new committee fills the key posts itself. */
export const proceedDirection: Check = (_, e) =>
  e && payloadFor(e, 'election.direction_given').decision === 'proceed'
    ? undefined
    : 'not a direction to proceed';

export const validDirection: Check = (ctx, e) => {
  const decision = e && payloadFor(e, 'election.direction_given').decision;
  if (decision === 'three_content') return threeContentDirection(ctx, e);
  if (decision === 'another_round' && ctx.election.seatsRemaining === 0) {
    return 'every seat is filled, so no further round can be held: direct the congress to proceed or to hold a 3-content congress';
  }
  return undefined;
};

/** The level's maximum length the closing by `e` would exceed, with its rule id. */
export function overlong(
  ctx: CongressContext,
  e: { at: string },
): { rule: RuleId; reason: string } | undefined {
  if (!ctx.sessionStartAt) return undefined;
  const max = getRuleSet(ctx.ruleSetId).maxCongressDays[ctx.level];
  const days = inclusiveDays(toVietnamDate(ctx.sessionStartAt), toVietnamDate(e.at));
  if (max === undefined || days <= max) return undefined;
  const reason = `the congress would last ${days} days; a ${ctx.level} congress lasts at most ${max}`;
  return { rule: `maxCongressDays.${ctx.level}`, reason };
}

/** Refuses only where the length has a national source; a local-policy length is recorded instead. */
export const withinMaxDays: Check = (ctx, e) => {
  const problem = e && overlong(ctx, e);
  return problem && refuses(getRuleSet(ctx.ruleSetId), problem.rule) ? problem.reason : undefined;
};

export const needsAppointment: Check = (ctx) =>
  ctx.form !== 'four_content' && !ctx.appointed ? undefined : 'the committee is elected or already appointed';

/** Route: a cell under the committee threshold elects only a secretary, so it has no first meeting. */
export const secretaryOnly: Check = (ctx) => {
  const min = getRuleSet(ctx.ruleSetId).election.cellCommitteeMinMembers;
  // Full members where recorded (Điều lệ Đảng Art. 24 §4 counts đảng viên chính thức).
  const members = ctx.fullMemberCount ?? ctx.memberCount;
  return ctx.level === 'cell' && members < min ? undefined : 'the unit elects a committee';
};

export const isCell: Check = (ctx) => (ctx.level === 'cell' ? undefined : 'not a cell');
export const isPilot: Check = (ctx) => (ctx.pilot ? undefined : 'not a pilot unit');
export const notPilot: Check = (ctx) => (ctx.pilot ? 'the unit is already a pilot' : undefined);
export const notFlagged: Check = (ctx) =>
  ctx.difficult ? 'the unit is already flagged difficult' : undefined;
/** `irregularity.closed` names an irregularity of this unit that is still open. */
export const irregularityOpen: Check = (ctx, e) => {
  if (!e) return openIrregularities(ctx).length > 0 ? undefined : 'the unit has no open irregularity';
  const { seq } = payloadFor(e, 'irregularity.closed');
  const found = (ctx.irregularities ?? []).find((i) => i.seq === seq);
  if (!found)
    return `no irregularity was recorded at seq ${seq}: GET /api/v1/units/<id> lists the unit's irregularities with their seq`;
  if (found.closedAt !== undefined)
    return `the irregularity recorded at seq ${seq} was already closed at seq ${found.closedSeq ?? '?'}`;
  return undefined;
};

export const isFlagged: Check = (ctx) => (ctx.difficult ? undefined : 'the unit is not flagged difficult');

/** The postponement limit `until` goes beyond, with its rule id (months from the level's deadline). */
export function postponedTooFar(ctx: CongressContext, until: string, today: string) {
  const rules = getRuleSet(ctx.ruleSetId);
  const months = ctx.level === 'cell' ? rules.postponement.cellMonths : rules.postponement.otherMonths;
  const limit = addMonths(rules.congressDeadlines[ctx.level] ?? today, months);
  if (until <= limit) return undefined;
  const rule: RuleId = ctx.level === 'cell' ? 'postponement.cellMonths' : 'postponement.otherMonths';
  return {
    rule,
    reason: `postponing to ${until} goes beyond ${limit} (at most ${months} months for a ${ctx.level})`,
  };
}

export const canPostpone: Check = (ctx, e) => {
  if (ctx.congressHeldAt) return 'the congress has already been held';
  if (!e) return undefined;
  const until = payloadFor(e, 'congress.postponed').until;
  const today = toVietnamDate(e.at);
  if (until <= today) return `the new date ${until} is not after ${today}`;
  const problem = postponedTooFar(ctx, until, today);
  return problem && refuses(getRuleSet(ctx.ruleSetId), problem.rule) ? problem.reason : undefined;
};
