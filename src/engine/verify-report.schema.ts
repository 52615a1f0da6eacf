import { z } from 'zod';

/** One unit's verification, as the API answers it and the CLI's verify processes pass it back. */
export const verifyReportSchema = z.object({
  unitId: z.string(),
  ok: z.boolean(),
  events: z.number().int(),
  firstBrokenSeq: z.number().int().optional(),
  reason: z.string().optional(),
});
