import { z } from 'zod';
import type { Principal } from '../domain/index.js';

/** Roles a token may carry. `system` is the engine's own role and is never issued to a person. */
export const TOKEN_ROLES = [
  'admin',
  'secretary',
  'working_group',
  'standing_committee',
  'inspection',
  'auditor',
] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const unitRef = z.string().min(1).max(128);

/** Which scope field each role needs (DOMAIN.md §1): one unit, a working group's units, or a subtree. */
export const SCOPE_FIELD: Record<TokenRole, 'unitId' | 'workingGroup' | 'subtreeOf' | null> = {
  admin: null,
  secretary: 'unitId',
  working_group: 'workingGroup',
  standing_committee: 'subtreeOf',
  inspection: 'subtreeOf',
  auditor: 'subtreeOf',
};

/** What an admin asks for when issuing a token: a role and the one scope field that role needs. */
export const tokenRequestSchema = z
  .strictObject({
    role: z.enum(TOKEN_ROLES),
    unitId: unitRef.optional(),
    workingGroup: unitRef.optional(),
    subtreeOf: unitRef.optional(),
    label: z.string().max(200).optional(),
  })
  .superRefine((req, ctx) => {
    const needed = SCOPE_FIELD[req.role];
    for (const field of ['unitId', 'workingGroup', 'subtreeOf'] as const) {
      if (field === needed && req[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `required for role ${req.role}` });
      }
      if (field !== needed && req[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `not allowed for role ${req.role}` });
      }
    }
  });
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** A principal as stored beside a token hash; re-validated whenever it is read back from Redis. */
export const principalSchema = z.object({
  id: z.string().min(1),
  role: z.enum([...TOKEN_ROLES, 'system']),
  unitId: z.string().optional(),
  workingGroup: z.string().optional(),
  subtreeOf: z.string().optional(),
}) satisfies z.ZodType<Principal>;

/** The one principal the CLI uses with `--as-admin` when it talks to Redis directly. */
export const LOCAL_ADMIN: Principal = { id: 'local-admin', role: 'admin' };
