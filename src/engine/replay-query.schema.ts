import { z } from 'zod';

const nonNegativeInt = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A replay's target, from HTTP's query string or the CLI's options: an instant or a log position. */
export const stateQuerySchema = z
  .strictObject({
    at: z.iso.datetime({ offset: true }).optional(),
    seq: nonNegativeInt.optional(),
    by: z.enum(['occurred', 'recorded']).optional(),
  })
  .refine((q) => (q.at === undefined) !== (q.seq === undefined), {
    message: 'give exactly one of at (ISO instant) or seq (log position)',
  })
  .refine((q) => q.by === undefined || q.at !== undefined, {
    message: 'by (occurred or recorded) goes with at',
    path: ['by'],
  });
