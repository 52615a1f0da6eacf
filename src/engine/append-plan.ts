/**
 * Turns a request into everything one append writes, purely: runs the machine, derives phase,
 * milestones, deadlines and roll-up deltas, and seals the hash-chained record. Refusals throw
 * before anything is written.
 */
import type { MachineEffect, Phase, TransitionOutcome } from '../../machines/api.types.js';
import type { Deadline, EventActor } from '../../machines/domain.js';
import {
  MACHINE_VERSION,
  applyEvent,
  deadlinesFor,
  migrateSnapshot,
  milestonesOf,
} from '../../machines/index.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import type { AppendEventInput, StoredSnap, StoredUnit } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry } from '../domain/index.js';
import { sealRecord } from './hash-chain.js';
import { contributionDelta } from './rollup.js';

/** What a caller asks to append. */
export interface EventRequest {
  type: string;
  payload: Record<string, unknown>;
  /** Business time; the clock's now when absent. */
  at?: string;
}

/** A computed append, ready for the script, plus what happens after it. */
export interface AppendPlan {
  input: AppendEventInput;
  record: HistoryEntry;
  phase: Phase;
  effects: MachineEffect[];
  nextDeadlines: Deadline[];
  /** The snapshot hash as it reads back once the append is stored. */
  written: StoredSnap;
}

/** A guard that threw while the event was decided: a bug or missing data, named for the engine to count. */
export interface GuardError {
  guard: string;
  message: string;
}

/**
 * A refusal in which a guard threw. The user reads the same 409 as for any refusal (the error's message
 * explains it); the guard errors ride along, outside the problem body, for the engine to log and count.
 */
export class GuardErrorRefusal extends ConflictError {
  constructor(
    message: string,
    details: Record<string, unknown>,
    readonly guardErrors: readonly GuardError[],
  ) {
    super(message, 'not_allowed', details);
  }
}

/** The refusal of a transition as an application error. */
export function refusalError(unitId: string, outcome: Extract<TransitionOutcome, { ok: false }>): Error {
  if (outcome.code === 'invalid_payload' || outcome.code === 'unknown_event') {
    const issues = outcome.issues?.map((issue) => ({
      path: issue.path.startsWith('payload') ? issue.path : `payload.${issue.path}`.replace(/\.$/, ''),
      message: issue.message,
    }));
    return new ValidationError(outcome.message, issues ?? [{ path: 'type', message: outcome.message }]);
  }
  const message = `${outcome.message} (unit ${unitId})`;
  const details = {
    allowed: outcome.allowed.filter((a) => a.allowed).map((a) => a.type),
    blocked: outcome.allowed.filter((a) => !a.allowed),
  };
  if (outcome.internal) return new GuardErrorRefusal(message, details, outcome.internal);
  return new ConflictError(message, 'not_allowed', details);
}

/** Computes the append of `request` on top of the stored state; throws on refusal. */
export function planAppend(
  ctx: EngineContext,
  stored: { unit: StoredUnit; snap: StoredSnap },
  request: EventRequest,
  actor: EventActor & { principalId?: string },
): AppendPlan {
  const { unit, snap } = stored;
  const seq = snap.version + 1;
  const at = request.at ?? ctx.clock.now().toISOString();
  const current =
    snap.snapshot.machineVersion === MACHINE_VERSION ? snap.snapshot : migrateSnapshot(snap.snapshot);
  const outcome = applyEvent(current, {
    type: request.type,
    payload: request.payload,
    at,
    seq,
    actor: { id: actor.id, role: actor.role },
  });
  if (!outcome.ok) throw refusalError(unit.unit.id, outcome);
  const ruleSet = ctx.ruleSet(unit.input.ruleSetId);
  const milestones = milestonesOf(outcome.snapshot, ruleSet);
  const nextDeadlines = deadlinesFor(outcome.snapshot, ruleSet, ctx.calendarOf(ruleSet));
  const { record, canonical } = sealRecord({
    seq,
    type: request.type,
    payload: request.payload,
    actor,
    at,
    machineVersion: MACHINE_VERSION,
    prevHash: snap.head,
  });
  const level = unit.unit.level;
  const block = unit.unit.block;
  const rollupDeltas = contributionDelta(
    { level, block, phase: snap.phase, milestones: snap.milestones },
    { level, block, phase: outcome.phase, milestones },
  );
  return {
    record,
    phase: outcome.phase,
    effects: outcome.effects,
    nextDeadlines,
    written: {
      snapshot: outcome.snapshot,
      version: seq,
      head: record.hash,
      phase: outcome.phase,
      milestones,
      orgRevision: snap.orgRevision,
    },
    input: {
      unitId: unit.unit.id,
      ancestorIds: unit.ancestorIds,
      expectedVersion: snap.version,
      // Stored as is (stream field `c`): verify hashes these exact bytes instead of canonicalising again.
      recordJson: canonical,
      hash: record.hash,
      snapshotJson: JSON.stringify(outcome.snapshot),
      phase: outcome.phase,
      milestonesJson: JSON.stringify(milestones),
      deadlinesJson: nextDeadlines.length > 0 ? JSON.stringify(nextDeadlines) : null,
      effectsJson: JSON.stringify(outcome.effects),
      orgRevision: snap.orgRevision,
      rollupDeltas,
    },
  };
}
