/**
 * Context updates of the congress machine, as plain functions `(context, event) → partial context`.
 * They copy only what they change (shallow spreads), since `applyEvent` is on the hot path.
 */
import type { ElectionRecordedPayload } from '../events/payload-schemas.js';
import type { ApprovalKind, CongressContext, Stamp } from './congress.context.js';
import { payloadOf } from './congress.context.js';
import { electionResult } from './session.checks.js';

/** The machine's init event carries the input instead of an envelope. */
interface AnyEvent {
  type: string;
  at?: string;
  seq?: number;
  actor?: { id: string };
  payload?: unknown;
  input?: { openedAt: string };
}

type Update = (ctx: CongressContext, event: AnyEvent) => Partial<CongressContext>;

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

const p = <T>(event: AnyEvent): T => payloadOf<T>(event);
const append = (list: string[], ...items: string[]) => [...list, ...items];

/** Named context updates, referenced by the machine as `{ type: 'update', params: { name } }`. */
export const UPDATES = {
  markPilot: () => ({ pilot: true }),
  recordDraft: (_, e) => ({ drafts: p<{ draft: number }>(e).draft }),
  openConsultation: () => ({ consultation: { replied: [], closed: false } }),
  recordReply: (ctx, e) => ({
    consultation: {
      replied: append(ctx.consultation?.replied ?? [], p<{ unitId: string }>(e).unitId),
      closed: false,
    },
  }),
  closeConsultation: (ctx) => ({ consultation: { replied: ctx.consultation?.replied ?? [], closed: true } }),
  markDocsFinal: () => ({ docsFinal: true }),
  markPersonnelApproved: () => ({ personnelApproved: true }),
  recordPersonnelStep: (ctx, e) => {
    const track = p<{ track: 'reelection' | 'firstTime' }>(e).track;
    return { personnelSteps: { ...ctx.personnelSteps, [track]: ctx.personnelSteps[track] + 1 } };
  },
  recordHeld: (ctx, e) => ({ held: append(ctx.held, p<{ childId: string }>(e).childId) }),
  recordConfirmedChild: (ctx, e) => ({
    confirmedSubordinates: append(ctx.confirmedSubordinates ?? [], p<{ childId: string }>(e).childId),
  }),
  recordWaiver: (ctx, e) => ({ waived: append(ctx.waived, ...p<{ unitIds: string[] }>(e).unitIds) }),
  changeSubordinates: (ctx, e) => {
    const { added, removed } = p<{ added: string[]; removed: string[] }>(e);
    return { subordinateIds: [...ctx.subordinateIds.filter((id) => !removed.includes(id)), ...added] };
  },
  setForm: (_, e) => ({ form: p<{ form: CongressContext['form'] }>(e).form }),
  setThreeContent: () => ({ form: 'three_content' }),
  proposeOpening: (_, e) => ({ openingDate: p<{ openingDate: string }>(e).openingDate }),
  openCongress: (_, e) => ({ congressOpenedAt: e.at, sessionStartAt: e.at }),
  recordRound: (ctx, e) => {
    const result = electionResult(ctx, e);
    const round = p<ElectionRecordedPayload>(e).round;
    return { election: { ...ctx.election, round, seatsRemaining: result.seatsRemaining } };
  },
  closeCongress: (ctx, e) => ({ congressClosedAt: e.at, congressHeldAt: ctx.congressHeldAt ?? e.at }),
  appoint: () => ({ appointed: true }),
  recordReport: (_, e) => ({ reportedAt: e.at }),
  recordConfirmation: (_, e) => ({ confirmedAt: e.at }),
  annul: (ctx) => ({ election: { round: 0, reruns: ctx.election.reruns + 1 }, reportedAt: undefined }),
  reconvene: (_, e) => ({ sessionStartAt: e.at }),
  recordPostponement: (_, e) => ({ postponement: p<{ until: string; reason: string }>(e) }),
  flag: (_, e) => ({ difficult: { reason: p<{ reason: string }>(e).reason, at: e.at ?? '' } }),
  clearFlag: () => ({ difficult: undefined }),
} satisfies Record<string, Update>;

export type UpdateName = keyof typeof UPDATES;
