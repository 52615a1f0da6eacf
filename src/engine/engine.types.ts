/**
 * The engine's public surface: what the API, CLI, workers and benchmarks call.
 * Implemented by `createEngine(deps)` in src/engine/index.ts. Access is checked here, so every edge obeys it.
 */
import type { AllowedEvent, PersistedCongressSnapshot, Phase } from '../../machines/api.types.js';
import type { Deadline, Level } from '../../machines/domain.js';
import type { HistoryEntry, OrgUnit, Principal } from '../domain/index.js';

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
  value: unknown;
  snapshot: PersistedCongressSnapshot;
  allowedEvents: AllowedEvent[];
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
}
