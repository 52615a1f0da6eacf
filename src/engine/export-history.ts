/**
 * Export of a unit's history for auditors: JSON Lines (one stored record per line, hash included,
 * so the chain can be re-verified independently) or CSV (payload as a JSON column).
 */
import { iterateLog } from '../store/index.js';
import type { EngineContext } from './context.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { requireReadable } from './reads.js';

const CSV_COLUMNS = [
  'seq',
  'type',
  'at',
  'actorId',
  'actorRole',
  'principalId',
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
    e.actor.id,
    e.actor.role,
    e.actor.principalId ?? '',
    String(e.machineVersion),
    e.prevHash,
    e.hash,
    JSON.stringify(e.payload),
  ];
  return `${values.map(csvField).join(',')}\n`;
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
  for await (const entry of iterateLog(ctx.redis, ctx.keys, unitId)) {
    yield format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`;
  }
}
