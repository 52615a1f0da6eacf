/**
 * The public surface of the pure layer, as the engine consumes it (implemented in machines/index.ts).
 * Snapshots are plain JSON so they round-trip through Redis unchanged.
 */
import type { z } from 'zod';
import type { EventRole, Level } from './domain.js';

/** What a unit's machine is created with. */
export interface UnitInput {
  unitId: string;
  level: Level;
  /** Khối: ward, commune, agencies, enterprises, schools, armed forces... */
  block: string;
  /** Full members (cells) or delegates; a cell under 9 full members elects only a secretary. */
  memberCount: number;
  /** Full members (đảng viên chính thức): the majority base of a member congress. Absent in older data. */
  fullMemberCount?: number;
  ruleSetId: string;
  /** Direct subordinate units at creation; later changes arrive as `hierarchy.subordinates_changed`. */
  subordinateIds: string[];
  /** ISO instant the unit's procedure was opened (import time). */
  openedAt: string;
}

/** A persisted snapshot: JSON only, tagged with the machine version that produced it. */
export interface PersistedCongressSnapshot {
  machineVersion: number;
  status: 'active' | 'done';
  value: unknown;
  context: Record<string, unknown>;
}

/** Coarse phases of DOMAIN.md §2 in procedural order, then the side phases; for roll-ups and dashboards. */
export const PHASES = [
  'plan',
  'bodies',
  'pilot',
  'preparation',
  'superior_review',
  'convening',
  'congress',
  'first_meeting',
  'report',
  'confirmation',
  'completed',
  'postponed',
  'annulled',
] as const;
export type Phase = (typeof PHASES)[number];

/** An event type and whether the current state accepts it (with the reason when blocked). */
export interface AllowedEvent {
  type: string;
  allowed: boolean;
  reason?: string;
}

/** Side effects the engine performs after a successful append (effects are returned, not performed). */
export type MachineEffect =
  | { type: 'notify_parent'; kind: 'congress_held'; heldAt: string }
  | { type: 'notify_parent'; kind: 'results_confirmed'; confirmedAt: string }
  | { type: 'notify_parent'; kind: 'pilot_designated'; designatedAt: string }
  /** To the named direct subordinates (the non-pilots): pilots chosen, then their lessons recorded. */
  | {
      type: 'notify_subordinates';
      kind: 'pilots_designated' | 'pilot_lessons';
      at: string;
      unitIds: string[];
    }
  /** A local-policy rule was breached: supervisors are alerted (never a refusal). */
  | { type: 'irregularity'; rule: string; occurredAt: string };

export type TransitionOutcome =
  | { ok: true; snapshot: PersistedCongressSnapshot; phase: Phase; effects: MachineEffect[] }
  | {
      ok: false;
      code: 'unknown_event' | 'invalid_payload' | 'not_allowed';
      message: string;
      /** zod issues for invalid payloads: dotted path and reason. */
      issues?: { path: string; message: string }[];
      allowed: AllowedEvent[];
      /** Guards that threw (a bug or missing data, not a rule): each guard's name and error message. */
      internal?: { guard: string; message: string }[];
    };

/** Milestones the roll-ups count. */
export interface Milestones {
  congressHeld: boolean;
  congressHeldAt?: string;
  /** Held on or before the level's absolute deadline in the rule set. */
  heldOnTime: boolean;
  resultsConfirmed: boolean;
  postponed: boolean;
  difficult: boolean;
  /** Không chuẩn y — results annulled, re-election ordered (absent on units last written before it was kept). */
  annulled?: boolean;
  /** Open irregularities and complaints in the context (see openIrregularitiesAndComplaints). */
  openIrregularities?: number;
  openComplaints?: number;
  /**
   * Open deadlines the overdue job marked overdue (`deadlineMark`); kept by the engine, not derived
   * from the snapshot, and dropped when the deadline leaves the open set.
   */
  overdue?: string[];
  /** At least one irregularity (a local-policy rule breached) is recorded. */
  irregular?: boolean;
  /** When the unit discussed the national and its superior's drafts. */
  draftsDiscussed?: { national?: boolean; superior?: boolean };
}

/** One event type: dotted name, payload schema, who may send it, bilingual labels. */
export interface EventDefinition {
  type: string;
  schema: z.ZodType<Record<string, unknown>>;
  roles: EventRole[];
  label: { vi: string; en: string };
}
