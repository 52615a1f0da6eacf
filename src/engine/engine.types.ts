/**
 * The engine's public surface: what the API, CLI, workers and benchmarks call.
 * Implemented by `createEngine(deps)` in src/engine/index.ts. Access is checked here, so every edge obeys it.
 */
import type { AllowedEvent, PersistedCongressSnapshot, Phase } from '../../machines/api.types.js';
import type { RiskReason } from '../../machines/congress/at-risk.js';
import type { Deadline, Level } from '../../machines/domain.js';
import type { HistoryEntry, OrgUnit, Principal } from '../domain/index.js';
import type { BatchRowResult, ReadRow } from './batch.js';

export type { BatchRow, BatchRowResult, ReadRow } from './batch.js';

export interface DispatchOptions {
  /** Same key → same result, never a second append; same key with another body → ConflictError. */
  idempotencyKey?: string;
  /** Compare-and-set on the unit's version (number of events in its log). */
  expectedVersion?: number;
  /**
   * Written by a loader of historical records (the demo, an import of paper records): marked
   * `backfilled` and never late. Not offered over HTTP.
   */
  backfilled?: boolean;
}

export interface DispatchResult {
  unitId: string;
  /** True when the idempotency key had already been used with this body; nothing was appended. */
  duplicate: boolean;
  seq: number;
  version: number;
  hash: string;
  phase: Phase;
  /** Parent events appended because of this one (cascade), with their seqs. */
  cascaded: { unitId: string; type: string; seq: number }[];
}

/** Milestones of a unit's congress, kept beside its snapshot (the `m` field of its snap hash). */
export interface UnitFlags {
  congressHeld: boolean;
  /** Held by the directive's date for its level. */
  heldOnTime: boolean;
  /** Chuẩn y — the superior confirmed the results. */
  resultsConfirmed: boolean;
  /** Hoãn — the congress is postponed. */
  postponed: boolean;
  /** A local-policy rule was breached: recorded and alerted, never refused. */
  irregular: boolean;
  /** Có khó khăn, phức tạp — flagged for supervisors. */
  difficult: boolean;
}

/** A direct subordinate with its current status: the organisation fields plus phase, version and flags. */
export interface ChildStatus extends OrgUnit {
  phase: Phase;
  version: number;
  flags: UnitFlags;
  /** Open deadlines already past at the engine's clock. */
  overdueDeadlines: number;
  /** Why the unit is at risk (the one definition, machines/congress/at-risk.ts); empty when it is not. */
  riskReasons: RiskReason[];
  /** Earliest due time among its open deadlines, null when none is open. */
  nextDueAt: string | null;
}

/** Filters and order of a children page (`GET /units/:id/children`). */
export interface ChildrenQuery {
  /** 1..1000, default 100. */
  limit?: number;
  /** Continue after this position (the `nextCursor` of the previous page). */
  after?: ChildrenCursor;
  /** Case-insensitive part of the name or id. */
  q?: string;
  phase?: Phase;
  block?: string;
  atRisk?: boolean;
  /** By id (default), or by the earliest open due time, units without one last. */
  sort?: 'id' | 'due';
}

/** Where a page ended: the last unit's id and, for `sort=due`, its due time ('' when none). */
export interface ChildrenCursor {
  id: string;
  due?: string;
}

export interface ChildrenPage {
  children: ChildStatus[];
  next: ChildrenCursor | null;
}

/** A unit of a subtree at risk, with why. */
export interface AtRiskUnit {
  id: string;
  name: string;
  level: Level;
  block: string;
  phase: Phase;
  riskReasons: RiskReason[];
}

export interface AtRiskPage {
  units: AtRiskUnit[];
  /** Id of the last unit examined; pass it back to continue. */
  next: string | null;
}

/** Who the caller is and where a dashboard should start for them. */
export interface MeView {
  /** The principal of the token (never the token or its hash). */
  principal: Principal;
  /**
   * Secretary → own unit; standing committee, inspection, auditor → `subtreeOf`; admin → the first
   * root of the tree; working group → null (its units have no single root).
   */
  startUnitId: string | null;
  /** Admin only: every unit without a parent, sorted. */
  roots?: string[];
  /** Working group only: the units assigned to it, sorted. */
  assignedUnitIds?: string[];
}

export interface UnitView {
  unit: OrgUnit;
  version: number;
  phase: Phase;
  flags: UnitFlags;
  /** Why the unit is at risk; empty when it is not. */
  riskReasons: RiskReason[];
  value: unknown;
  snapshot: PersistedCongressSnapshot;
  allowedEvents: AllowedEvent[];
  /** The allowed events the caller may send (its role and scope): what a client offers as actions. */
  actions: string[];
  deadlines: Deadline[];
  /** Local-policy rules breached (recorded, alerted, counted at risk; never refused). */
  irregularities: Irregularity[];
  lastHash: string;
}

/**
 * One breach of a flagging rule: the rule id, its provenance, when and at which log entry, and what
 * was found where the rule alone does not say it (an election's count).
 */
export interface Irregularity {
  rule: string;
  source: unknown;
  occurredAt: string;
  seq: number;
  message?: string;
  /** When the superior closed it (`irregularity.closed`), at which entry, and its note; absent while open. */
  closedAt?: string;
  closedSeq?: number;
  closingNote?: string;
}

export interface ProgressRow {
  level: Level;
  block: string;
  done: number;
  total: number;
  /** done/total × 100, two decimals. */
  percent: number;
  onTime: number;
  atRisk: number;
  /** Units that discussed the national drafts, and their superior's (consultation from above). */
  draftsDiscussed: { national: number; superior: number };
  byPhase: Partial<Record<Phase, number>>;
}

/** Which time a replay "as of" an instant goes by. */
export type ReplayClock = 'occurred' | 'recorded';

/** A replay target: a log position, or an instant by one of the two times. */
export interface ReplayTarget {
  seq?: number;
  at?: string;
  by?: ReplayClock;
}

/** What a replay answers. */
export interface ReplayResult {
  seq: number;
  phase: Phase;
  snapshot: PersistedCongressSnapshot;
  /** The time the instant was matched against (absent for a replay by seq). */
  by?: ReplayClock;
  /** Entries replayed with corrected values: the corrected seq and the correction seqs applied. */
  corrections: { seq: number; correctedBy: number[] }[];
}

/** Someone's step that is due: the deadline, who owes it and until when. */
export interface WorkStep {
  kind: string;
  /** `unit`: the unit's secretary; `superior`: the standing committee above it. */
  owner: Deadline['owner'];
  /** The unit whose people owe it: the unit itself, or its parent for a superior's step. */
  by: { unitId: string; unitName: string } | null;
  dueAt: string;
}

export interface WorkItem {
  unitId: string;
  unitName: string;
  level: string;
  phase: string;
  /** Pass as If-Match when acting on this unit. */
  version: number;
  /** Earliest due time among `owed` and `waiting`; null when neither has one. */
  dueAt: string | null;
  /** Events the principal may send to this unit now (its role, and the state allows them). */
  actions: string[];
  /** Steps on the principal's side. */
  owed: WorkStep[];
  /** Steps of other people the unit waits on; shown as waiting, never as buttons. */
  waiting: WorkStep[];
  riskReasons: RiskReason[];
}

export interface VerifyReport {
  unitId: string;
  ok: boolean;
  events: number;
  /** First seq where the chain or the replay breaks. */
  firstBrokenSeq?: number;
  reason?: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Engine {
  importTree(input: { format: 'csv' | 'json'; content: string }, principal: Principal): Promise<ImportReport>;
  dispatch(
    unitId: string,
    event: { type: string; payload: Record<string, unknown>; at?: string },
    principal: Principal,
    options?: DispatchOptions,
  ): Promise<DispatchResult>;
  getUnit(unitId: string, principal: Principal): Promise<UnitView>;
  history(
    unitId: string,
    page: { fromSeq?: number; limit?: number },
    principal: Principal,
  ): Promise<{ entries: HistoryEntry[]; nextSeq: number | null }>;
  children(unitId: string, principal: Principal): Promise<OrgUnit[]>;
  /** Direct subordinates with phase, version, flags and overdue count, read in one round trip for all. */
  childrenWithStatus(unitId: string, principal: Principal): Promise<ChildStatus[]>;
  /** One page of direct subordinates with status, filtered and sorted (children-page.ts). */
  childrenPage(unitId: string, query: ChildrenQuery, principal: Principal): Promise<ChildrenPage>;
  /** Units of the subtree of `unitId` (itself included) at risk, a page at a time, in subtree order. */
  atRisk(unitId: string, page: { limit?: number; after?: string }, principal: Principal): Promise<AtRiskPage>;
  /** The caller's principal and natural start unit. */
  me(principal: Principal): Promise<MeView>;
  /** Nearest first: parent, grandparent, … root. */
  ancestors(unitId: string): Promise<OrgUnit[]>;
  progress(unitId: string, principal: Principal): Promise<ProgressRow[]>;
  /** The state after a seq, or as of an instant by `occurredAt` (default) or `recordedAt`. */
  replay(unitId: string, target: ReplayTarget, principal: Principal): Promise<ReplayResult>;
  verify(unitId: string, principal: Principal, options?: { subtree?: boolean }): Promise<VerifyReport[]>;
  /** Verifies each of `unitIds` (reports in that order), reading them in batches; for `congress verify`. */
  verifyUnits(unitIds: readonly string[], principal: Principal): Promise<VerifyReport[]>;
  /** `unitId` and every unit below it, root first (access to the root checked; to the others, by their readers). */
  subtreeIds(unitId: string, principal: Principal): Promise<string[]>;
  exportHistory(unitId: string, format: 'jsonl' | 'csv', principal: Principal): AsyncIterable<string>;
  rebuildRollups(): Promise<{ units: number; matches: boolean }>;
  /** Every unit with a stored open deadline set, for the reconciler. */
  scanDeadlineSets(): AsyncIterable<{ unitId: string; version: number; deadlines: Deadline[] }>;
  /** Each row one event, answered row by row (batch.ts); at most MAX_BATCH_ROWS rows; rows read as refused are answered so. */
  dispatchBatch(rows: readonly ReadRow[], principal: Principal): Promise<BatchRowResult[]>;
  /** A filled CSV template of one event type (batch-csv.ts), answered row by row. */
  dispatchCsvBatch(csv: string, type: string, principal: Principal): Promise<BatchRowResult[]>;
  /** The work waiting on the principal across its scope, by due time (my-work.ts). */
  myWork(
    principal: Principal,
    page?: { limit?: number; offset?: number },
  ): Promise<{ items: WorkItem[]; nextOffset: number | null }>;
  /** The overdue job's record: marks an open deadline overdue, which puts the unit at risk (overdue-marks.ts). */
  markOverdue(
    unitId: string,
    deadline: Pick<Deadline, 'kind' | 'enteredSeq' | 'dueAt'>,
  ): Promise<'marked' | 'already' | 'closed'>;
}
