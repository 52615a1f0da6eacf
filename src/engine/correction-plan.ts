/**
 * Plans a `record.corrected` append: who may correct, the corrected entry's time bounds, and the
 * rule that a correction may not change which transition happened. The new state is the whole log
 * replayed with the correction in force.
 */
import type { EventRole } from '../../machines/domain.js';
import { toVietnamDate } from '../../machines/calendar/iso-date.js';
import { isWithinCorrectionWindow } from '../../machines/record/recording-rules.js';
import type { HistoryEntry } from '../domain/index.js';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors.js';
import type { StoredSnap, StoredUnit } from '../store/index.js';
import {
  assemblePlan,
  FUTURE_TOLERANCE_MS,
  occurredAtOf,
  type AppendPlan,
  type EventRequest,
  type RecordingOptions,
} from './append-plan.js';
import type { EngineContext } from './context.js';
import {
  CORRECTION_TYPE,
  correctedView,
  correctionIndexOf,
  correctionPayloadSchema,
  type CorrectionPayload,
} from './corrections.js';
import { replayEntries } from './replay.js';

const ROLE_NAMES: Record<EventRole, string> = {
  secretary: 'secretary',
  working_group: 'working group',
  standing_committee: 'superior standing committee',
  inspection: 'inspection',
  system: 'engine (a cascade)',
};

function parseCorrection(payload: Record<string, unknown>): CorrectionPayload {
  const parsed = correctionPayloadSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: ['payload', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new ValidationError(`invalid ${CORRECTION_TYPE} event`, issues);
}

function targetOf(entries: readonly HistoryEntry[], seq: number, unitId: string): HistoryEntry {
  const target = entries[seq - 1];
  if (target === undefined) {
    throw new ValidationError(`no entry ${seq} in the log of ${unitId}`, [
      { path: 'payload.seq', message: `must name an entry of the log (1..${entries.length})` },
    ]);
  }
  if (target.type === CORRECTION_TYPE) {
    throw new ValidationError('a correction cannot itself be corrected', [
      { path: 'payload.seq', message: 'name the original entry; a later correction of it replaces this one' },
    ]);
  }
  return target;
}

/**
 * The role that recorded an entry may correct it within `clocks.correctionWindow` working days of
 * recording it; the superior standing committee may at any time.
 */
export function authorizeCorrection(
  ctx: EngineContext,
  unit: StoredUnit,
  role: EventRole | null,
  target: HistoryEntry,
): void {
  if (role === 'standing_committee') return;
  const recorder = ROLE_NAMES[target.actor.role];
  if (role !== target.actor.role) {
    throw new ForbiddenError(
      `entry ${target.seq} was recorded by the ${recorder}: only that role (within the correction window) or the superior standing committee may correct it`,
    );
  }
  const ruleSet = ctx.ruleSet(unit.input.ruleSetId);
  const window = ruleSet.clocks.correctionWindow;
  const recordedAt = target.recordedAt ?? target.occurredAt;
  const now = ctx.clock.now().toISOString();
  if (!isWithinCorrectionWindow(recordedAt, now, window, ctx.calendarOf(ruleSet))) {
    throw new ForbiddenError(
      `the correction window of entry ${target.seq} (${window} working days after it was recorded on ${toVietnamDate(recordedAt)}) has passed: ask the superior standing committee to correct it`,
    );
  }
}

/** The correction as an entry, so the corrected view can be computed with it in force. */
function asEntry(
  seq: number,
  occurredAt: string,
  correction: CorrectionPayload,
  actor: HistoryEntry['actor'],
): HistoryEntry {
  return {
    seq,
    type: CORRECTION_TYPE,
    payload: correction,
    actor,
    occurredAt,
    recordedAt: null,
    late: false,
    backfilled: false,
    at: occurredAt,
    machineVersion: 0,
    prevHash: '',
    hash: '',
  };
}

function checkBounds(after: readonly HistoryEntry[], seq: number, now: Date): void {
  const corrected = Date.parse(after[seq - 1]!.occurredAt);
  const before = after[seq - 2];
  const next = after[seq];
  const message =
    corrected > now.getTime() + FUTURE_TOLERANCE_MS
      ? "must not be more than 5 minutes ahead of the server's clock"
      : before && Date.parse(before.occurredAt) > corrected
        ? `must not be before entry ${before.seq} (occurred ${before.occurredAt})`
        : next && Date.parse(next.occurredAt) < corrected
          ? `must not be after entry ${next.seq} (occurred ${next.occurredAt}): times never go backwards in a unit`
          : undefined;
  if (message)
    throw new ValidationError('the corrected occurredAt is out of order', [
      { path: 'payload.occurredAt', message },
    ]);
}

/** Values of the state after each entry, by seq, as `entries` replay. */
function replayValues(unit: StoredUnit, entries: readonly HistoryEntry[]) {
  const values = new Map<number, string>();
  const replayed = replayEntries(unit.input, entries, (entry, replayer) =>
    values.set(entry.seq, JSON.stringify(replayer.snapshot().value)),
  );
  return { replayed, values };
}

/** Replays with the correction and refuses when any entry would be refused or lead elsewhere. */
function replayCorrected(unit: StoredUnit, before: HistoryEntry[], after: HistoryEntry[], seq: number) {
  const baseline = replayValues(unit, before).values;
  const { replayed, values } = replayValues(unit, after);
  if (!replayed.ok) {
    if (replayed.seq === seq && replayed.code === 'invalid_payload') {
      throw new ValidationError(
        replayed.message,
        (replayed.issues ?? []).map((i) => ({
          ...i,
          path: `payload.payload.${i.path.replace(/^payload\.?/, '')}`.replace(/\.$/, ''),
        })),
      );
    }
    throw new ConflictError(
      `with this correction, entry ${replayed.seq} would have been refused: ${replayed.message}`,
      'not_allowed',
    );
  }
  for (const [at, value] of values) {
    if (baseline.get(at) !== value) {
      throw new ConflictError(
        `with this correction, entry ${at} would have led to another state (${value} instead of ${baseline.get(at)}): a correction may change a date or a number, never which step happened`,
        'not_allowed',
      );
    }
  }
  return replayed.replayer;
}

/** Plans the append of a correction over the unit's whole log (`entries`). */
export function planCorrection(
  ctx: EngineContext,
  stored: { unit: StoredUnit; snap: StoredSnap },
  request: EventRequest,
  recording: RecordingOptions & { role: EventRole | null },
  entries: readonly HistoryEntry[],
): AppendPlan {
  const unitId = stored.unit.unit.id;
  const correction = parseCorrection(request.payload);
  const target = targetOf(entries, correction.seq, unitId);
  authorizeCorrection(ctx, stored.unit, recording.role, target);
  const now = ctx.clock.now();
  const occurredAt = occurredAtOf(request, recording.lastOccurredAt, now);
  const withNew = [
    ...entries,
    asEntry(stored.snap.version + 1, occurredAt, correction, { ...recording.actor, id: '' }),
  ];
  const before = correctedView(entries);
  const after = correctedView(withNew);
  if (correction.occurredAt !== undefined) checkBounds(after, correction.seq, now);
  const replayer = replayCorrected(stored.unit, before, after.slice(0, -1), correction.seq);
  const next = { snapshot: replayer.snapshot(), phase: replayer.phase(), effects: [] };
  const corrections = correctionIndexOf(withNew);
  return assemblePlan(ctx, stored, { ...request, payload: correction }, recording, {
    occurredAt,
    now,
    next,
    corrections,
  });
}
