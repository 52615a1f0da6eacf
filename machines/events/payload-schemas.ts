/**
 * Zod schemas of every event payload. Objects are strict: an unknown field is a mistake the sender
 * must hear about, not something silently dropped.
 */
import { z } from 'zod';

/** Free text (reasons, notes, summaries, resolutions): long enough for a paragraph, not a document. */
const freeText = z.string().trim().min(1).max(2_000, 'must be at most 2000 characters');
/** Names, references and identifiers: one line. */
const name = z.string().trim().min(1).max(200, 'must be at most 200 characters');

/** A decision that needs a reason carries a non-empty one (blank text is not a reason). */
export const reason = z
  .string()
  .trim()
  .min(1, 'a reason is required')
  .max(2_000, 'must be at most 2000 characters');
export const unitId = name;
export const isoDate = z.iso.date();
const count = z.number().int().nonnegative();

export const empty = z.strictObject({});
export const withReason = z.strictObject({ reason });
export const withOptionalNote = z.strictObject({ note: freeText.optional() });

export const planSubmitted = z.strictObject({ reference: name });
export const pilotLessons = z.strictObject({ conferenceDate: isoDate, summary: freeText });

export const bodiesFormed = z.strictObject({
  subcommittees: z
    .array(z.enum(['documents', 'personnel', 'organisation', 'propaganda']))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'subcommittees must not repeat'),
  workingGroups: count,
  inspectionDelegations: count,
});

export const draftRecorded = z.strictObject({
  draft: z.number().int().positive(),
  title: name,
});
export const consultationSent = z.strictObject({ draft: z.number().int().positive() });
export const consultationReply = z.strictObject({ unitId, comments: count.optional() });

const votes = z.array(z.strictObject({ candidateId: unitId, votes: count }));

export const personnelStep = z.strictObject({
  track: z.enum(['reelection', 'firstTime']),
  step: name,
  summoned: z.number().int().positive(),
  attended: count,
  votes,
});

export const subordinateHeld = z.strictObject({ childId: unitId, childSeq: count });
export const waiver = z.strictObject({ unitIds: z.array(unitId).min(1), reason });
export const subordinatesChanged = z
  .strictObject({ added: z.array(unitId), removed: z.array(unitId) })
  .refine((p) => p.added.length + p.removed.length > 0, 'nothing added or removed');

export const dateProposed = z.strictObject({
  openingDate: isoDate,
  officialDelegates: z.number().int().positive().optional(),
});
/** Delegates allocated to each subordinate unit, whose congresses then elect them. */
export const conveningAnnounced = z.strictObject({
  openingDate: isoDate,
  delegateAllocations: z.record(unitId, z.number().int().positive()),
});
/** Filled in by the engine: the straggler waivers the opening relied on, by log position. */
export const congressOpened = z.strictObject({
  waivers: z.array(z.strictObject({ seq: z.number().int().positive(), unitIds: z.array(unitId) })).optional(),
});
export const superiorNotice = z.strictObject({ superiorId: unitId, superiorSeq: count });
export const draftsDiscussed = z.strictObject({
  /** The national (Central Committee's) drafts, or the direct superior's. */
  drafts: z.enum(['national', 'superior']),
  note: freeText.optional(),
});
export const annulled = z
  .strictObject({
    reason,
    scope: z.enum(['all', 'posts']).default('all'),
    posts: z.array(name).min(1).optional(),
  })
  .refine((p) => (p.scope === 'posts') === (p.posts !== undefined), {
    message: 'name the annulled posts exactly when scope is "posts"',
    path: ['posts'],
  });
export const formChanged = z.strictObject({ form: z.enum(['three_content', 'two_content']), reason });

export const electionRecorded = z.strictObject({
  round: z.number().int().positive(),
  summoned: z.number().int().positive(),
  exclusions: z.array(z.strictObject({ reason, count })).default([]),
  seats: z.number().int().positive(),
  votes: votes.min(1),
  keyPostCandidateIds: z.array(unitId).default([]),
  tieBreak: z.array(unitId).optional(),
});
export const directionGiven = z.strictObject({
  /** Another round for the remaining seats, proceed with those elected, or drop the election (3-content). */
  decision: z.enum(['another_round', 'proceed', 'three_content']),
  reason,
});
export const congressClosed = z.strictObject({ resolution: freeText });
export const postponed = z.strictObject({ until: isoDate, reason });
export const committeeAppointed = z.strictObject({ decision: freeText });

export type ElectionRecordedPayload = z.infer<typeof electionRecorded>;
export type PersonnelStepPayload = z.infer<typeof personnelStep>;
