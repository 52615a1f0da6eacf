import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

/** A recipient team: the unit itself (`unit:<id>`), a working group (`wg:<id>`) or a standing committee (`sc:<unitId>`). */
export const teamIdSchema = z
  .string()
  .regex(/^(unit|wg|sc):[^\s]+$/, 'team ids look like unit:<id>, wg:<id> or sc:<id>');
export type TeamId = z.infer<typeof teamIdSchema>;

export const ALERT_TYPES = ['reminder', 'overdue', 'escalation', 'digest'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

const digestEntrySchema = z.object({ unitId: z.string(), kind: z.string(), dueAt: isoInstant });

/** Content of a daily digest: what a supervisor team should look at today. */
export const digestContentSchema = z.object({
  team: teamIdSchema,
  overdue: z.array(digestEntrySchema),
  atRisk: z.array(digestEntrySchema),
  /** Roll-up of the team's subtree (standing committees) as done/total per level and block. */
  progress: z.array(
    z.object({
      level: z.string(),
      block: z.string(),
      done: z.number(),
      total: z.number(),
      percent: z.number(),
    }),
  ),
});
export type DigestContent = z.infer<typeof digestContentSchema>;

/** A stored alert. Its id is deterministic (the deadline job id, or `digest|<team>|<tick>`). */
export const alertSchema = z.object({
  id: z.string().min(1),
  type: z.enum(ALERT_TYPES),
  unitId: z.string().nullable(),
  deadline: z
    .object({
      kind: z.string(),
      step: z.string(),
      enteredSeq: z.number().int(),
      owner: z.enum(['unit', 'superior']),
      dueAt: isoInstant,
    })
    .optional(),
  /** Escalation rung (1 = working group, 2 = superior standing committee, 3 = level above). */
  rung: z.number().int().min(1).optional(),
  /** Working days before (reminder) or after (escalation) the due time. */
  workingDays: z.number().int().nonnegative().optional(),
  recipients: z.array(teamIdSchema).min(1),
  /** When the alert was scheduled to fire. */
  fireAt: isoInstant,
  /** When it was recorded. */
  createdAt: isoInstant,
  digest: digestContentSchema.optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const ackSchema = z.object({ by: z.string().min(1), at: isoInstant });
export type Ack = z.infer<typeof ackSchema>;
