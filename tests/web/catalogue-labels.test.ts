/**
 * Every field a generated form shows, and every value of every enum, is named in Vietnamese and
 * English in the JSON Schema the dashboard is served (the labels ride on the zod schemas' metadata);
 * so is every rule an irregularity can name.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RULE_IDS } from '../../machines/rules/rule-ids.js';
import { buildDashboardCatalogue } from '../../src/web/catalogue.js';

// The dashboard's plain-JS vocabulary, imported as the browser does.
const vocabularyPath = '../../src/web/public/js/vocabulary.js';
const { RULES } = (await import(vocabularyPath)) as {
  RULES: Record<string, { vi?: unknown; en?: unknown } | undefined>;
};

interface Schema {
  label?: { vi?: unknown; en?: unknown };
  enum?: unknown[];
  enumLabels?: Record<string, { vi?: unknown; en?: unknown }>;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

const named = (text: unknown) => typeof text === 'string' && text.trim().length > 0;
const bothNamed = (l: { vi?: unknown; en?: unknown } | undefined) => named(l?.vi) && named(l?.en);

/** What lacks a name at `path` and below: fields by path, enum values as `path=value`. */
function unnamed(schema: Schema, path: string, isField: boolean, seen: { fields: number }): string[] {
  const missing: string[] = [];
  if (isField) {
    seen.fields += 1;
    if (!bothNamed(schema.label)) missing.push(path);
  }
  for (const value of schema.enum ?? [])
    if (!bothNamed(schema.enumLabels?.[String(value)])) missing.push(`${path}=${String(value)}`);
  for (const [name, field] of Object.entries(schema.properties ?? {}))
    missing.push(...unnamed(field, `${path}.${name}`, true, seen));
  if (schema.items) missing.push(...unnamed(schema.items, `${path}[]`, false, seen));
  if (typeof schema.additionalProperties === 'object')
    missing.push(...unnamed(schema.additionalProperties, `${path}{}`, false, seen));
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    missing.push(...unnamed(branch, path, false, seen));
  return missing;
}

describe('labels of the generated forms', () => {
  it('when the served catalogue is walked, then every field and every enum value has a Vietnamese and an English name', () => {
    const seen = { fields: 0 };
    const missing = Object.entries(buildDashboardCatalogue().events).flatMap(([type, event]) =>
      unnamed(event.schema as Schema, type, false, seen),
    );
    expect(missing).toEqual([]);
    // The walk reached the payloads' fields (nested ones included), not an empty catalogue.
    expect(seen.fields).toBeGreaterThan(80);
  });

  it('when a field or an enum value has no name, then the walk names it', () => {
    const bare = z.toJSONSchema(
      z.strictObject({
        seats: z.number().meta({ label: { vi: 'Số lượng được bầu', en: '' } }),
        ballots: z.strictObject({ issued: z.number() }).meta({ label: { vi: 'Kiểm phiếu', en: 'Ballots' } }),
        kind: z.enum(['member', 'delegate']).meta({
          label: { vi: 'Loại', en: 'Kind' },
          enumLabels: { member: { vi: 'Đảng viên', en: 'Member' } },
        }),
      }),
    ) as Schema;
    expect(unnamed(bare, 'x', false, { fields: 0 })).toEqual([
      'x.seats',
      'x.ballots.issued',
      'x.kind=delegate',
    ]);
  });

  it('when the election form’s schema is served, then its election kinds carry the regulation’s names', () => {
    const schema = buildDashboardCatalogue().events['election.recorded']?.schema as Schema;
    const election = schema.properties?.['election'];
    expect(election?.label).toEqual({ vi: 'Cuộc bầu cử', en: 'Election' });
    expect(election?.enumLabels?.['delegates']?.vi).toBe('Bầu đại biểu dự đại hội cấp trên');
    expect(
      schema.properties?.['exclusions']?.items?.properties?.['category']?.enumLabels?.[
        'delegate_absent_no_alternate'
      ]?.vi,
    ).toBe('Đại biểu chính thức vắng mặt suốt thời gian đại hội, không có đại biểu dự khuyết thay');
  });

  it('when any rule of a rule set is breached, then the dashboard can name it in both languages', () => {
    expect(RULE_IDS.filter((id) => !bothNamed(RULES[id]))).toEqual([]);
    expect(RULES['election.quorum']?.vi).toBe('Số có mặt tối thiểu để đại hội hợp lệ');
  });
});
