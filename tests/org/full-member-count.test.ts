import { describe, expect, it } from 'vitest';
import { parseOrgTree } from '../../src/org/parse-tree.js';
import { VALID_ROWS, toCsv } from './org-tree.builders.js';

/** VALID_ROWS as CSV with a `full_member_count` column after `member_count` (empty except for `full`). */
function withFullMembers(full: Record<string, string>): string {
  const [header, ...lines] = toCsv(VALID_ROWS).trim().split('\n');
  const columns = header!.split(',');
  const at = columns.indexOf('member_count') + 1;
  const insert = (cells: string[], value: string) =>
    [...cells.slice(0, at), value, ...cells.slice(at)].join(',');
  const body = lines.map((line, i) => insert(line.split(','), full[VALID_ROWS[i]!.id] ?? ''));
  return [insert(columns, 'full_member_count'), ...body].join('\n');
}

describe('parseOrgTree: full members', () => {
  it('when the CSV gives full_member_count, then the unit carries it; an empty cell leaves it out', () => {
    const result = parseOrgTree({ format: 'csv', content: withFullMembers({ 'c-1': '8' }) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = new Map(result.units.map((u) => [u.id, u]));
    expect(byId.get('c-1')?.fullMemberCount).toBe(8);
    expect(byId.get('c-2')).not.toHaveProperty('fullMemberCount');
  });

  it('when an older file has no full_member_count column, then it still imports', () => {
    expect(parseOrgTree({ format: 'csv', content: toCsv(VALID_ROWS) }).ok).toBe(true);
  });

  it('when full_member_count is not a whole number, then the row is refused naming the column', () => {
    const result = parseOrgTree({ format: 'csv', content: withFullMembers({ 'c-1': 'tám' }) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toContain('full_member_count');
  });
});
