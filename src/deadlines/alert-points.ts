import type { Deadline, EscalationRecipient } from '../../machines/domain.js';

/** What one alert point says: a reminder before the due time, the overdue alert, or an escalation rung. */
export type AlertPointSpec =
  | { type: 'reminder'; workingDaysBefore: number }
  | { type: 'overdue' }
  | { type: 'escalation'; rung: number; workingDaysAfter: number; recipient: EscalationRecipient };

/** The identity of the deadline a point belongs to; a fired job is stale once this leaves the open set. */
export interface DeadlineRef {
  kind: string;
  step: string;
  enteredSeq: number;
  owner: Deadline['owner'];
  dueAt: string;
}

/** One moment an alert may be raised for a unit's open deadline. */
export interface AlertPoint {
  /** Deterministic BullMQ job id, also the id of the alert it produces. */
  jobId: string;
  unitId: string;
  deadline: DeadlineRef;
  point: AlertPointSpec;
  /** ISO instant the point fires. */
  fireAt: string;
}

/**
 * BullMQ 6 rejects integer-looking custom ids and ids containing `:` (unless they split into exactly
 * three parts, a legacy repeatable-job form). `|` is accepted, and components are URI-encoded so a
 * unit id or kind containing `|` or `:` cannot forge or break the separator.
 */
const SEPARATOR = '|';

function pointSuffix(point: AlertPointSpec): string {
  switch (point.type) {
    case 'reminder':
      return `rem${point.workingDaysBefore}`;
    case 'overdue':
      return 'due';
    case 'escalation':
      return `esc${point.rung}`;
  }
}

/** Identifies one deadline of one unit: `dl|<unitId>|<kind>|<enteredSeq>|<dueAtMs>`. */
export function deadlineKey(unitId: string, deadline: DeadlineRef): string {
  return [
    'dl',
    encodeURIComponent(unitId),
    encodeURIComponent(deadline.kind),
    String(deadline.enteredSeq),
    String(Date.parse(deadline.dueAt)),
  ].join(SEPARATOR);
}

/**
 * Job id of one alert point, e.g. `dl|u42|plan.approval|7|1719705600000|esc2`. It includes the
 * step-entry seq and the due time, so re-entering a step or moving the deadline yields new ids.
 */
export function alertJobId(unitId: string, deadline: DeadlineRef, point: AlertPointSpec): string {
  return jobIdOf(deadlineKey(unitId, deadline), point);
}

function jobIdOf(key: string, point: AlertPointSpec): string {
  return `${key}${SEPARATOR}${pointSuffix(point)}`;
}

function refOf(deadline: Deadline): DeadlineRef {
  const { kind, step, enteredSeq, owner, dueAt } = deadline;
  return { kind, step, enteredSeq, owner, dueAt };
}

/** Expands a deadline into its reminders (earliest first), the overdue point and the escalation ladder. */
export function alertPointsOf(unitId: string, deadline: Deadline): AlertPoint[] {
  const ref = refOf(deadline);
  // Every point of a deadline shares its key: encoded once, not once per point.
  const key = deadlineKey(unitId, ref);
  const make = (point: AlertPointSpec, fireAt: string): AlertPoint => ({
    jobId: jobIdOf(key, point),
    unitId,
    deadline: ref,
    point,
    fireAt,
  });
  const reminders = [...deadline.reminders]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((r) => make({ type: 'reminder', workingDaysBefore: r.workingDaysBefore }, r.at));
  const escalations = deadline.escalations.map((e, i) =>
    make(
      { type: 'escalation', rung: i + 1, workingDaysAfter: e.workingDaysAfter, recipient: e.recipient },
      e.at,
    ),
  );
  return [...reminders, make({ type: 'overdue' }, deadline.dueAt), ...escalations];
}

/**
 * Points worth scheduling at `now`. A reminder whose next point (a later reminder or the overdue
 * alert) has already passed is superseded: a unit opened late should hear "overdue", not a burst of
 * stale "7 days left" messages. Overdue and escalations are never dropped.
 */
export function schedulablePoints(unitId: string, deadline: Deadline, now: Date): AlertPoint[] {
  const points = alertPointsOf(unitId, deadline);
  return points.filter((p, i) => {
    if (p.point.type !== 'reminder') return true;
    const next = points[i + 1];
    return next === undefined || Date.parse(next.fireAt) > now.getTime();
  });
}

/** True when `deadlines` still holds the deadline `ref` points at (same kind, step entry and due time). */
export function findOpenDeadline(deadlines: Deadline[], ref: DeadlineRef): Deadline | undefined {
  return deadlines.find(
    (d) =>
      d.kind === ref.kind && d.enteredSeq === ref.enteredSeq && Date.parse(d.dueAt) === Date.parse(ref.dueAt),
  );
}

/** True when the unit's current open deadlines still contain this exact point; otherwise a firing is stale. */
export function isPointOpen(deadlines: Deadline[], point: AlertPoint): boolean {
  const open = findOpenDeadline(deadlines, point.deadline);
  if (open === undefined) return false;
  return alertPointsOf(point.unitId, open).some((p) => p.jobId === point.jobId);
}
