/** Helpers shared by the dissolve / merge import tests: files with the status columns and the org history. */
import type { Redis } from 'ioredis';
import type { OrgUnit } from '../../src/engine/engine.types.js';

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

/**
 * Every key under `prefix` with its logical content, to prove an operation wrote nothing. Not DUMP: a
 * hash's serialised field order can change on reads alone (incremental rehashing).
 */
export async function namespaceContent(redis: Redis, prefix: string): Promise<Record<string, unknown>> {
  const content: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) content[key] = await contentOf(redis, key);
  } while (cursor !== '0');
  return content;
}

async function contentOf(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'hash':
      return Object.entries(await redis.hgetall(key)).sort(([a], [b]) => a.localeCompare(b));
    case 'set':
      return (await redis.smembers(key)).sort();
    case 'stream':
      return await redis.xrange(key, '-', '+');
    default:
      return await redis.get(key);
  }
}
