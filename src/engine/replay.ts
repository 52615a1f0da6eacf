/**
 * Replay: rebuild a unit's state from its creation input and its log, applying each event with the
 * machine version recorded on it. Used by `replay` (state at a seq or business time) and `verify`.
 */
import type {
  PersistedCongressSnapshot,
  Phase,
  TransitionOutcome,
  UnitInput,
} from '../../machines/api.types.js';
import {
  MACHINES_BY_VERSION,
  applyEvent,
  createInitialSnapshot,
  migrateSnapshot,
  phaseOf,
} from '../../machines/index.js';
import { ValidationError } from '../shared/errors.js';
import { iterateLog } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry, Principal } from './engine.types.js';
import { requireReadable } from './reads.js';

/** Applies one stored event with the machine version recorded on it. */
export function applyRecorded(snapshot: PersistedCongressSnapshot, entry: HistoryEntry): TransitionOutcome {
  if (!(entry.machineVersion in MACHINES_BY_VERSION)) {
    throw new Error(`no machine registered for version ${entry.machineVersion}`);
  }
  // applyEvent runs the machine of the snapshot's version, so lift the snapshot to the event's version.
  const from = snapshot.machineVersion === entry.machineVersion ? snapshot : migrateSnapshot(snapshot);
  if (from.machineVersion !== entry.machineVersion) {
    throw new Error(
      `event ${entry.seq} was recorded under machine version ${entry.machineVersion}, state is at ${from.machineVersion}`,
    );
  }
  return applyEvent(from, {
    type: entry.type,
    payload: entry.payload,
    at: entry.at,
    seq: entry.seq,
    actor: { id: entry.actor.id, role: entry.actor.role },
  });
}

/** The initial state of a unit, before its first event. */
export function initialState(input: UnitInput): { snapshot: PersistedCongressSnapshot; phase: Phase } {
  const snapshot = createInitialSnapshot(input);
  return { snapshot, phase: phaseOf(snapshot) };
}

function validateTarget(target: { seq?: number; at?: string }): void {
  if (target.seq !== undefined && (!Number.isInteger(target.seq) || target.seq < 0)) {
    throw new ValidationError('invalid replay target', [{ path: 'seq', message: 'must be an integer ≥ 0' }]);
  }
  if (target.at !== undefined && Number.isNaN(Date.parse(target.at))) {
    throw new ValidationError('invalid replay target', [
      { path: 'at', message: 'must be an ISO 8601 instant' },
    ]);
  }
}

function beyond(entry: HistoryEntry, target: { seq?: number; at?: string }): boolean {
  if (target.seq !== undefined && entry.seq > target.seq) return true;
  return target.at !== undefined && Date.parse(entry.at) > Date.parse(target.at);
}

/**
 * State after event `seq`, or after the last event (in log order) whose business time is ≤ `at`;
 * the latest state when neither is given. Stops at the first event past the target.
 */
export async function replay(
  ctx: EngineContext,
  unitId: string,
  target: { seq?: number; at?: string },
  principal: Principal,
): Promise<{ seq: number; phase: Phase; snapshot: PersistedCongressSnapshot }> {
  validateTarget(target);
  const unit = await requireReadable(ctx, unitId, principal);
  let state = { seq: 0, ...initialState(unit.input) };
  for await (const entry of iterateLog(ctx.redis, ctx.keys, unitId)) {
    if (beyond(entry, target)) break;
    const outcome = applyRecorded(state.snapshot, entry);
    if (!outcome.ok)
      throw new Error(`stored event ${entry.seq} of ${unitId} no longer applies: ${outcome.message}`);
    state = { seq: entry.seq, snapshot: outcome.snapshot, phase: outcome.phase };
  }
  return state;
}
