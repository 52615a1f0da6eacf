/**
 * Turns a request into everything one append writes, purely: runs the machine, derives phase,
 * milestones, deadlines and roll-up deltas, and seals the hash-chained record. Refusals throw
 * before anything is written.
 */
import type {
  MachineEffect,
  PersistedCongressSnapshot,
  Phase,
  TransitionOutcome,
} from '../../machines/api.types.js';
import type { Deadline } from '../../machines/domain.js';
import { isLateRecording } from '../../machines/record/recording-rules.js';
import { carriedOverdue } from '../../machines/congress/at-risk.js';
import {
  MACHINE_VERSION,
  applyEvent,
  deadlinesFor,
  migrateSnapshot,
  namedWaivers,
  milestonesOf,
} from '../../machines/index.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import type { AppendEventInput, StoredSnap, StoredUnit } from '../store/index.js';
import type { EngineContext } from './context.js';
import { teamIdOf } from '../domain/actor-scope.js';
import type { RecordActor } from '../domain/index.js';
import type { RecordV2 } from '../store/index.js';
import { sealRecord } from './hash-chain.js';
import { contributionDelta } from './rollup.js';

/** What a caller asks to append. */
export interface EventRequest {
  type: string;
  payload: Record<string, unknown>;
  /** When it occurred (business time, ISO 8601); the clock's now when absent. */
  at?: string;
  /**
   * Set on a cascaded parent event: when the child's event occurred. The parent event then occurs at
   * the later of this and the parent's last event, and is never refused on time grounds.
   */
  childOccurredAt?: string;
}

/** How far ahead of the server's clock an occurredAt may lie (clock skew between devices). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A computed append, ready for the script, plus what happens after it. */
export interface AppendPlan {
  input: AppendEventInput;
  record: RecordV2;
  phase: Phase;
  effects: MachineEffect[];
  nextDeadlines: Deadline[];
  /** The snapshot hash as it reads back once the append is stored. */
  written: StoredSnap;
}

const later = (a: string, b: string | undefined) =>
  b !== undefined && Date.parse(b) > Date.parse(a) ? b : a;

/**
 * When the event occurred: as given (bounded by the server's clock and the unit's last event), or
 * for a cascade the later of the child's time and the unit's last event.
 */
export function occurredAtOf(request: EventRequest, lastOccurredAt: string | undefined, now: Date): string {
  if (request.childOccurredAt !== undefined) return later(request.childOccurredAt, lastOccurredAt);
  const occurredAt = request.at ?? now.toISOString();
  if (Date.parse(occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ValidationError('occurredAt lies in the future', [
      {
        path: 'occurredAt',
        message: `must not be more than 5 minutes ahead of the server's clock (${now.toISOString()}); give when the step really happened`,
      },
    ]);
  }
  if (lastOccurredAt !== undefined && Date.parse(occurredAt) < Date.parse(lastOccurredAt)) {
    throw new ValidationError("occurredAt is before the unit's previous event", [
      {
        path: 'occurredAt',
        message: `must not be before the unit's previous event (occurred ${lastOccurredAt}); record steps in the order they happened, or correct the earlier entry with record.corrected`,
      },
    ]);
  }
  return occurredAt;
}

/** What is recorded with the event beyond its type and payload. */
export interface RecordingOptions {
  actor: RecordActor;
  /** Written by a loader of historical records: never marked late. */
  backfilled: boolean;
  /** When the unit's last event occurred (undefined before its first). */
  lastOccurredAt: string | undefined;
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

/** The state an append leads to: the machine's answer, or a replay's for a correction. */
export interface NextState {
  snapshot: PersistedCongressSnapshot;
  phase: Phase;
  effects: MachineEffect[];
}

/** Computes the append of `request` on top of the stored state; throws on refusal. */
export function planAppend(
  ctx: EngineContext,
  stored: { unit: StoredUnit; snap: StoredSnap },
  request: EventRequest,
  recording: RecordingOptions,
): AppendPlan {
  const { unit, snap } = stored;
  const { actor } = recording;
  const now = ctx.clock.now();
  const occurredAt = occurredAtOf(request, recording.lastOccurredAt, now);
  const current =
    snap.snapshot.machineVersion === MACHINE_VERSION ? snap.snapshot : migrateSnapshot(snap.snapshot);
  const named = { ...request, payload: namedWaivers(current, request.type, request.payload) };
  const outcome = applyEvent(current, {
    type: request.type,
    payload: named.payload,
    at: occurredAt,
    seq: snap.version + 1,
    actor: { id: teamIdOf(actor.role, actor.scope), role: actor.role },
  });
  if (!outcome.ok) throw refusalError(unit.unit.id, outcome);
  return assemblePlan(ctx, stored, named, recording, { occurredAt, now, next: outcome });
}

/**
 * Everything one append writes once the next state is known: milestones, deadlines and roll-up
 * deltas derived from it, and the sealed record with both times, the actor and the flags.
 */
export function assemblePlan(
  ctx: EngineContext,
  stored: { unit: StoredUnit; snap: StoredSnap },
  request: EventRequest,
  recording: RecordingOptions,
  at: { occurredAt: string; now: Date; next: NextState; corrections?: Record<string, number[]> },
): AppendPlan {
  const { unit, snap } = stored;
  const { actor, backfilled } = recording;
  const { occurredAt, next } = at;
  const seq = snap.version + 1;
  const ruleSet = ctx.ruleSet(unit.input.ruleSetId);
  const calendar = ctx.calendarOf(ruleSet);
  const nextDeadlines = deadlinesFor(next.snapshot, ruleSet, calendar);
  // Overdue marks stay while their deadline is open; leaving the step clears them.
  const overdue = carriedOverdue(snap.milestones.overdue, nextDeadlines);
  const milestones = { ...milestonesOf(next.snapshot, ruleSet), ...(overdue.length > 0 ? { overdue } : {}) };
  const recordedAt = at.now.toISOString();
  // People's entries only: a cascade follows its child, which carries the flag itself.
  const late =
    !backfilled &&
    actor.kind !== 'system' &&
    isLateRecording(occurredAt, recordedAt, ruleSet.clocks.lateRecording, calendar);
  const { record, canonical } = sealRecord({
    seq,
    type: request.type,
    payload: request.payload,
    actor,
    occurredAt,
    recordedAt,
    late,
    backfilled,
    ...(request.childOccurredAt === undefined ? {} : { childOccurredAt: request.childOccurredAt }),
    machineVersion: MACHINE_VERSION,
    prevHash: snap.head,
  });
  const level = unit.unit.level;
  const block = unit.unit.block;
  const rollupDeltas = contributionDelta(
    { level, block, phase: snap.phase, milestones: snap.milestones },
    { level, block, phase: next.phase, milestones },
  );
  const corrections = at.corrections ?? snap.corrections;
  return {
    record,
    phase: next.phase,
    effects: next.effects,
    nextDeadlines,
    written: {
      snapshot: next.snapshot,
      version: seq,
      head: record.hash,
      phase: next.phase,
      milestones,
      orgRevision: snap.orgRevision,
      lastOccurredAt: occurredAt,
      corrections,
    },
    input: {
      unitId: unit.unit.id,
      ancestorIds: unit.ancestorIds,
      expectedVersion: snap.version,
      // Stored as is (stream field `c`): verify hashes these exact bytes instead of canonicalising again.
      recordJson: canonical,
      hash: record.hash,
      snapshotJson: JSON.stringify(next.snapshot),
      phase: next.phase,
      milestonesJson: JSON.stringify(milestones),
      deadlinesJson: nextDeadlines.length > 0 ? JSON.stringify(nextDeadlines) : null,
      effectsJson: JSON.stringify(next.effects),
      orgRevision: snap.orgRevision,
      occurredAt,
      ...(at.corrections === undefined ? {} : { correctionsJson: JSON.stringify(at.corrections) }),
      rollupDeltas,
    },
  };
}
