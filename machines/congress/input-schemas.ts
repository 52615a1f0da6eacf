/**
 * Zod schemas of what reaches the pure layer from outside: a unit's input and an event's envelope.
 */
import { z } from 'zod';
import { calendarCoversInstant } from '../calendar/vn-calendar.js';
import { LEVELS } from '../domain.js';
import { getRuleSet } from '../rules/index.js';

const OUTSIDE_CALENDAR = 'outside the years the working-day calendar covers';

/**
 * Deadlines are counted in working days, so business time must lie where the calendar has data.
 * Checked on day numbers: every replayed event passes here.
 */
const inCalendar = calendarCoversInstant;

function safeRuleSet(id: string): boolean {
  try {
    getRuleSet(id);
    return true;
  } catch {
    return false;
  }
}

/** What a unit is created with (`UnitInput`). */
export const unitInputSchema = z.strictObject({
  unitId: z.string().trim().min(1),
  level: z.enum(LEVELS),
  block: z.string(),
  memberCount: z.number().int().nonnegative(),
  fullMemberCount: z.number().int().nonnegative().optional(),
  ruleSetId: z.string().refine((id) => safeRuleSet(id), 'unknown rule set'),
  subordinateIds: z
    .array(z.string().trim().min(1))
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate ids'),
  openedAt: z.iso.datetime({ offset: true, abort: true }).refine(inCalendar, OUTSIDE_CALENDAR),
});

/** The envelope fields the machine reads: time and log position. */
export const envelopeSchema = z.object({
  at: z.iso.datetime({ offset: true, abort: true }).refine(inCalendar, OUTSIDE_CALENDAR),
  seq: z.number().int().nonnegative(),
  actor: z.object({ id: z.string().min(1), role: z.string().min(1) }),
});
