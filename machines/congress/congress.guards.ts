/**
 * The registry of named checks the machine's guards refer to, so a refusal can be explained by
 * re-running the very check that blocked it.
 */
import * as prep from './preparation.checks.js';
import type { Check } from './preparation.checks.js';
import * as session from './session.checks.js';
import * as opening from './opening.checks.js';
import * as superior from './superior.checks.js';
import * as legacy from './legacy-election.checks.js';
import * as elections from './election.checks.js';
import type { CongressEvent } from '../events/congress-event.js';
import type { CongressContext } from './congress.context.js';
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

/**
 * A guard that threw: a bug or missing data (say, a date outside the calendar's table), never a rule
 * of the procedure. It still refuses, but marked, so the engine can log and count it by guard.
 */
export interface InternalRefusal {
  internal: true;
  guard: string;
  message: string;
}

/** What a guard says: `undefined` = may pass, a reason, or an internal refusal. */
export type GuardResult = string | InternalRefusal | undefined;

/** A named check as the machine and the explanations run it. */
export type Guard = (ctx: CongressContext, event?: CongressEvent) => GuardResult;

/** The reason a user reads, whether a rule refused or a guard failed. */
export function reasonText(refusal: string | InternalRefusal): string {
  return typeof refusal === 'string' ? refusal : refusal.message;
}

/** True for a guard that threw, as opposed to a rule's reason or a pass. */
export function isInternalRefusal(result: GuardResult): result is InternalRefusal {
  return typeof result === 'object';
}

/** Runs `check` as guard `name`; a throw becomes an internal refusal instead of a plain reason. */
const safe =
  (name: string, check: Check): Guard =>
  (ctx, e) => {
    try {
      return check(ctx, e);
    } catch (error) {
      return { internal: true, guard: name, message: error instanceof Error ? error.message : String(error) };
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
  // Versions 1–2 only (legacy/v2.machine.ts): the gate at the review, the notice from the approval.
  conveningGate: prep.conveningGate,
  validHierarchyChange: prep.validHierarchyChange,
  openingDateAcceptable: both(session.noticeRespected, session.reviewLeadRespected),
  formChangeAllowed: session.formChangeAllowed,
  noElection: (ctx) => (ctx.form === 'four_content' ? 'the congress elects its committee' : undefined),
  validRound: legacy.validRound,
  keyPostFailed: legacy.keyPostFailed,
  seatsFilled: legacy.seatsFilled,
  threeContentDirection: session.threeContentDirection,
  proceedDirection: session.proceedDirection,
  validDirection: session.validDirection,
  withinMaxDays: session.withinMaxDays,
  closeToAppointment: both(session.withinMaxDays, session.needsAppointment),
  closeSecretaryOnly: both(session.withinMaxDays, session.secretaryOnly),
  secretaryOnly: session.secretaryOnly,
  // The same test as the session's: a 2-content congress, which elects nothing.
  electedNothing: elections.electsNothing,
  wasElected: (ctx) =>
    ctx.form === 'four_content' ? undefined : 'there was no election to annul: the committee is appointed',
  isCell: session.isCell,
  isPilot: session.isPilot,
  notPilot: session.notPilot,
  notFlagged: session.notFlagged,
  isFlagged: session.isFlagged,
  irregularityOpen: session.irregularityOpen,
  canPostpone: session.canPostpone,
  reviewReady: opening.reviewReady,
  validAnnouncement: opening.validAnnouncement,
  openingGate: opening.openingGate,
  validPilotChild: superior.validPilotChild,
  notAwaitingLessons: superior.notAwaitingLessons,
  canRecordLessons: superior.canRecordLessons,
  lessonsNotReceived: superior.lessonsNotReceived,
  draftsNotYetDiscussed: superior.draftsNotYetDiscussed,
  noOpenComplaint: superior.noOpenComplaint,
  complaintOpen: superior.complaintOpen,
  canAnnul: superior.canAnnul,
  quorumHolds: elections.quorumHolds,
  electsNothing: both(elections.quorumHolds, elections.electsNothing),
  congressListAllowed: elections.congressListAllowed,
  firstMeetingListAllowed: elections.firstMeetingListAllowed,
  congressRoundAllowed: elections.congressRoundAllowed,
  firstMeetingRoundAllowed: elections.firstMeetingRoundAllowed,
  congressKeyPostMissed: elections.congressKeyPostMissed,
  firstMeetingKeyPostMissed: elections.firstMeetingKeyPostMissed,
  continuationAllowed: elections.continuationAllowed,
  electionDirectionAllowed: elections.electionDirectionAllowed,
  electionsCloseToAppointment: both(
    elections.congressElectionsSettled,
    session.withinMaxDays,
    session.needsAppointment,
  ),
  electionsCloseSecretaryOnly: both(
    elections.congressElectionsSettled,
    session.withinMaxDays,
    session.secretaryOnly,
  ),
  electionsClose: both(elections.congressElectionsSettled, session.withinMaxDays),
  firstMeetingSettled: elections.firstMeetingSettled,
} satisfies Record<string, Check>;

export type CheckName = keyof typeof RAW_CHECKS;

export const CHECKS = Object.fromEntries(
  Object.entries(RAW_CHECKS).map(([name, check]) => [name, safe(name, check)]),
) as Record<CheckName, Guard>;
