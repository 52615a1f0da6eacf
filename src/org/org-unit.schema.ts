import { z } from 'zod';
import { LEVELS } from '../../machines/domain.js';
import { unitIdSchema } from '../domain/index.js';
import type { OrgUnit } from '../domain/index.js';

/** Khối: ward, commune, agencies, enterprises, schools, armed_forces… as lower-case snake_case. */
export const blockSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case snake_case, e.g. ward or armed_forces');

/** What a row may say about a unit's standing; `active` is the default and is not stored. */
export const UNIT_STATUSES = ['active', 'dissolved', 'merged'] as const;

/** One organisation in the tree, as imported and stored. The term must also name a known rule set. */
export const orgUnitSchema = z.strictObject({
  id: unitIdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  level: z.enum(LEVELS, { error: `must be one of ${LEVELS.join(', ')}` }),
  block: blockSchema,
  parentId: unitIdSchema.nullable(),
  workingGroup: unitIdSchema.nullable(),
  memberCount: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(10_000_000, 'must be at most 10,000,000'),
  fullMemberCount: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(10_000_000, 'must be at most 10,000,000')
    .nullable()
    .optional(),
  term: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a rule set id such as 2020-2025'),
  status: z
    .enum(UNIT_STATUSES, { error: `must be one of ${UNIT_STATUSES.join(', ')}` })
    .nullable()
    .optional(),
  mergedInto: unitIdSchema.nullable().optional(),
});

/**
 * A validated row as an OrgUnit: an active unit carries neither `status` nor `mergedInto`, so files
 * without the new columns and stored units from before them compare equal.
 */
export function toOrgUnit(row: z.infer<typeof orgUnitSchema>): OrgUnit {
  const { status, mergedInto, fullMemberCount, ...unit } = row;
  return {
    ...unit,
    ...(fullMemberCount == null ? {} : { fullMemberCount }),
    ...(status == null || status === 'active' ? {} : { status }),
    ...(mergedInto == null ? {} : { mergedInto }),
  };
}

export type OrgUnitRecord = z.infer<typeof orgUnitSchema>;
