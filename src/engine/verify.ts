/**
 * verify: walk a unit's log, recompute every hash, check prevHash links and seq continuity, replay
 * it and compare with the stored snapshot. Reports the FIRST broken seq. An entry stores the exact
 * canonical text that was hashed (`c`), so its hash is sha256(prevHash + c) with no canonicalising;
 * entries in the older form (`e`, the record JSON) are canonicalised again as before.
 */
import type { PersistedCongressSnapshot } from '../../machines/api.types.js';
import { startReplay, type Replayer } from '../../machines/index.js';
import {
  iterateRawLog,
  parseStoredEntry,
  toHistoryEntry,
  type StoredRecord,
  readSubtreeIds,
  readSnaps,
  readUnits,
  type RawLogEntry,
  type StoredSnap,
  type StoredUnit,
} from '../store/index.js';
import type { EngineContext } from './context.js';
import type { VerifyReport } from './engine.types.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { canonicalJson, genesisHash, recordHash, sha256Hex } from './hash-chain.js';
import { assertCanRead, unknownUnit } from './access.js';
import { requireReadable } from './reads.js';
import { CORRECTION_TYPE, correctedView, correctionIndexOf } from './corrections.js';
import { applyRecorded, replayEntries } from './replay.js';

class Broken extends Error {
  constructor(
    readonly seq: number,
    reason: string,
  ) {
    super(reason);
  }
}

function checkEntry(raw: RawLogEntry, seq: number, prevHash: string): HistoryEntry {
  let stored: StoredRecord;
  try {
    stored = parseStoredEntry(raw);
  } catch {
    throw new Broken(seq, `entry ${raw.streamId} is unreadable`);
  }
  const entry = toHistoryEntry(stored);
  if (raw.streamId !== `${seq}-0` || entry.seq !== seq || raw.fields.seq !== String(seq)) {
    throw new Broken(seq, `expected seq ${seq}, found entry ${raw.streamId} carrying seq ${entry.seq}`);
  }
  if (entry.prevHash !== prevHash) throw new Broken(seq, 'prevHash does not link to the previous event');
  if (contentHash(raw, stored) !== entry.hash) throw new Broken(seq, 'hash does not match the event content');
  return entry;
}

/** The hash an entry's content calls for: over the stored canonical text, or recomputed for the older form. */
export function contentHash(raw: RawLogEntry, record: StoredRecord): string {
  const canonical = raw.fields.c;
  if (canonical !== undefined) return sha256Hex(record.prevHash + canonical);
  const { hash: _stored, ...rest } = record;
  return recordHash(rest);
}

/**
 * Same JSON content. Appends store `JSON.stringify` of the same persisted shape, so equal text settles
 * it without canonicalising both (most of this check's cost); a snapshot stored in another key order
 * (written before the context took its fixed field order) is compared in canonical form.
 */
function sameSnapshot(a: PersistedCongressSnapshot, b: PersistedCongressSnapshot): boolean {
  const text = JSON.stringify(a);
  if (text === JSON.stringify(b)) return true;
  return canonicalJson(JSON.parse(text)) === canonicalJson(b);
}

/**
 * Neither time goes backwards within a unit. Checked between entries that carry both times (those
 * written before the record kept them are exempt: some older logs mixed two clocks).
 */
function checkTimes(view: readonly HistoryEntry[]): void {
  let previous: HistoryEntry | undefined;
  for (const entry of view) {
    if (entry.recordedAt === null) continue;
    if (previous && Date.parse(entry.occurredAt) < Date.parse(previous.occurredAt))
      throw new Broken(entry.seq, `occurredAt goes back before seq ${previous.seq}'s`);
    if (previous && Date.parse(entry.recordedAt) < Date.parse(previous.recordedAt!))
      throw new Broken(entry.seq, `recordedAt goes back before seq ${previous.seq}'s`);
    previous = entry;
  }
}

/** The snapshot hash's time bound (`t`) and corrections index (`x`) must be what the log says. */
function checkSnapFields(
  entries: readonly HistoryEntry[],
  view: readonly HistoryEntry[],
  snap: StoredSnap,
  seq: number,
): void {
  const last = view.at(-1);
  if (snap.lastOccurredAt !== undefined && snap.lastOccurredAt !== last?.occurredAt)
    throw new Broken(seq, 'stored last occurredAt differs from the last event');
  if (canonicalJson(snap.corrections) !== canonicalJson(correctionIndexOf(entries)))
    throw new Broken(seq, 'stored corrections index differs from the corrections in the log');
}

/** The state the whole corrected log replays to; a refusal breaks the log at that seq. */
function replayCorrected(unit: StoredUnit, view: readonly HistoryEntry[]): Replayer {
  const replayed = replayEntries(unit.input, view);
  if (!replayed.ok) throw new Broken(replayed.seq, `replay refuses the event: ${replayed.message}`);
  return replayed.replayer;
}

async function walk(ctx: EngineContext, unit: StoredUnit, snap: StoredSnap | null): Promise<VerifyReport> {
  const unitId = unit.unit.id;
  let prevHash = genesisHash(unit.input);
  // A log starts under the machine version of its first event; a unit without events, under its own.
  let replayer: Replayer | undefined;
  const entries: HistoryEntry[] = [];
  let corrected = false;
  let seq = 0;
  for await (const raw of iterateRawLog(ctx.redis, ctx.keys, unitId)) {
    const entry = checkEntry(raw, seq + 1, prevHash);
    entries.push(entry);
    // Until a correction appears the log replays as it streams; after one, it replays again corrected.
    corrected ||= entry.type === CORRECTION_TYPE;
    replayer ??= startReplay(unit.input, entry.machineVersion);
    if (!corrected) {
      const outcome = applyRecorded(replayer, entry);
      if (!outcome.ok) throw new Broken(entry.seq, `replay refuses the event: ${outcome.message}`);
    }
    prevHash = entry.hash;
    seq = entry.seq;
  }
  // The log as corrected, computed once (a copy of the entries when nothing was corrected).
  const view = correctedView(entries);
  if (corrected) replayer = replayCorrected(unit, view);
  replayer ??= startReplay(unit.input, snap?.snapshot.machineVersion);
  checkTimes(view);
  const version = snap?.version ?? 0;
  if (version !== seq)
    throw new Broken(seq + 1, `log ends at seq ${seq} but the unit is at version ${version}`);
  if (snap && snap.head !== prevHash)
    throw new Broken(seq, 'stored head hash differs from the last event hash');
  if (snap && !sameSnapshot(replayer.snapshot(), snap.snapshot))
    throw new Broken(seq, 'replayed state differs from the stored snapshot');
  if (snap) checkSnapFields(entries, view, snap, seq);
  return { unitId, ok: true, events: seq };
}

/** Verifies one stored unit against its snapshot hash; never throws for a broken chain, reports it. */
export async function verifyStoredUnit(
  ctx: EngineContext,
  unit: StoredUnit,
  snap: StoredSnap | null,
): Promise<VerifyReport> {
  try {
    return await walk(ctx, unit, snap);
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    return {
      unitId: unit.unit.id,
      ok: false,
      events: error.seq - 1,
      firstBrokenSeq: error.seq,
      reason: error.message,
    };
  }
}

const BATCH = 32;

/**
 * Verifies `ids` in batches: units and snapshot hashes of a batch in two pipelined reads, then its
 * units side by side. Ids without a unit go to `onMissing`; access is checked per unit, in order.
 */
async function verifyInBatches(
  ctx: EngineContext,
  ids: readonly string[],
  principal: Principal,
  onMissing: (id: string) => void,
): Promise<VerifyReport[]> {
  const reports: VerifyReport[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [units, snaps] = await Promise.all([
      readUnits(ctx.redis, ctx.keys, batch),
      readSnaps(ctx.redis, ctx.keys, batch),
    ]);
    const present: { unit: StoredUnit; snap: StoredSnap | null }[] = [];
    units.forEach((unit, k) => {
      if (!unit) return onMissing(batch[k]!);
      // Checked per unit: a working group may read an assigned unit but not the cells below it.
      assertCanRead(principal, unit.unit, unit.ancestorIds);
      present.push({ unit, snap: snaps[k] ?? null });
    });
    reports.push(...(await Promise.all(present.map((u) => verifyStoredUnit(ctx, u.unit, u.snap)))));
  }
  return reports;
}

/** `unitId` and every unit below it, root first, level by level; the root must be readable. */
export async function subtreeIds(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
): Promise<string[]> {
  await requireReadable(ctx, unitId, principal);
  return readSubtreeIds(ctx.redis, ctx.keys, unitId);
}

/** Verifies `unitId`, or every unit of its subtree (root first), a few units at a time. */
export async function verify(
  ctx: EngineContext,
  unitId: string,
  principal: Principal,
  options: { subtree?: boolean } = {},
): Promise<VerifyReport[]> {
  const root = await requireReadable(ctx, unitId, principal);
  if (!options.subtree) {
    const [snap] = await readSnaps(ctx.redis, ctx.keys, [unitId]);
    return [await verifyStoredUnit(ctx, root, snap ?? null)];
  }
  const ids = await readSubtreeIds(ctx.redis, ctx.keys, unitId);
  return verifyInBatches(ctx, ids, principal, () => {});
}

/** Verifies each of `unitIds`, reports in that order; refuses an unknown or unreadable one as for one unit. */
export function verifyUnits(
  ctx: EngineContext,
  unitIds: readonly string[],
  principal: Principal,
): Promise<VerifyReport[]> {
  return verifyInBatches(ctx, unitIds, principal, (id) => {
    throw unknownUnit(principal, id);
  });
}
