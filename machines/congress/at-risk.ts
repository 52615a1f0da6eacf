/**
 * The one definition of "at risk" (DOMAIN.md §6): which units a supervisor must look at. The server
 * computes it (roll-up counters, the children list, the at-risk list); no client recomputes it.
 */
import type { Milestones } from '../api.types.js';
import { openIrregularities, type CongressContext } from './congress.context.js';

/** Why a unit is at risk, in the order a reader is shown them. */
export const RISK_REASONS = [
  'overdue',
  'postponed',
  'annulled',
  'difficult',
  'irregularity',
  'complaint',
] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/**
 * Open irregularities (recorded and not yet closed by the superior, `irregularity.closed`) and open
 * complaints (recorded and not yet resolved, `results.complaint_resolved`) in a unit's context.
 * Contexts written before either was kept count none.
 */
export function openIrregularitiesAndComplaints(ctx: Pick<CongressContext, 'irregularities' | 'complaint'>): {
  irregularities: number;
  complaints: number;
} {
  return {
    irregularities: openIrregularities(ctx).length,
    complaints: ctx.complaint === undefined ? 0 : 1,
  };
}

/** What the definition reads: the milestones kept beside the snapshot (see milestonesOf). */
export type RiskSubject = Pick<Milestones, 'postponed' | 'difficult'> &
  Partial<Pick<Milestones, 'annulled' | 'openIrregularities' | 'openComplaints' | 'overdue'>>;

/** Every reason `subject` is at risk; empty when it is not. */
export function riskReasons(subject: RiskSubject): RiskReason[] {
  const reasons: RiskReason[] = [];
  if ((subject.overdue ?? []).length > 0) reasons.push('overdue');
  if (subject.postponed) reasons.push('postponed');
  if (subject.annulled === true) reasons.push('annulled');
  if (subject.difficult) reasons.push('difficult');
  if ((subject.openIrregularities ?? 0) > 0) reasons.push('irregularity');
  if ((subject.openComplaints ?? 0) > 0) reasons.push('complaint');
  return reasons;
}

/** A unit is at risk when any reason holds. */
export function isAtRisk(subject: RiskSubject): boolean {
  return riskReasons(subject).length > 0;
}

/** The mark the overdue job leaves for one deadline: a moved due time or a re-entered step is another deadline. */
export function deadlineMark(deadline: { kind: string; enteredSeq: number; dueAt: string }): string {
  return `${deadline.kind}|${deadline.enteredSeq}|${Date.parse(deadline.dueAt)}`;
}

/** The overdue marks that survive a move to `next`: those whose deadline is still open. */
export function carriedOverdue(
  marks: readonly string[] | undefined,
  next: readonly { kind: string; enteredSeq: number; dueAt: string }[],
): string[] {
  if (marks === undefined || marks.length === 0) return [];
  const open = new Set(next.map(deadlineMark));
  return marks.filter((m) => open.has(m));
}
