/**
 * Reads of a unit's event log stream. Entries have id `<seq>-0` and fields `seq`, `h` (the event
 * hash) and `c` (the canonical JSON of the record without its hash, exactly as hashed); entries
 * written before that form carry `seq` and `e` (the record JSON, hash included) and read the same.
 * See docs/persistence.md.
 */
import type { Redis } from 'ioredis';
import type { HistoryEntry } from '../domain/index.js';
import type { KeySpace } from './keys.js';
import { parseStoredRecord, toHistoryEntry, type StoredRecord } from './log-record.js';

/** One stream entry as stored, before validation: what verify inspects. */
export interface RawLogEntry {
  streamId: string;
  fields: Record<string, string>;
}

function toRaw([streamId, flat]: [string, string[]]): RawLogEntry {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return { streamId, fields };
}

/**
 * Parses and validates a stored entry's record exactly as it was hashed, in whichever stream form
 * (`c` + `h`, or the older `e`) and record form; throws on corrupt data. What verify inspects.
 */
export function parseStoredEntry(raw: RawLogEntry): StoredRecord {
  const { c, h, e } = raw.fields;
  if (c === undefined) return parseStoredRecord(JSON.parse(e ?? 'null'));
  const record: unknown = JSON.parse(c);
  // Set in place rather than spread into a copy: this runs for every event verify reads.
  if (typeof record === 'object' && record !== null) Object.assign(record, { hash: h });
  return parseStoredRecord(record);
}

/** A stored entry as history reads it (both times, the actor, the flags); throws on corrupt data. */
export function parseLogEntry(raw: RawLogEntry): HistoryEntry {
  return toHistoryEntry(parseStoredEntry(raw));
}

/** Up to `limit` entries from `fromSeq` on, validated. */
export async function readLogPage(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
  fromSeq: number,
  limit: number,
): Promise<HistoryEntry[]> {
  const rows = await redis.xrange(keys.log(unitId), `${fromSeq}-0`, '+', 'COUNT', limit);
  return rows.map((row) => parseLogEntry(toRaw(row)));
}

/** Every stored entry in stream order, raw, fetched in pages. */
export async function* iterateRawLog(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
  pageSize = 1000,
): AsyncGenerator<RawLogEntry> {
  let start = '-';
  for (;;) {
    const rows = await redis.xrange(keys.log(unitId), start, '+', 'COUNT', pageSize);
    for (const row of rows) yield toRaw(row);
    if (rows.length < pageSize) return;
    start = `(${rows[rows.length - 1]![0]}`;
  }
}

/** Every entry in order, validated, fetched in pages. */
export async function* iterateLog(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
): AsyncGenerator<HistoryEntry> {
  for await (const raw of iterateRawLog(redis, keys, unitId)) yield parseLogEntry(raw);
}

/** Every entry of a unit's log, in order, validated: for the uses that need the whole log at once. */
export async function readWholeLog(redis: Redis, keys: KeySpace, unitId: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const entry of iterateLog(redis, keys, unitId)) entries.push(entry);
  return entries;
}

/**
 * When the unit's last event occurred, read from the log itself: for units last written before the
 * snapshot hash kept it (field `t`). Undefined for an empty log.
 */
export async function readLastOccurredAt(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
): Promise<string | undefined> {
  const [row] = await redis.xrevrange(keys.log(unitId), '+', '-', 'COUNT', 1);
  return row ? parseLogEntry(toRaw(row)).occurredAt : undefined;
}

/** The entries with the given seqs, in that order (each read directly by its stream id). */
export async function readLogEntries(
  redis: Redis,
  keys: KeySpace,
  unitId: string,
  seqs: readonly number[],
): Promise<HistoryEntry[]> {
  const rows = await Promise.all(seqs.map((seq) => redis.xrange(keys.log(unitId), `${seq}-0`, `${seq}-0`)));
  return rows.flatMap((found) => found.map((row) => parseLogEntry(toRaw(row))));
}
