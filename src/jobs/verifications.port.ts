import { z } from 'zod';
import type { Principal } from '../domain/index.js';
import { verifyReportSchema } from '../engine/verify-report.schema.js';

/** A verification run in the background: its progress, then its result (stored as this JSON). */
export const verificationViewSchema = z
  .object({
    id: z.uuid(),
    /** The unit whose subtree is verified. */
    unitId: z.string(),
    /** Principal id of who started it; only they and admins may read it. */
    startedBy: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    /** Units to verify, verified so far, and of those, how many failed. */
    total: z.number().int().nonnegative(),
    verified: z.number().int().nonnegative(),
    broken: z.number().int().nonnegative(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
    /** When done: whether every unit verified, events checked, and the broken units' reports. */
    result: z
      .object({
        ok: z.boolean(),
        units: z.number().int(),
        events: z.number().int(),
        broken: z.array(verifyReportSchema),
      })
      .optional(),
    /** When failed: why (the token was revoked, the server stopped, …) and what to do. */
    error: z.string().optional(),
  })
  .meta({ id: 'Verification' });
export type VerificationView = z.infer<typeof verificationViewSchema>;

/**
 * Background verifications, for subtrees too large to verify within a request. Implemented outside
 * the API (src/jobs/verification-jobs.ts), which runs the work in a child process.
 */
export interface VerificationsPort {
  /**
   * Starts verifying `unitIds` (the subtree of `unitId`, already listed) as `principal`, whose bearer
   * `token` the child process acts with. Throws a 409 `verification_running` AppError when the
   * principal already has one running (its id in `running`).
   */
  start(request: {
    unitId: string;
    unitIds: string[];
    principal: Principal;
    token: string;
  }): Promise<VerificationView>;
  /** Throws NotFoundError for an unknown id, ForbiddenError for another principal's run. */
  get(id: string, principal: Principal): Promise<VerificationView>;
}
