/**
 * Context updates of the congress machine, as plain functions `(context, event) → partial context`.
 * They copy only what they change (shallow spreads), since `applyEvent` is on the hot path.
 */
import { type CongressEvent, payloadFor } from '../events/congress-event.js';
import type { ApprovalKind, CongressContext, Stamp } from './congress.context.js';
import { overlong, postponedTooFar } from './session.checks.js';
import { lateCongress, lateLeaving, withIrregularities } from './irregularities.js';
import { openingProblems } from './opening.checks.js';
import { ruleRefuses } from './rule-hardness.js';
import { getRuleSet } from '../rules/index.js';
import { calendarFor } from '../calendar/calendar-for.js';
import { toVietnamDate } from '../calendar/vn-calendar.js';
import { ELECTION_UPDATES, reopenElections } from './election.updates.js';
import { electionResult, legacyRound } from './legacy-election.checks.js';

/** An event or the machine's init event, which carries the input instead of an envelope. */
interface AnyEvent {
  type: string;
  at?: string;
  seq?: number;
  actor?: { id: string };
  input?: { openedAt: string };
}

/** Updates run on transitions taken by an event, never on the init event. */
type Update = (ctx: CongressContext, event: CongressEvent) => Partial<CongressContext>;

/** Time and seq of the triggering event; the init event stands for the import at seq 0. */
export function stampOf(event: AnyEvent): Stamp {
  return { at: event.at ?? event.input?.openedAt ?? '', seq: event.seq ?? 0 };
}

export function stamp(ctx: CongressContext, event: AnyEvent, step: string): Partial<CongressContext> {
  return { entered: { ...ctx.entered, [step]: stampOf(event) } };
}

export function unstamp(ctx: CongressContext, step: string): Partial<CongressContext> {
  const { [step]: _left, ...entered } = ctx.entered;
  return { entered };
}

export function approve(ctx: CongressContext, event: AnyEvent, kind: ApprovalKind): Partial<CongressContext> {
  const approval = { by: event.actor?.id ?? 'unknown', ...stampOf(event) };
  return { approvals: { ...ctx.approvals, [kind]: approval } };
}

/** Leaves a stamped step, recording a local-policy clock it ran past. */
export function leave(ctx: CongressContext, event: AnyEvent, step: string): Partial<CongressContext> {
  const late = lateLeaving(ctx, event, step);
  const left = unstamp(ctx, step);
  return late ? { ...left, irregularities: withIrregularities(ctx, event, [late]) } : left;
}

/** The opening's local-policy breaches, recorded (the refusing ones never get here). */
function openingIrregularities(ctx: CongressContext, e: CongressEvent): Partial<CongressContext> {
  const rules = getRuleSet(ctx.ruleSetId);
  const soft = openingProblems(ctx, e).filter((p) => !ruleRefuses(rules, p.rule));
  return soft.length === 0
    ? {}
    : {
        irregularities: withIrregularities(
          ctx,
          e,
          soft.map((p) => p.rule),
        ),
      };
}

function workingDaysBetween(ctx: CongressContext, from: string, to: string): number {
  return calendarFor(getRuleSet(ctx.ruleSetId)).workingDaysBetween(toVietnamDate(from), toVietnamDate(to));
}

const append = (list: string[], ...items: string[]) => [...list, ...items];

/** Named context updates, referenced by the machine as `{ type: 'update', params: { name } }`. */
export const UPDATES = {
  markPilot: () => ({ pilot: true }),
  recordDraft: (_, e) => ({ drafts: payloadFor(e, 'documents.draft_recorded').draft }),
  openConsultation: () => ({ consultation: { replied: [], closed: false } }),
  recordReply: (ctx, e) => ({
    consultation: {
      replied: append(ctx.consultation?.replied ?? [], payloadFor(e, 'consultation.reply_recorded').unitId),
      closed: false,
    },
  }),
  closeConsultation: (ctx) => ({ consultation: { replied: ctx.consultation?.replied ?? [], closed: true } }),
  markDocsFinal: () => ({ docsFinal: true }),
  markPersonnelApproved: () => ({ personnelApproved: true }),
  recordPersonnelStep: (ctx, e) => {
    const track = payloadFor(e, 'personnel.step_recorded').track;
    return { personnelSteps: { ...ctx.personnelSteps, [track]: ctx.personnelSteps[track] + 1 } };
  },
  recordHeld: (ctx, e) => ({ held: append(ctx.held, payloadFor(e, 'subordinate.congress_held').childId) }),
  recordConfirmedChild: (ctx, e) => ({
    confirmedSubordinates: append(
      ctx.confirmedSubordinates ?? [],
      payloadFor(e, 'subordinate.results_confirmed').childId,
    ),
  }),
  recordWaiver: (ctx, e) => ({
    waived: append(ctx.waived, ...payloadFor(e, 'gate.waiver_recorded').unitIds),
  }),
  changeSubordinates: (ctx, e) => {
    const { added, removed } = payloadFor(e, 'hierarchy.subordinates_changed');
    return { subordinateIds: [...ctx.subordinateIds.filter((id) => !removed.includes(id)), ...added] };
  },
  setForm: (_, e) => ({ form: payloadFor(e, 'congress.form_changed').form }),
  setThreeContent: () => ({ form: 'three_content' }),
  proposeOpening: (_, e) => ({ openingDate: payloadFor(e, 'convening.date_proposed').openingDate }),
  openCongress: (_, e) => ({ congressOpenedAt: e.at, sessionStartAt: e.at }),
  recordRound: (ctx, e) => {
    const round = legacyRound(e);
    const result = electionResult(ctx, round);
    return { election: { ...ctx.election, round: round.round, seatsRemaining: result.seatsRemaining } };
  },
  closeCongress: (ctx, e) => ({ congressClosedAt: e.at, congressHeldAt: ctx.congressHeldAt ?? e.at }),
  appoint: () => ({ appointed: true }),
  recordReport: (_, e) => ({ reportedAt: e.at }),
  recordConfirmation: (_, e) => ({ confirmedAt: e.at }),
  annul: (ctx) => ({
    election: { round: 0, reruns: ctx.election.reruns + 1 },
    reportedAt: undefined,
    // A re-election sets its lists again (machine version 4; absent before).
    ...(ctx.elections ? { elections: undefined } : {}),
  }),
  reconvene: (_, e) => ({ sessionStartAt: e.at }),
  recordPostponement: (_, e) => ({ postponement: payloadFor(e, 'congress.postponed') }),
  flag: (_, e) => ({ difficult: { reason: payloadFor(e, 'unit.flagged_difficult').reason, at: e.at } }),
  clearFlag: () => ({ difficult: undefined }),
  closeIrregularity: (ctx, e) => {
    const { seq, note } = payloadFor(e, 'irregularity.closed');
    return {
      irregularities: (ctx.irregularities ?? []).map((i) =>
        i.seq === seq ? { ...i, closedAt: e.at, closedSeq: e.seq, closingNote: note } : i,
      ),
    };
  },
  recordPostponementChecked: (ctx, e) => {
    const postponement = payloadFor(e, 'congress.postponed');
    const tooFar = postponedTooFar(ctx, postponement.until, toVietnamDate(e.at));
    return { postponement, ...(tooFar ? { irregularities: withIrregularities(ctx, e, [tooFar.rule]) } : {}) };
  },
  recordWaiverRecord: (ctx, e) => {
    const unitIds = payloadFor(e, 'gate.waiver_recorded').unitIds;
    return {
      waived: append(ctx.waived, ...unitIds),
      waivers: [...(ctx.waivers ?? []), { seq: e.seq, at: e.at, unitIds }],
    };
  },
  // A new date voids the announcement of the old one: it must be agreed and announced again.
  proposeNewOpening: (_, e) => ({
    openingDate: payloadFor(e, 'convening.date_proposed').openingDate,
    announcement: undefined,
  }),
  announce: (_, e) => ({ announcement: { ...payloadFor(e, 'convening.announced'), at: e.at, seq: e.seq } }),
  openCongressChecked: (ctx, e) => ({
    congressOpenedAt: e.at,
    sessionStartAt: e.at,
    ...openingIrregularities(ctx, e),
  }),
  closeCongressChecked: (ctx, e) => {
    const breached = [lateCongress(ctx, e), overlong(ctx, e)?.rule].filter((r) => r !== undefined);
    return {
      congressClosedAt: e.at,
      congressHeldAt: ctx.congressHeldAt ?? e.at,
      ...(breached.length > 0 ? { irregularities: withIrregularities(ctx, e, breached) } : {}),
    };
  },
  recordPilotChild: (ctx, e) => ({
    pilots: append(ctx.pilots ?? [], payloadFor(e, 'subordinate.pilot_designated').childId),
  }),
  awaitPilotLessons: () => ({ awaitsPilotLessons: true }),
  recordPilotLessons: (_, e) => ({ pilotLessons: { at: e.at, seq: e.seq } }),
  receivePilotLessons: (_, e) => ({ pilotLessonsReceived: { at: e.at, seq: e.seq } }),
  discussDrafts: (ctx, e) => ({
    draftsDiscussed: {
      ...ctx.draftsDiscussed,
      [payloadFor(e, 'consultation.superior_drafts_discussed').drafts]: e.at,
    },
  }),
  openComplaint: (_, e) => ({ complaint: { at: e.at, seq: e.seq } }),
  resolveComplaint: (ctx, e) => ({
    complaint: undefined,
    confirmationPausedDays:
      (ctx.confirmationPausedDays ?? 0) + workingDaysBetween(ctx, ctx.complaint?.at ?? e.at, e.at),
  }),
  annulPosts: (ctx, e) => {
    const { scope, posts } = payloadFor(e, 'results.annulled');
    return {
      // A re-election of named posts fills only those seats.
      election: { round: 0, reruns: ctx.election.reruns + 1, seatsRemaining: posts?.length },
      reportedAt: undefined,
      annulment: { scope, ...(posts ? { posts } : {}), at: e.at, seq: e.seq },
      // Machine version 4: each election reopens only for the annulled posts (all of them for "all").
      ...(ctx.elections ? { elections: reopenElections(ctx.elections, posts) } : {}),
    };
  },
  ...ELECTION_UPDATES,
} satisfies Record<string, Update>;

export type UpdateName = keyof typeof UPDATES;
