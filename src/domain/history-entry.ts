import type { EventRole } from '../../machines/domain.js';

/** How the acting principal signed in: a bearer token, a person's account, or the engine itself. */
export type ActorKind = 'token' | 'account' | 'system';

/**
 * Who recorded an entry, on whose authority: the principal (token id, account id or `system`), the
 * role it acted in and the scope of that role (`unit:<id>`, `working_group:<id>`, `subtree:<id>`,
 * `all`). An account acting through one of its assignments also names the assignment.
 */
export interface RecordActor {
  kind: ActorKind;
  principalId: string;
  role: EventRole;
  scope: string;
  assignmentId?: string;
}

/** A stored correction of an earlier entry, as history shows it beside the original. */
export interface EntryCorrection {
  /** Seq of the `record.corrected` entry. */
  seq: number;
  occurredAt?: string;
  payload?: Record<string, unknown>;
  reason: string;
}

/**
 * One event of a unit's hash-chained log, as read back. Entries written before the record carried
 * both times read with `occurredAt` = their stored time and `recordedAt` = null, and their actor as
 * stored then (`id`, `role`, `principalId`), with `kind` and `scope` derived from it.
 */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: RecordActor & {
    /** The team the statechart sees act (`secretary:<unit>`, `sc:<root>`, `system`…), e.g. in approvals. */
    id: string;
  };
  /** When it happened, as given by the person recording it (ISO 8601). */
  occurredAt: string;
  /** The server's clock when it was recorded; null for entries written before it was kept. */
  recordedAt: string | null;
  /** Recorded more working days after it occurred than the rule set's `clocks.lateRecording`. */
  late: boolean;
  /** Written by a loader of historical records (the demo, an import of paper records). */
  backfilled: boolean;
  /** On a cascaded parent event: when the child's event occurred. */
  childOccurredAt?: string;
  /** Same as `occurredAt`; kept for clients of the earlier history format. */
  at: string;
  machineVersion: number;
  prevHash: string;
  hash: string;
  /** Later `record.corrected` entries for this one, oldest first (present only when corrected). */
  corrections?: EntryCorrection[];
}
