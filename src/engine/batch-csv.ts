/**
 * Batches as CSV, for people who fill a spreadsheet: one template per event type (its columns are
 * the event's payload fields, read from the zod schema) and the conversion of a filled file into
 * batch rows. A cell that cannot be read refuses its row only, with the column named.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { ReadRow } from './batch.js';

/** Columns every template starts with; the payload's fields follow. */
export const FIXED_COLUMNS = ['unitId', 'occurredAt', 'idempotencyKey'] as const;

type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'json';

/** The payload's top-level fields and how a cell becomes each value (nested values are JSON). */
export function payloadColumns(type: string): { name: string; type: FieldType; required: boolean }[] {
  const def = EVENT_CATALOGUE[type];
  if (!def)
    throw new NotFoundError(`unknown event type "${type}"; the catalogue is in GET /api/v1/openapi.json`);
  const json = z.toJSONSchema(def.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type:
      p.type === 'string' || p.type === 'number' || p.type === 'integer' || p.type === 'boolean'
        ? p.type
        : 'json',
    required: (json.required ?? []).includes(name),
  }));
}

/** The header row of `type`'s template (with a line break, ready to download). */
export function batchTemplate(type: string): string {
  return `${[...FIXED_COLUMNS, ...payloadColumns(type).map((c) => c.name)].join(',')}\r\n`;
}

function cellValue(cell: string, type: FieldType): unknown {
  if (type === 'string') return cell;
  if (type === 'number' || type === 'integer')
    return /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : cell;
  if (type === 'boolean') return cell === 'true' ? true : cell === 'false' ? false : cell;
  return JSON.parse(cell) as unknown;
}

/**
 * When a row's step happened: an instant as written, or a calendar date (`2026-12-18`), read as
 * noon Vietnam time that day; empty means now.
 */
export function occurredAtOfCell(cell: string): string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00+07:00` : text;
}

/** A key derived from the row's content: sending the same file twice appends nothing twice. */
function derivedKey(type: string, unitId: string, occurredAt: string | undefined, payload: unknown): string {
  const text = canonicalize({ type, unitId, occurredAt: occurredAt ?? null, payload }) ?? '';
  return `csv-${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
}

function rowOf(
  record: Record<string, string>,
  type: string,
  columns: ReturnType<typeof payloadColumns>,
): ReadRow {
  const unitId = (record['unitId'] ?? '').trim();
  const payload: Record<string, unknown> = {};
  for (const column of columns) {
    const cell = record[column.name] ?? '';
    if (cell.trim() === '') continue;
    try {
      payload[column.name] = cellValue(cell, column.type);
    } catch {
      return {
        ok: false,
        unitId,
        code: 'invalid_cell',
        reason: `column ${column.name}: not valid JSON (${cell})`,
      };
    }
  }
  if (unitId === '')
    return { ok: false, unitId, code: 'invalid_cell', reason: 'column unitId is empty: name the unit' };
  const occurredAt = occurredAtOfCell(record['occurredAt'] ?? '');
  const key = (record['idempotencyKey'] ?? '').trim() || derivedKey(type, unitId, occurredAt, payload);
  return {
    ok: true,
    row: { unitId, type, payload, idempotencyKey: key, ...(occurredAt ? { occurredAt } : {}) },
  };
}

/** Reads a filled template of `type`; a file without the unitId column, or unreadable, is refused whole. */
export function rowsFromCsv(content: string, type: string): ReadRow[] {
  const columns = payloadColumns(type);
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(content, {
      columns: (names: string[]) => names.map((n) => n.trim()),
      skip_empty_lines: true,
      bom: true,
    });
  } catch (error) {
    throw new ValidationError(
      `The CSV cannot be read: ${(error as Error).message}. Start from the template.`,
      [],
    );
  }
  const known = new Set<string>([...FIXED_COLUMNS, ...columns.map((c) => c.name)]);
  const unknown = Object.keys(records[0] ?? {}).filter((name) => !known.has(name));
  if (records.length > 0 && !('unitId' in records[0]!))
    throw new ValidationError('The CSV has no unitId column. Start from the template of this event.', []);
  if (unknown.length > 0)
    throw new ValidationError(
      `The CSV has columns the event ${type} does not take: ${unknown.join(', ')}. Start from its template.`,
      unknown.map((name) => ({ path: name, message: 'not a column of this event' })),
    );
  return records.map((record) => rowOf(record, type, columns));
}
