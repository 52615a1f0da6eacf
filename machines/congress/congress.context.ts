/**
 * The machine's context: what guards, deadlines and milestones need, kept compact because a unit's
 * snapshot is written on every append (about 200,000 cells per term). Optional fields are
 * `undefined` until set, so they are absent from the stored JSON: a fresh cell snapshot is a few
 * hundred bytes.
 */
import type { UnitInput } from '../api.types.js';
import type { Level } from '../domain.js';
import type { ElectionKind } from '../rules/election-kinds.js';

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

/** One election's list and how far its voting has come. */
export interface ElectionProgress {
  seats: number;
  /** Delegates only: alternates elected from the same list after the official seats. */
  alternateSeats?: number;
  candidates: string[];
  /** Last round recorded (0 = list set, no round yet). */
  round: number;
  elected: string[];
  seatsRemaining: number;
  /** Tied for the last seat: the next round is among them only. */
  tied?: string[];
  /**
   * voting: the next round may be recorded; deciding: too few elected, the congress decides whether
   * to go on; paused: a key post was missed, the superior directs; complete / stopped: no more rounds.
   */
  status: 'voting' | 'deciding' | 'paused' | 'complete' | 'stopped';
}

/** Who voted at the official session: full members or official delegates summoned, and present. */
export interface Attendance {
  congressKind: 'member' | 'delegate';
  summoned: number;
  present: number;
}

export interface CongressContext {
  unitId: string;
  level: Level;
  memberCount: number;
  /** Full members (đảng viên chính thức), when the organisation records them. */
  fullMemberCount?: number;
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
  /** The official session's attendance (machine version 4 on). */
  attendance?: Attendance;
  /** Each election's list and progress, by kind (machine version 4 on). */
  elections?: Partial<Record<ElectionKind, ElectionProgress>>;
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
  /** Triệu tập: the opening date and delegate allocation the convening committee announced. */
  announcement?: Announcement;
  /** Each straggler waiver as recorded, so the opening can name the waivers it relied on. */
  waivers?: WaiverRecord[];
  /** Breaches of flagging rules (local policy, election mismatches): recorded for supervisors, never refused. */
  irregularities?: Irregularity[];
  /** Subordinates designated as pilots (learnt from their cascades). */
  pilots?: string[];
  /** Set when the superior designated pilots: this unit opens only after their lessons conference. */
  awaitsPilotLessons?: true;
  /** On the superior: when its pilots' lessons-learned conference was recorded. */
  pilotLessons?: Stamp;
  /** Below it: when the superior's pilot lessons reached this unit. */
  pilotLessonsReceived?: Stamp;
  /** When the unit discussed the national and its superior's drafts (consultation from above). */
  draftsDiscussed?: { national?: string; superior?: string };
  /** An open complaint about the results: the confirmation clock stands still meanwhile. */
  complaint?: Stamp;
  /** Working days the confirmation clock stood still for complaints. */
  confirmationPausedDays?: number;
  /** The last annulment: all results, or only named posts (a re-election covers only those). */
  annulment?: { scope: 'all' | 'posts'; posts?: string[]; at: string; seq: number };
}

export interface Announcement {
  openingDate: string;
  delegateAllocations: Record<string, number>;
  at: string;
  seq: number;
}

export interface WaiverRecord {
  seq: number;
  at: string;
  unitIds: string[];
}

/**
 * A rule that flags but does not refuse, breached (a local-policy number, an election's mismatch):
 * which rule, its provenance as the rule set gives it, when, and what was found where the rule alone
 * does not say it.
 */
export interface Irregularity {
  rule: string;
  source: unknown;
  occurredAt: string;
  seq: number;
  message?: string;
  /** Set when the superior closed it (`irregularity.closed`): when, in which entry, and why. */
  closedAt?: string;
  closedSeq?: number;
  closingNote?: string;
}

/** The irregularities the superior has not closed: they alert, count as at risk, and may be closed. */
export const openIrregularities = (ctx: Pick<CongressContext, 'irregularities'>): Irregularity[] =>
  (ctx.irregularities ?? []).filter((i) => i.closedAt === undefined);

/**
 * Every context field, in one fixed order. XState's `assign` copies the whole context with
 * `Object.assign({}, context, update)`; V8 keeps such a copy a fast object only while its fields
 * follow an existing chain of hidden classes. A context that gained fields one by one, in the order
 * its events set them, turned into a dictionary object once it passed about 16 fields, and each
 * copy then cost 3.4 µs, a third of replaying an event. So every context carries all its fields from
 * the start, in this order, absent ones `undefined`: `JSON.stringify` leaves those out, so stored
 * snapshots, hashes and exports are unchanged.
 */
const FIELD_ORDER = [
  'unitId',
  'level',
  'memberCount',
  'fullMemberCount',
  'ruleSetId',
  'subordinateIds',
  'held',
  'confirmedSubordinates',
  'waived',
  'entered',
  'approvals',
  'drafts',
  'consultation',
  'docsFinal',
  'personnelApproved',
  'personnelSteps',
  'pilot',
  'form',
  'openingDate',
  'election',
  'attendance',
  'elections',
  'appointed',
  'sessionStartAt',
  'congressOpenedAt',
  'congressHeldAt',
  'congressClosedAt',
  'reportedAt',
  'confirmedAt',
  'postponement',
  'difficult',
  'announcement',
  'waivers',
  'irregularities',
  'pilots',
  'awaitsPilotLessons',
  'pilotLessons',
  'pilotLessonsReceived',
  'draftsDiscussed',
  'complaint',
  'confirmationPausedDays',
  'annulment',
] as const satisfies readonly (keyof CongressContext)[];

/** Fails to compile when a context field is missing from FIELD_ORDER. */
const fieldOrderIsComplete: Exclude<keyof CongressContext, (typeof FIELD_ORDER)[number]> extends never
  ? true
  : never = true;
void fieldOrderIsComplete;

/** All fields undefined, in FIELD_ORDER; built once, which also lays down the chain of hidden classes. */
const SHAPE: Readonly<Record<string, undefined>> = Object.freeze(
  Object.fromEntries(FIELD_ORDER.map((field) => [field, undefined])),
);

/** `context` with every field present in FIELD_ORDER (a new object; `context` is not changed). */
export function withContextShape<T extends object>(context: T): T {
  return Object.assign({ ...SHAPE }, context);
}

/** The context a unit starts with. */
export function initialContext(input: UnitInput): CongressContext {
  return withContextShape({
    unitId: input.unitId,
    level: input.level,
    memberCount: input.memberCount,
    ...(input.fullMemberCount === undefined ? {} : { fullMemberCount: input.fullMemberCount }),
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
  } satisfies CongressContext);
}
