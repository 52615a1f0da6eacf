import { parse, type CsvError } from 'csv-parse/sync';
import type { ImportRowError } from '../domain/index.js';

/** One input row, with fields under the OrgUnit names and the line (CSV) or 1-based index (JSON) it came from. */
export interface RawRow {
  line: number;
  fields: Record<string, unknown>;
}

export type ImportFormat = 'csv' | 'json';

/** CSV header → OrgUnit field. JSON accepts both spellings. */
const CSV_COLUMNS: Record<string, string> = {
  id: 'id',
  name: 'name',
  level: 'level',
  block: 'block',
  parent: 'parentId',
  working_group: 'workingGroup',
  member_count: 'memberCount',
  full_member_count: 'fullMemberCount',
  term: 'term',
  status: 'status',
  merged_into: 'mergedInto',
};
/** Columns a header may leave out: files from before dissolution and merging still import. */
const OPTIONAL_COLUMNS = new Set(['status', 'merged_into', 'full_member_count']);
const JSON_ALIASES: Record<string, string> = {
  ...CSV_COLUMNS,
  parentId: 'parentId',
  workingGroup: 'workingGroup',
  memberCount: 'memberCount',
  fullMemberCount: 'fullMemberCount',
  mergedInto: 'mergedInto',
};
const FIELD_TO_CSV = Object.fromEntries(
  Object.entries(CSV_COLUMNS).map(([column, field]) => [field, column]),
);

/** The name a user sees for a field: the CSV column in CSV files, the OrgUnit field in JSON. */
export function displayField(format: ImportFormat, field: string): string {
  return format === 'csv' ? (FIELD_TO_CSV[field] ?? field) : field;
}

/** Empty optional references mean "none"; member counts arrive as text and are read as numbers. */
function csvFields(record: Record<string, string>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    const field = CSV_COLUMNS[column] ?? column;
    const text = value.trim();
    if (field === 'parentId' || field === 'workingGroup' || field === 'mergedInto')
      fields[field] = text === '' ? null : text;
    else if (field === 'status') fields[field] = text === '' ? undefined : text;
    else if (field === 'memberCount') fields[field] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    else if (field === 'fullMemberCount')
      fields[field] = text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    else fields[field] = text;
  }
  return fields;
}

function headerErrors(columns: string[]): ImportRowError[] {
  const missing = Object.keys(CSV_COLUMNS).filter((c) => !columns.includes(c) && !OPTIONAL_COLUMNS.has(c));
  const unknown = columns.filter((c) => !(c in CSV_COLUMNS));
  return [
    ...missing.map((field) => ({ line: 1, field, reason: 'missing column in the header' })),
    ...unknown.map((field) => ({
      line: 1,
      field,
      reason: `unknown column; expected ${Object.keys(CSV_COLUMNS).join(',')}`,
    })),
  ];
}

/** A multi-line quoted field ends later than it starts; report the line the record starts on. */
function startLine(endLine: number, record: Record<string, string>): number {
  return endLine - Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
}

/** Reads CSV with csv-parse; every malformed record is reported with its line, the rest still parse. */
export function readCsv(content: string): { rows: RawRow[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  let header: string[] = [];
  const records = parse<Record<string, string>>(content, {
    columns: (names: string[]) => (header = names.map((n) => n.trim())),
    skip_empty_lines: true,
    bom: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      // csv-parse may flag each stray quote of one record; one error per record is enough.
      if (errors.at(-1)?.line === line) return undefined;
      errors.push({ line, field: '(row)', reason: `malformed CSV: ${err?.message ?? 'unreadable record'}` });
      return undefined;
    },
  }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  if (header.length === 0)
    return { rows: [], errors: [{ line: 1, field: '(header)', reason: 'the CSV has no header row' }] };
  const rows = records.map(({ record, info }) => ({
    line: startLine(info.lines, record),
    fields: csvFields(record),
  }));
  return { rows, errors: [...headerErrors(header), ...errors] };
}

/** Omitted references mean "none" in JSON, as empty cells do in CSV. */
function jsonFields(item: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.fromEntries(
    Object.entries(item).map(([key, value]) => [JSON_ALIASES[key] ?? key, value]),
  );
  return { parentId: null, workingGroup: null, ...fields };
}

/** Reads a JSON array of unit objects; a row's line is its 1-based index in the array (0 = the document). */
export function readJson(content: string): { rows: RawRow[]; errors: ImportRowError[] } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    return {
      rows: [],
      errors: [{ line: 0, field: '(document)', reason: `malformed JSON: ${(err as Error).message}` }],
    };
  }
  if (!Array.isArray(data))
    return { rows: [], errors: [{ line: 0, field: '(document)', reason: 'expected a JSON array of units' }] };
  const rows: RawRow[] = [];
  const errors: ImportRowError[] = [];
  data.forEach((item: unknown, index) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item))
      rows.push({ line: index + 1, fields: jsonFields(item as Record<string, unknown>) });
    else errors.push({ line: index + 1, field: '(row)', reason: 'expected an object' });
  });
  return { rows, errors };
}
