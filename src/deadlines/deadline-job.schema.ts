import { z } from 'zod';
import type { AlertPoint } from './alert-points.js';

const isoInstant = z.iso.datetime({ offset: true });

const pointSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reminder'), workingDaysBefore: z.number().int().nonnegative() }),
  z.object({ type: z.literal('overdue') }),
  z.object({
    type: z.literal('escalation'),
    rung: z.number().int().min(1),
    workingDaysAfter: z.number().int().nonnegative(),
    recipient: z.enum(['working_group', 'superior_standing_committee', 'level_above']),
  }),
]);

/** Data of a deadline job, validated when a worker picks it up (queues outlive code versions). */
export const deadlineJobSchema = z.object({
  jobId: z.string().min(1),
  unitId: z.string().min(1),
  deadline: z.object({
    kind: z.string().min(1),
    step: z.string().min(1),
    enteredSeq: z.number().int().nonnegative(),
    owner: z.enum(['unit', 'superior']),
    dueAt: isoInstant,
  }),
  point: pointSpecSchema,
  fireAt: isoInstant,
});

export type DeadlineJobData = z.infer<typeof deadlineJobSchema>;

/** Job data carried by the delayed job of one alert point. */
export function toJobData(point: AlertPoint): DeadlineJobData {
  return point;
}
