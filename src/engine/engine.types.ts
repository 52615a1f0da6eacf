/**
 * The engine's public surface: what the API, CLI, workers and benchmarks call.
 * Implemented by `createEngine(deps)` in src/engine/index.ts. Access is checked here, so every edge obeys it.
 */
import type { AllowedEvent, PersistedCongressSnapshot, Phase } from '../../machines/api.types.js';
import type { Deadline, EventActor, Level } from '../../machines/domain.js';

/** One organisation in the tree. */
export interface OrgUnit {
  id: string;
  name: string;
  level: Level;
  block: string;
  parentId: string | null;
  /** Id of the superior's working group assigned to this unit (team `wg:<id>`). */
  workingGroup: string | null;
  memberCount: number;
  /** Rule set (term) id, e.g. "2020-2025". */
  term: string;
}

/** Roles a token can carry. `auditor` and `inspection` read only; `admin` imports and manages tokens. */
export type PrincipalRole =
  'admin' | 'secretary' | 'working_group' | 'standing_committee' | 'inspection' | 'auditor' | 'system';

/**
 * Who is acting and over what. Scope by role: secretary → `unitId`; working group → `workingGroup`
 * (the units assigned to it); standing committee, inspection, auditor → `subtreeOf` (that unit's subtree);
 * admin and system → everything.
 */
export interface Principal {
  id: string;
  role: PrincipalRole;
  unitId?: string;
  workingGroup?: string;
  subtreeOf?: string;
}

export interface DispatchOptions {
  /** Same key → same result, never a second append; same key with another body → ConflictError. */
  idempotencyKey?: string;
  /** Compare-and-set on the unit's version (number of events in its log). */
  expectedVersion?: number;
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

/** One stored event of a unit's hash-chained log. */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: EventActor & { principalId?: string };
  /** Business time of the event (ISO). */
  at: string;
  machineVersion: number;
  prevHash: string;
  hash: string;
}

export interface UnitView {
  unit: OrgUnit;
  version: number;
  phase: Phase;
  value: unknown;
  snapshot: PersistedCongressSnapshot;
  allowedEvents: AllowedEvent[];
  deadlines: Deadline[];
  lastHash: string;
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
  byPhase: Partial<Record<Phase, number>>;
}

export interface VerifyReport {
  unitId: string;
  ok: boolean;
  events: number;
  /** First seq where the chain or the replay breaks. */
  firstBrokenSeq?: number;
  reason?: string;
}

export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
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
  /** Nearest first: parent, grandparent, … root. */
  ancestors(unitId: string): Promise<OrgUnit[]>;
  progress(unitId: string, principal: Principal): Promise<ProgressRow[]>;
  replay(
    unitId: string,
    at: { seq?: number; at?: string },
    principal: Principal,
  ): Promise<{ seq: number; phase: Phase; snapshot: PersistedCongressSnapshot }>;
  verify(unitId: string, principal: Principal, options?: { subtree?: boolean }): Promise<VerifyReport[]>;
  exportHistory(unitId: string, format: 'jsonl' | 'csv', principal: Principal): AsyncIterable<string>;
  rebuildRollups(): Promise<{ units: number; matches: boolean }>;
  /** Every unit with a stored open deadline set, for the reconciler. */
  scanDeadlineSets(): AsyncIterable<{ unitId: string; version: number; deadlines: Deadline[] }>;
}
