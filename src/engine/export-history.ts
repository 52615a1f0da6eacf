/**
 * Export of a unit's history for auditors: JSON Lines (one stored record per line, hash included,
 * so the chain can be re-verified independently) or CSV (payload as a JSON column).
 *
 * A JSONL line is the record exactly as it was hashed. Records written before the record kept both
 * times (form 1) gain `occurredAt` (their stored time) and `recordedAt: null`, which a verifier
 * removes again before hashing (docs/persistence.md).
 */
import { iterateRawLog, parseStoredEntry, toHistoryEntry, type StoredRecord } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { requireReadable } from './reads.js';

const CSV_COLUMNS = [
  'seq',
  'type',
  'at',
  'occurredAt',
  'recordedAt',
  'actorId',
  'actorRole',
  'principalId',
  'actorKind',
  'scope',
  'late',
  'backfilled',
  'machineVersion',
  'prevHash',
  'hash',
  'payload',
];

/** RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(e: HistoryEntry): string {
  const values = [
    String(e.seq),
    e.type,
    e.at,
    e.occurredAt,
    e.recordedAt ?? '',
    e.actor.id,
    e.actor.role,
    e.actor.principalId,
    e.actor.kind,
    e.actor.scope,
    String(e.late),
    String(e.backfilled),
    String(e.machineVersion),
    e.prevHash,
    e.hash,
    JSON.stringify(e.payload),
  ];
  return `${values.map(csvField).join(',')}\n`;
}

/** The JSONL form of a stored record: as hashed, with both times named on form-1 records. */
function jsonLine(record: StoredRecord): string {
  const line = 'occurredAt' in record ? record : { ...record, occurredAt: record.at, recordedAt: null };
  return `${JSON.stringify(line)}\n`;
}

/** Lines of the export, each ending with `\n`; CSV starts with a header line. */
export async function* exportHistory(
  ctx: EngineContext,
  unitId: string,
  format: 'jsonl' | 'csv',
  principal: Principal,
): AsyncGenerator<string> {
  await requireReadable(ctx, unitId, principal);
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  for await (const raw of iterateRawLog(ctx.redis, ctx.keys, unitId)) {
    const record = parseStoredEntry(raw);
    yield format === 'csv' ? csvLine(toHistoryEntry(record)) : jsonLine(record);
  }
}
