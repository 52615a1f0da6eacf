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

/**
 * Roles an account's assignment may carry: the token roles plus `account_admin`, which manages the
 * accounts of a subtree (and reads that subtree, as an auditor does) but sends no procedural event.
 */
export const ASSIGNMENT_ROLES = [...TOKEN_ROLES, 'account_admin'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

const unitRef = z.string().min(1).max(128);

/** Which scope field each role needs (DOMAIN.md §1): one unit, a working group's units, or a subtree. */
export const SCOPE_FIELD: Record<AssignmentRole, 'unitId' | 'workingGroup' | 'subtreeOf' | null> = {
  admin: null,
  secretary: 'unitId',
  working_group: 'workingGroup',
  standing_committee: 'subtreeOf',
  inspection: 'subtreeOf',
  auditor: 'subtreeOf',
  account_admin: 'subtreeOf',
};

/** Refinement shared by tokens and assignments: exactly the one scope field the role needs. */
export function checkScopeFields(
  req: { role: AssignmentRole; unitId?: string; workingGroup?: string; subtreeOf?: string },
  ctx: z.RefinementCtx,
): void {
  const needed = SCOPE_FIELD[req.role];
  for (const field of ['unitId', 'workingGroup', 'subtreeOf'] as const) {
    if (field === needed && req[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `required for role ${req.role}` });
    }
    if (field !== needed && req[field] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `not allowed for role ${req.role}` });
    }
  }
}

/** A lifetime such as `90d`, `12h` or `30m` (days, hours, minutes). */
export const DURATION = /^([1-9]\d{0,4})([dhm])$/;
const DURATION_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** Milliseconds in a lifetime written as DURATION. */
export function durationMs(text: string): number {
  const match = DURATION.exec(text);
  if (match === null) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * DURATION_MS[match[2] as keyof typeof DURATION_MS];
}

/**
 * What an admin asks for when issuing a token: a role, the one scope field that role needs, and
 * optionally a lifetime (`expiresIn`; none means the token never expires) and the account it serves
 * (revoked with that account when it is disabled).
 */
export const tokenRequestSchema = z
  .strictObject({
    role: z.enum(TOKEN_ROLES),
    unitId: unitRef.optional(),
    workingGroup: unitRef.optional(),
    subtreeOf: unitRef.optional(),
    label: z.string().max(200).optional(),
    expiresIn: z.string().regex(DURATION, 'a lifetime such as 90d, 12h or 30m').optional(),
    accountId: z
      .string()
      .regex(/^acc_[0-9a-f]{12}$/, 'an account id such as acc_0123456789ab')
      .optional(),
  })
  .superRefine(checkScopeFields);
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** A principal as stored beside a token hash; re-validated whenever it is read back from Redis. */
export const principalSchema = z.object({
  id: z.string().min(1),
  role: z.enum([...ASSIGNMENT_ROLES, 'system']),
  kind: z.enum(['token', 'account', 'system']).optional(),
  assignmentId: z.string().optional(),
  unitId: z.string().optional(),
  workingGroup: z.string().optional(),
  subtreeOf: z.string().optional(),
}) satisfies z.ZodType<Principal>;

/** The one principal the CLI uses with `--as-admin` when it talks to Redis directly. */
export const LOCAL_ADMIN: Principal = { id: 'local-admin', role: 'admin' };
