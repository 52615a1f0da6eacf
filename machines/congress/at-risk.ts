/**
 * The one definition of "at risk" (DOMAIN.md §6): which units a supervisor must look at. The server
 * computes it (roll-up counters, the children list, the at-risk list); no client recomputes it.
 */
import type { Milestones } from '../api.types.js';

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

/** An entry of a context list counted as open: no closing time and no closed or resolved status. */
function isOpen(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return true;
  const e = entry as Record<string, unknown>;
  if (e['closedAt'] !== undefined || e['resolvedAt'] !== undefined) return false;
  return e['status'] === undefined || e['status'] === 'open';
}

function openIn(list: unknown): number {
  return Array.isArray(list) ? list.filter(isOpen).length : 0;
}

/**
 * Open irregularities and complaints a unit's context records, when its procedure records them (the
 * context fields `irregularities` and `complaints`, each a list; an entry is open until it carries a
 * `closedAt`/`resolvedAt` or a status other than `open`). Absent fields count as none.
 */
export function openIrregularitiesAndComplaints(context: unknown): {
  irregularities: number;
  complaints: number;
} {
  const c = (typeof context === 'object' && context !== null ? context : {}) as Record<string, unknown>;
  return { irregularities: openIn(c['irregularities']), complaints: openIn(c['complaints']) };
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
