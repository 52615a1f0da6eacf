import { z } from 'zod';
import { ASSIGNMENT_ROLES, checkScopeFields } from './principal.schema.js';

const unitRef = z.string().min(1).max(128);

/** Ids minted by the account store: `acc_` and `asg_` followed by 12 hex digits. */
export const ACCOUNT_ID = /^acc_[0-9a-f]{12}$/;
export const ASSIGNMENT_ID = /^asg_[0-9a-f]{12}$/;

/** Lower-case letters, digits, `.`, `_` and `-`: safe in a cookie-less URL and a log line. */
export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9._-]{3,64}$/, '3 to 64 lower-case letters, digits, ".", "_" or "-"');

/**
 * At least 10 characters (local policy, in line with NIST SP 800-63B's advice to favour length over
 * composition rules); at most 200 so hashing stays cheap to refuse.
 */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);

/** A role and the one scope field that role needs, exactly as a token carries them. */
export const assignmentRequestSchema = z
  .strictObject({
    role: z.enum(ASSIGNMENT_ROLES),
    unitId: unitRef.optional(),
    workingGroup: unitRef.optional(),
    subtreeOf: unitRef.optional(),
  })
  .superRefine(checkScopeFields);
export type AssignmentRequest = z.infer<typeof assignmentRequestSchema>;

export const assignmentSchema = z.object({
  id: z.string().regex(ASSIGNMENT_ID),
  role: z.enum(ASSIGNMENT_ROLES),
  unitId: z.string().optional(),
  workingGroup: z.string().optional(),
  subtreeOf: z.string().optional(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** An account as stored: the password only as its argon2id hash. Re-validated on every read. */
export const accountSchema = z.object({
  id: z.string().regex(ACCOUNT_ID),
  username: usernameSchema,
  displayName: z.string().min(1).max(200),
  passwordHash: z.string().startsWith('$argon2id$'),
  disabled: z.boolean(),
  createdAt: z.string(),
  assignments: z.array(assignmentSchema),
});
export type Account = z.infer<typeof accountSchema>;

/** An account as shown to administrators: never the hash. */
export type AccountView = Omit<Account, 'passwordHash'>;

export function viewOf({ passwordHash: _hash, ...view }: Account): AccountView {
  return view;
}

/** What creating an account takes; an account admin must give the first assignment (see account-admin.ts). */
export const accountCreateSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200),
  password: passwordSchema,
  assignment: assignmentRequestSchema.optional(),
});
export type AccountCreate = z.infer<typeof accountCreateSchema>;

/** `unit:<id>`, `working_group:<id>`, `subtree:<id>` or `all`: how lists and the log name a scope. */
export function scopeLabel(a: { unitId?: string; workingGroup?: string; subtreeOf?: string }): string {
  if (a.unitId !== undefined) return `unit:${a.unitId}`;
  if (a.workingGroup !== undefined) return `working_group:${a.workingGroup}`;
  if (a.subtreeOf !== undefined) return `subtree:${a.subtreeOf}`;
  return 'all';
}
