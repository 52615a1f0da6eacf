/**
 * Replay: rebuild a unit's state from its creation input and its log, applying each event with the
 * machine version recorded on it and the latest correction of each entry. Used by `replay` (the
 * state after a seq, or as of an instant by either time) and by `verify`.
 */
import type { TransitionOutcome, UnitInput } from '../../machines/api.types.js';
import { MACHINES_BY_VERSION, startReplay, type Replayer } from '../../machines/index.js';
import { ValidationError } from '../shared/errors.js';
import { readWholeLog } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { ReplayResult, ReplayTarget } from './engine.types.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { CORRECTION_TYPE, correctedView } from './corrections.js';
import { requireReadable } from './reads.js';

type Refused = Extract<TransitionOutcome, { ok: false }>;

/**
 * Applies one stored event to a replay, with the machine version recorded on the event: the state is
 * lifted first when it is at an older version. A refusal leaves the replay where it was. Correction
 * entries change no state themselves: their values are applied to the entries they correct.
 */
export function applyRecorded(replayer: Replayer, entry: HistoryEntry): { ok: true } | Refused {
  if (entry.type === CORRECTION_TYPE) return { ok: true };
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
    at: entry.occurredAt,
    seq: entry.seq,
    actor: { id: entry.actor.id, role: entry.actor.role },
  });
}

/**
 * Replays `entries` (already corrected) from `input`; each step may be checked by `onStep`. Returns
 * the replayer, or the first refusal with the seq that was refused.
 */
export function replayEntries(
  input: UnitInput,
  entries: readonly HistoryEntry[],
  onStep?: (entry: HistoryEntry, replayer: Replayer) => void,
): { ok: true; replayer: Replayer } | (Refused & { seq: number }) {
  const replayer = startReplay(input, entries[0]?.machineVersion);
  for (const entry of entries) {
    const outcome = applyRecorded(replayer, entry);
    if (!outcome.ok) return { ...outcome, seq: entry.seq };
    onStep?.(entry, replayer);
  }
  return { ok: true, replayer };
}

function validateTarget(target: ReplayTarget): void {
  if (target.seq !== undefined && (!Number.isInteger(target.seq) || target.seq < 0)) {
    throw new ValidationError('invalid replay target', [{ path: 'seq', message: 'must be an integer ≥ 0' }]);
  }
  if (target.at !== undefined && Number.isNaN(Date.parse(target.at))) {
    throw new ValidationError('invalid replay target', [
      { path: 'at', message: 'must be an ISO 8601 instant' },
    ]);
  }
}

/**
 * How many of `items` come at or before `limit` by `timeOf`, found by bisection: within a unit
 * neither time ever goes backwards (both are checked when an entry is recorded or corrected).
 */
export function countAtOrBefore<T>(items: readonly T[], timeOf: (item: T) => string, limit: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (Date.parse(timeOf(items[mid]!)) <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** When an entry was recorded; entries from before that was kept count at their stored time. */
const recordedTime = (entry: HistoryEntry) => entry.recordedAt ?? entry.occurredAt;

/**
 * The entries a target replays, corrected. By seq or by occurredAt, every correction in the log
 * applies (what is known now); by recordedAt, only those recorded by then (what was known then).
 */
export function entriesFor(entries: readonly HistoryEntry[], target: ReplayTarget): HistoryEntry[] {
  if (target.at === undefined) {
    const corrected = correctedView(entries);
    return target.seq === undefined ? corrected : corrected.filter((e) => e.seq <= target.seq!);
  }
  const limit = Date.parse(target.at);
  if (target.by === 'recorded') {
    return correctedView(entries.slice(0, countAtOrBefore(entries, recordedTime, limit)));
  }
  const corrected = correctedView(entries);
  return corrected.slice(
    0,
    countAtOrBefore(corrected, (e) => e.occurredAt, limit),
  );
}

/**
 * State after event `seq`, or after the last event whose occurredAt (or recordedAt, `by: 'recorded'`)
 * is ≤ `at`; the latest state when neither is given.
 */
export async function replay(
  ctx: EngineContext,
  unitId: string,
  target: ReplayTarget,
  principal: Principal,
): Promise<ReplayResult> {
  validateTarget(target);
  const unit = await requireReadable(ctx, unitId, principal);
  const all = await readWholeLog(ctx.redis, ctx.keys, unitId);
  const entries = entriesFor(all, target);
  const replayed = replayEntries(unit.input, entries);
  if (!replayed.ok)
    throw new Error(`stored event ${replayed.seq} of ${unitId} no longer applies: ${replayed.message}`);
  const corrections = entries
    .filter((e) => e.corrections !== undefined)
    .map((e) => ({ seq: e.seq, correctedBy: e.corrections!.map((c) => c.seq) }));
  const { replayer } = replayed;
  return {
    seq: entries.at(-1)?.seq ?? 0,
    snapshot: replayer.snapshot(),
    phase: replayer.phase(),
    ...(target.at === undefined ? {} : { by: target.by ?? 'occurred' }),
    corrections,
  };
}
