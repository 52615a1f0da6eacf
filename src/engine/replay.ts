/**
 * Replay: rebuild a unit's state from its creation input and its log, applying each event with the
 * machine version recorded on it. Used by `replay` (state at a seq or business time) and `verify`.
 */
import type { PersistedCongressSnapshot, Phase, TransitionOutcome } from '../../machines/api.types.js';
import { MACHINES_BY_VERSION, startReplay, type Replayer } from '../../machines/index.js';
import { ValidationError } from '../shared/errors.js';
import { iterateLog } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { requireReadable } from './reads.js';

/**
 * Applies one stored event to a replay, with the machine version recorded on the event: the state is
 * lifted first when it is at an older version. A refusal leaves the replay where it was.
 */
export function applyRecorded(
  replayer: Replayer,
  entry: HistoryEntry,
): { ok: true } | Extract<TransitionOutcome, { ok: false }> {
  if (!(entry.machineVersion in MACHINES_BY_VERSION)) {
    throw new Error(`no machine registered for version ${entry.machineVersion}`);
  }
  if (replayer.machineVersion !== entry.machineVersion) replayer.migrate();
  if (replayer.machineVersion !== entry.machineVersion) {
    throw new Error(
      `event ${entry.seq} was recorded under machine version ${entry.machineVersion}, state is at ${replayer.machineVersion}`,
    );
  }
  return replayer.apply({
    type: entry.type,
    payload: entry.payload,
    at: entry.at,
    seq: entry.seq,
    actor: { id: entry.actor.id, role: entry.actor.role },
  });
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
  const replayer = startReplay(unit.input);
  let seq = 0;
  for await (const entry of iterateLog(ctx.redis, ctx.keys, unitId)) {
    if (beyond(entry, target)) break;
    const outcome = applyRecorded(replayer, entry);
    if (!outcome.ok)
      throw new Error(`stored event ${entry.seq} of ${unitId} no longer applies: ${outcome.message}`);
    seq = entry.seq;
  }
  return { seq, snapshot: replayer.snapshot(), phase: replayer.phase() };
}
