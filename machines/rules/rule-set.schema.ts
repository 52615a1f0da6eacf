import { z } from 'zod';
import { LEVELS, type Level } from '../domain.js';
import { ELECTION_KINDS } from './election-kinds.js';
import { isRuleId, requiredRuleIds } from './provenance.js';
import type { RuleSet } from './rule-set.js';

const level = z.enum(LEVELS);
const isoDate = z.iso.date();
const workingDays = z.number().int().min(0).max(400);
const share = z.number().min(0).max(1);
const label = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const stepList = z
  .array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'step ids are snake_case'))
  .min(1)
  .refine((steps) => new Set(steps).size === steps.length, 'step ids must be unique');

const clocks = z.object({
  superiorDecision: workingDays,
  resubmission: workingDays,
  consultationReply: workingDays,
  superiorReviewBeforeOpening: workingDays.optional(),
  convocationNotice: workingDays,
  resultReport: workingDays,
  confirmation: workingDays,
  keyPostDirection: workingDays,
  lateRecording: workingDays,
  correctionWindow: workingDays,
});

const election = z
  .object({
    regulation: z.string().min(1),
    surplusMin: share,
    surplusMax: share,
    surplusCap: share,
    smallBodyMaxSeats: z.number().int().min(0).max(20),
    smallBodyMaxSurplus: z.number().int().min(1).max(20),
    surplusKinds: z.array(z.enum(ELECTION_KINDS)),
    floorNominationSupport: share,
    quorum: share,
    roundsBeforeDecision: z.number().int().min(1).max(20),
    maxRounds: z.number().int().min(1).max(20),
    cellCommitteeMinMembers: z.number().int().min(1),
    directSecretary: z.boolean(),
    tieRule: z.literal('another_round', {
      error:
        "must be another_round: the Party's election regulation breaks a tie by another round, not by age",
    }),
  })
  .refine((e) => e.surplusMin <= e.surplusMax && e.surplusMax <= e.surplusCap, {
    message: 'need surplusMin ≤ surplusMax ≤ surplusCap',
  });

const personnel = z.object({
  keyCadresQuorum: share,
  stepApproval: share,
  tracks: z.object({ reelection: stepList, firstTime: stepList }),
});

const text = z.string().trim().min(1).max(500);
const provenance = z.union([
  z
    .object({ source: z.object({ document: text, article: text, url: z.url().optional() }).strict() })
    .strict(),
  z.object({ basis: z.literal('local-policy'), setBy: text }).strict(),
]);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'month-day is MM-DD');

/** Levels must be distinct and in the canonical top-down order of LEVELS. */
function isTopDown(levels: Level[]): boolean {
  const ranks = levels.map((l) => LEVELS.indexOf(l));
  return ranks.every((rank, i) => i === 0 || rank > (ranks[i - 1] ?? -1));
}

/**
 * Validates a rule set, e.g. an override a deployment loads from JSON. Beyond field types it checks
 * that levels run top-down and that deadlines, labels and congress lengths name only levels of the term.
 */
export const ruleSetSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    directive: z.string().min(1),
    term: z.object({ from: isoDate, to: isoDate }),
    levels: z.array(level).min(1).refine(isTopDown, 'levels must be distinct and top-down'),
    levelLabels: z.partialRecord(level, label).optional(),
    calendar: z
      .object({
        extraHolidays: z.array(isoDate).optional(),
        extraWorkingDays: z.array(isoDate).optional(),
        recurringHolidays: z
          .array(z.object({ monthDay, fromYear: z.number().int().min(1900).max(2100) }).strict())
          .optional(),
      })
      .strict()
      .optional(),
    congressDeadlines: z.partialRecord(level, isoDate),
    clocks,
    maxCongressDays: z.partialRecord(level, z.number().int().min(1).max(30)),
    variants: z.object({ threeContent: z.boolean(), twoContent: z.boolean() }),
    postponement: z.object({
      cellMonths: z.number().int().min(0).max(24),
      otherMonths: z.number().int().min(0).max(24),
    }),
    subordinateThreshold: share,
    alerts: z.object({
      remindersBefore: z.array(workingDays),
      escalationsAfter: z.tuple([workingDays, workingDays, workingDays]),
    }),
    election,
    personnel,
    provenance: z.record(z.string(), provenance),
  })
  .superRefine((rules, ctx) => {
    for (const id of Object.keys(rules.provenance)) {
      if (!isRuleId(id))
        ctx.addIssue({ code: 'custom', path: ['provenance', id], message: `unknown rule ${id}` });
    }
    for (const id of requiredRuleIds(rules)) {
      if (!Object.hasOwn(rules.provenance, id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['provenance', id],
          message: `${id} needs a source { document, article } or basis "local-policy" with setBy`,
        });
      }
    }
    if (rules.term.from > rules.term.to) {
      ctx.addIssue({ code: 'custom', path: ['term'], message: 'term.from must not be after term.to' });
    }
    for (const key of ['congressDeadlines', 'maxCongressDays', 'levelLabels'] as const) {
      for (const named of Object.keys(rules[key] ?? {})) {
        if (!rules.levels.includes(named as Level)) {
          ctx.addIssue({ code: 'custom', path: [key, named], message: `level ${named} is not in levels` });
        }
      }
    }
  }) satisfies z.ZodType<RuleSet>;
