/**
 * Shared vocabulary of the pure layer: levels, roles, the envelope of the events the machine receives,
 * and the deadline records `deadlinesFor` returns. Every other layer imports these.
 */

/** Organisation levels, top-down. Which ones exist in a term comes from its rule set. */
export const LEVELS = ['central', 'province', 'district', 'base', 'cell'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Roles that may send procedural events. `auditor` and `admin` exist only at the access layer:
 * auditors never send events, admins act through `system` semantics where allowed.
 */
export const EVENT_ROLES = [
  'secretary',
  'working_group',
  'standing_committee',
  'inspection',
  'system',
] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

/** Who sent an event: a principal id and the role it acted in. */
export interface EventActor {
  id: string;
  role: EventRole;
}

/**
 * The envelope every event carries. `at` is the event's business time (ISO 8601) and `seq` the
 * position this event will take in the unit's log; the machine reads time only from here.
 */
export interface EventEnvelope {
  at: string;
  seq: number;
  actor: EventActor;
}

/**
 * An event as the engine hands it to the pure layer, before `checkEvent` has matched its type to
 * the catalogue and parsed its payload; the statechart itself receives only a `CongressEvent`
 * (machines/events/congress-event.ts).
 */
export interface UncheckedEvent extends EventEnvelope {
  type: string;
  payload: Record<string, unknown>;
}

/** One rung of the escalation ladder, relative to the party that owes the action. */
export type EscalationRecipient = 'working_group' | 'superior_standing_committee' | 'level_above';

/** An open deadline of one unit, derived purely from its snapshot, rule set and calendar. */
export interface Deadline {
  /** Stable name of the obligation, e.g. `plan.approval` or `report.due`. */
  kind: string;
  /** The state (step) the deadline belongs to; leaving the step closes it. */
  step: string;
  /** Log seq of the event that entered the step; part of every job id, so re-entry schedules anew. */
  enteredSeq: number;
  /** Who owes the action: the unit itself or its superior (approval and confirmation clocks). */
  owner: 'unit' | 'superior';
  /** ISO instant the obligation falls due. */
  dueAt: string;
  /** Reminders before the due time. */
  reminders: { workingDaysBefore: number; at: string }[];
  /** Escalations after the due time, in order. */
  escalations: { workingDaysAfter: number; at: string; recipient: EscalationRecipient }[];
}
