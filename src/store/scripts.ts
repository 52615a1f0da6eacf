/**
 * The event store's Lua scripts (see script-definitions.ts for how they reach a client), called only
 * through the typed wrappers below.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';
import { withDefinedScripts } from './script-definitions.js';
import { scriptError } from './script-errors.js';

interface ScriptCommands {
  appendEvent(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown[]>;
  appendOrgRecords(...keysAndArgs: (string | number)[]): Promise<unknown[]>;
  markOverdue(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown[]>;
}

const STORE_SCRIPTS = ['appendEvent', 'appendOrgRecords', 'markOverdue'] as const;

/** `redis` typed with the store's script commands. */
export function withScripts(redis: Redis): Redis & ScriptCommands {
  return withDefinedScripts<ScriptCommands>(redis, STORE_SCRIPTS);
}

/** Everything one append writes; see the header of append-event.lua. */
export interface AppendEventInput {
  unitId: string;
  ancestorIds: readonly string[];
  expectedVersion: number;
  idempotency?: { key: string; bodyHash: string; ttlSeconds: number };
  recordJson: string;
  hash: string;
  snapshotJson: string;
  phase: string;
  milestonesJson: string;
  /** JSON of the open deadline set, null when none is open, `'='` when it is the stored one unchanged. */
  deadlinesJson: string | null;
  /** JSON of the machine effects, remembered with the idempotency record. */
  effectsJson: string;
  /** The unit's organisation revision when its organisation data was read (StoredSnap.orgRevision). */
  orgRevision: number;
  /** When the event occurred: the bound for the next event's occurredAt (snapshot hash field `t`). */
  occurredAt: string;
  /** The corrections index JSON when this append is a correction (snapshot hash field `x`). */
  correctionsJson?: string;
  rollupDeltas: ReadonlyMap<string, number>;
}

/** Outcome of an accepted call: a new append or a replayed idempotent result. */
export interface AppendEventResult {
  duplicate: boolean;
  seq: number;
  version: number;
  hash: string;
  phase: string;
  /** For a duplicate: the effects JSON stored with the idempotency record. */
  effectsJson?: string;
}

/** Keys then arguments of append-event.lua, in header order; `attempt` identifies this call (ARGV[14]). */
export function appendEventArgs(
  keys: KeySpace,
  input: AppendEventInput,
  attempt = '',
): { keys: string[]; args: string[] } {
  const idem = input.idempotency;
  const scriptKeys = [
    keys.snap(input.unitId),
    keys.log(input.unitId),
    keys.idempotency(input.unitId, idem ? idem.key : '-'),
    keys.deadlines(input.unitId),
    keys.unitsWithDeadlines,
    ...input.ancestorIds.map((id) => keys.rollup(id)),
  ];
  const args = [
    String(input.expectedVersion),
    idem ? '1' : '0',
    idem?.bodyHash ?? '',
    String(idem?.ttlSeconds ?? 0),
    input.recordJson,
    input.hash,
    input.snapshotJson,
    input.phase,
    input.milestonesJson,
    input.deadlinesJson ?? '',
    input.unitId,
    input.effectsJson,
    String(input.orgRevision),
    attempt,
    input.occurredAt,
    input.correctionsJson ?? '',
  ];
  // A plain loop: this runs for every append, and spread + filter + flatMap allocated per delta.
  for (const [field, delta] of input.rollupDeltas) if (delta !== 0) args.push(field, String(delta));
  return { keys: scriptKeys, args };
}

/**
 * Runs append-event.lua; refusals become ConflictError / NotFoundError (see script-errors.ts).
 * When the connection drops after Redis ran the script but before its reply arrived, ioredis sends
 * the same command again once reconnected; that second run finds the idempotency record the first
 * one wrote. The attempt id tells the two cases apart: a record written by this very call is this
 * call's append (duplicate: false), one written by an earlier request is a duplicate.
 */
export async function appendEvent(
  redis: Redis,
  keys: KeySpace,
  input: AppendEventInput,
): Promise<AppendEventResult> {
  const attempt = input.idempotency ? randomUUID() : '';
  const { keys: k, args } = appendEventArgs(keys, input, attempt);
  const reply = await withScripts(redis).appendEvent(k.length, ...k, ...args);
  const code = Number(reply[0]);
  if (code < 0) {
    throw scriptError(reply, {
      script: 'append-event',
      subject: input.unitId,
      expectedVersion: input.expectedVersion,
    });
  }
  const duplicate = code === 1 && reply[6] !== attempt;
  return {
    duplicate,
    seq: Number(reply[1]),
    version: Number(reply[2]),
    hash: String(reply[3]),
    phase: String(reply[4]),
    ...(duplicate ? { effectsJson: typeof reply[5] === 'string' ? reply[5] : '[]' } : {}),
  };
}

/** Keys then arguments of append-org-records-2.lua. */
export function appendOrgRecordsArgs(
  keys: KeySpace,
  input: { expectedVersion: number; headHash: string; recordJsons: readonly string[] },
): (string | number)[] {
  return [keys.orgLog, keys.orgHead, input.expectedVersion, input.headHash, ...input.recordJsons];
}

/** Runs append-org-records-2.lua and returns the new organisation history version. */
export async function appendOrgRecords(
  redis: Redis,
  keys: KeySpace,
  input: { expectedVersion: number; headHash: string; recordJsons: readonly string[] },
): Promise<number> {
  const reply = await withScripts(redis).appendOrgRecords(...appendOrgRecordsArgs(keys, input));
  if (Number(reply[0]) < 0) {
    throw scriptError(reply, {
      script: 'append-org-records',
      subject: 'organisation history',
      expectedVersion: input.expectedVersion,
    });
  }
  return Number(reply[1]);
}

/** What mark-overdue.lua writes: the unit's new milestones and its ancestors' roll-up deltas. */
export interface MarkOverdueInput {
  unitId: string;
  ancestorIds: readonly string[];
  expectedVersion: number;
  orgRevision: number;
  milestonesJson: string;
  rollupDeltas: ReadonlyMap<string, number>;
}

/** Runs mark-overdue.lua; refusals become ConflictError / NotFoundError (see script-errors.ts). */
export async function markOverdue(redis: Redis, keys: KeySpace, input: MarkOverdueInput): Promise<void> {
  const k = [keys.snap(input.unitId), ...input.ancestorIds.map((id) => keys.rollup(id))];
  const args = [String(input.expectedVersion), String(input.orgRevision), input.milestonesJson];
  for (const [field, delta] of input.rollupDeltas) if (delta !== 0) args.push(field, String(delta));
  const reply = await withScripts(redis).markOverdue(k.length, ...k, ...args);
  if (Number(reply[0]) < 0) {
    throw scriptError(reply, {
      script: 'mark-overdue',
      subject: input.unitId,
      expectedVersion: input.expectedVersion,
    });
  }
}
