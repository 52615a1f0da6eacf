/** Helpers shared by the dissolve / merge import tests: files with the status columns and the org history. */
import type { Redis } from 'ioredis';
import type { OrgUnit } from '../../src/domain/index.js';

const HEADER = 'id,name,level,block,parent,working_group,member_count,term,status,merged_into';

/** The CSV import file of `units`, with the optional `status,merged_into` columns. */
export function toStatusCsv(units: readonly OrgUnit[]): { format: 'csv'; content: string } {
  const rows = units.map((u) =>
    [
      u.id,
      u.name,
      u.level,
      u.block,
      u.parentId ?? '',
      u.workingGroup ?? '',
      u.memberCount,
      u.term,
      u.status ?? '',
      u.mergedInto ?? '',
    ].join(','),
  );
  return { format: 'csv', content: `${[HEADER, ...rows].join('\n')}\n` };
}

/** `units` with the unit `id` patched. */
export function patch(units: readonly OrgUnit[], id: string, change: Partial<OrgUnit>): OrgUnit[] {
  return units.map((u) => (u.id === id ? { ...u, ...change } : u));
}

export interface OrgRecord {
  seq: number;
  type: string;
  unitId: string;
  changes: Record<string, unknown>;
  into?: string;
}

/** The organisation history as stored (field `e` of each stream entry). */
export async function readOrgRecords(redis: Redis, prefix: string): Promise<OrgRecord[]> {
  const entries = await redis.xrange(`${prefix}:org:log`, '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!) as OrgRecord);
}

/** Every key under a prefix with its logical content (shared helper; see tests/support/namespace.ts). */
export { namespaceContents as namespaceContent } from '../support/namespace.js';
