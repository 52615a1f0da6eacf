/**
 * Context updates of the congress machine, as plain functions `(context, event) → partial context`.
 * They copy only what they change (shallow spreads), since `applyEvent` is on the hot path.
 */
import { type CongressEvent, payloadFor } from '../events/congress-event.js';
import type { ApprovalKind, CongressContext, Stamp } from './congress.context.js';
import { ELECTION_UPDATES } from './election.updates.js';
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
    // A re-election sets its lists again (machine version 3; absent before).
    ...(ctx.elections ? { elections: undefined } : {}),
  }),
  reconvene: (_, e) => ({ sessionStartAt: e.at }),
  recordPostponement: (_, e) => ({ postponement: payloadFor(e, 'congress.postponed') }),
  flag: (_, e) => ({ difficult: { reason: payloadFor(e, 'unit.flagged_difficult').reason, at: e.at } }),
  clearFlag: () => ({ difficult: undefined }),
  ...ELECTION_UPDATES,
} satisfies Record<string, Update>;

export type UpdateName = keyof typeof UPDATES;
