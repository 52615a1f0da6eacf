/**
 * The machine's context: what guards, deadlines and milestones need, kept compact because a unit's
 * snapshot is written on every append (about 200,000 cells per term). Optional fields stay absent
 * until set, so a fresh cell snapshot is a few hundred bytes.
 */
import type { UnitInput } from '../api.types.js';
import type { Level } from '../domain.js';

/** When a step was entered: the business time and log seq of the event that entered it. */
export interface Stamp {
  at: string;
  seq: number;
}

/** Who approved a submission (actor id) and when. */
export interface Approval extends Stamp {
  by: string;
}

export type ApprovalKind = 'plan' | 'documents' | 'personnelPlan' | 'review' | 'opening';
export type CongressForm = 'four_content' | 'three_content' | 'two_content';

export interface CongressContext {
  unitId: string;
  level: Level;
  memberCount: number;
  ruleSetId: string;
  subordinateIds: string[];
  /** Subordinates whose congress is held (cascade events from the children). */
  held: string[];
  /** Subordinates whose election results this unit has confirmed (absent until the first). */
  confirmedSubordinates?: string[];
  /** Stragglers the superior let go, each waiver recorded with a reason in the log. */
  waived: string[];
  /** Entry stamps of the open deadline-bearing steps, keyed by step name. */
  entered: Record<string, Stamp>;
  approvals: Partial<Record<ApprovalKind, Approval>>;
  /** Number of the last recorded political-report draft (0 = none yet). */
  drafts: number;
  /** Consultation of subordinates: replies so far, or closed (all replied or closed early). */
  consultation?: { replied: string[]; closed: boolean };
  docsFinal?: true;
  personnelApproved?: true;
  /** Five-step records per track: how many steps are done. */
  personnelSteps: { reelection: number; firstTime: number };
  pilot?: true;
  form: CongressForm;
  openingDate?: string;
  election: { round: number; seatsRemaining?: number; reruns: number };
  appointed?: true;
  sessionStartAt?: string;
  congressOpenedAt?: string;
  /** First closing: the congress counts as held from here (re-elections do not move it). */
  congressHeldAt?: string;
  congressClosedAt?: string;
  reportedAt?: string;
  confirmedAt?: string;
  postponement?: { until: string; reason: string };
  difficult?: { reason: string; at: string };
}

/** The context a unit starts with. */
export function initialContext(input: UnitInput): CongressContext {
  return {
    unitId: input.unitId,
    level: input.level,
    memberCount: input.memberCount,
    ruleSetId: input.ruleSetId,
    subordinateIds: [...input.subordinateIds],
    held: [],
    waived: [],
    entered: {},
    approvals: {},
    drafts: 0,
    personnelSteps: { reelection: 0, firstTime: 0 },
    form: 'four_content',
    election: { round: 0, reruns: 0 },
  };
}

/** Typed access to a validated payload (zod ran before the machine saw the event). */
export function payloadOf<T>(event: { payload?: unknown }): T {
  return event.payload as T;
}
