/**
 * The registry of named checks the machine's guards refer to, so a refusal can be explained by
 * re-running the very check that blocked it.
 */
import * as prep from './preparation.checks.js';
import type { Check } from './preparation.checks.js';
import * as session from './session.checks.js';
import { gateStatus } from './gate.js';

/** The first failing check's reason, else `undefined`: validity first, then the routing condition. */
const both =
  (...checks: Check[]): Check =>
  (ctx, e) => {
    for (const check of checks) {
      const reason = check(ctx, e);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };

/** A check that throws (say, a date outside the calendar's data) refuses with the error's message. */
const safe =
  (check: Check): Check =>
  (ctx, e) => {
    try {
      return check(ctx, e);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

const RAW_CHECKS = {
  nextDraft: prep.nextDraft,
  canSendConsultation: prep.canSendConsultation,
  validReply: prep.validReply,
  allReplied: (ctx) =>
    ctx.subordinateIds.every((id) => ctx.consultation?.replied.includes(id))
      ? undefined
      : 'replies still expected',
  canSubmitDocuments: prep.canSubmitDocuments,
  validPersonnelStep: prep.validPersonnelStep,
  personnelTracksSettled: prep.personnelTracksSettled,
  validHeld: prep.validHeld,
  validConfirmedChild: prep.validConfirmedChild,
  validWaiver: prep.validWaiver,
  gateMet: (ctx) => (gateStatus(ctx).met ? undefined : 'the subordinate gate is not met'),
  gateNotMet: (ctx) => (gateStatus(ctx).met ? 'the subordinate gate is met' : undefined),
  conveningGate: prep.conveningGate,
  validHierarchyChange: prep.validHierarchyChange,
  openingDateAcceptable: both(session.noticeRespected, session.reviewLeadRespected),
  formChangeAllowed: session.formChangeAllowed,
  noElection: (ctx) => (ctx.form === 'four_content' ? 'the congress elects its committee' : undefined),
  validRound: session.validRound,
  keyPostFailed: session.keyPostFailed,
  seatsFilled: session.seatsFilled,
  threeContentDirection: session.threeContentDirection,
  proceedDirection: session.proceedDirection,
  validDirection: session.validDirection,
  withinMaxDays: session.withinMaxDays,
  closeToAppointment: both(session.withinMaxDays, session.needsAppointment),
  closeSecretaryOnly: both(session.withinMaxDays, session.secretaryOnly),
  secretaryOnly: session.secretaryOnly,
  wasElected: (ctx) =>
    ctx.form === 'four_content' ? undefined : 'there was no election to annul: the committee is appointed',
  isCell: session.isCell,
  isPilot: session.isPilot,
  notPilot: session.notPilot,
  notFlagged: session.notFlagged,
  isFlagged: session.isFlagged,
  canPostpone: session.canPostpone,
} satisfies Record<string, Check>;

export type CheckName = keyof typeof RAW_CHECKS;

export const CHECKS = Object.fromEntries(
  Object.entries(RAW_CHECKS).map(([name, check]) => [name, safe(check)]),
) as Record<CheckName, Check>;
