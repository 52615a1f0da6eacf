/** Builders for import fixtures: a small valid tree as CSV lines or JSON objects. */
export const CSV_HEADER = 'id,name,level,block,parent,working_group,member_count,term';

export interface RowSpec {
  id: string;
  name?: string;
  level: string;
  block?: string;
  parent?: string;
  workingGroup?: string;
  memberCount?: number | string;
  term?: string;
  status?: string;
  mergedInto?: string;
}

/** A five-level-ish 2020 tree: province → district → two base units → cells, listed children first. */
export const VALID_ROWS: RowSpec[] = [
  { id: 'c-1', level: 'cell', parent: 'b-ward', memberCount: 8 },
  { id: 'b-ward', level: 'base', block: 'ward', parent: 'dd', workingGroup: 'wg-1', memberCount: 120 },
  { id: 'dd', level: 'district', block: 'urban_district', parent: 'hn', memberCount: 20000 },
  { id: 'hn', level: 'province', block: 'city', memberCount: 450000 },
  { id: 'b-school', level: 'base', block: 'schools', parent: 'dd', workingGroup: 'wg-2', memberCount: 15 },
  { id: 'c-2', level: 'cell', parent: 'b-ward', memberCount: 12 },
];

function csvLine(row: RowSpec): string {
  const fields = [
    row.id,
    row.name ?? `Unit ${row.id}`,
    row.level,
    row.block ?? 'ward',
    row.parent ?? '',
    row.workingGroup ?? '',
    String(row.memberCount ?? 10),
    row.term ?? '2020-2025',
  ];
  return fields.join(',');
}

/** CSV with the original eight columns, or with `status,merged_into` appended when `withStatus`. */
export function toCsv(rows: RowSpec[], withStatus = false): string {
  if (!withStatus) return [CSV_HEADER, ...rows.map(csvLine)].join('\n') + '\n';
  const lines = rows.map((row) => `${csvLine(row)},${row.status ?? ''},${row.mergedInto ?? ''}`);
  return [`${CSV_HEADER},status,merged_into`, ...lines].join('\n') + '\n';
}

/** JSON with camelCase fields; `snake` switches to the CSV spelling, which JSON also accepts. */
export function toJson(rows: RowSpec[], snake = false): string {
  return JSON.stringify(
    rows.map((row) => ({
      id: row.id,
      name: row.name ?? `Unit ${row.id}`,
      level: row.level,
      block: row.block ?? 'ward',
      [snake ? 'parent' : 'parentId']: row.parent ?? null,
      [snake ? 'working_group' : 'workingGroup']: row.workingGroup ?? null,
      [snake ? 'member_count' : 'memberCount']: row.memberCount ?? 10,
      term: row.term ?? '2020-2025',
      ...(row.status === undefined ? {} : { status: row.status }),
      ...(row.mergedInto === undefined ? {} : { [snake ? 'merged_into' : 'mergedInto']: row.mergedInto }),
    })),
  );
}

/** VALID_ROWS with one row replaced (matched by id). */
export function withRow(id: string, patch: Partial<RowSpec>): RowSpec[] {
  return VALID_ROWS.map((row) => (row.id === id ? { ...row, ...patch } : row));
}
