/**
 * Zod schemas of every event payload. Objects are strict: an unknown field is a mistake the sender
 * must hear about, not something silently dropped.
 */
import { z } from 'zod';
import type { CONGRESS_KINDS } from '../rules/election-kinds.js';
import { ELECTION_KINDS } from '../rules/election-kinds.js';
import { EXCLUSION_CATEGORIES } from '../election/exclusions.js';

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
/** Names the irregularity by the seq of the entry that recorded it (GET /units/:id lists them). */
export const irregularityClosed = z.strictObject({ seq: z.number().int().positive(), note: freeText });

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

/** Machine versions 1–3: free-text exclusions and no ballots (their logs still replay with it). */
export const legacyElectionRecorded = z.strictObject({
  round: z.number().int().positive(),
  summoned: z.number().int().positive(),
  exclusions: z.array(z.strictObject({ reason, count })).default([]),
  seats: z.number().int().positive(),
  votes: votes.min(1),
  keyPostCandidateIds: z.array(unitId).default([]),
  tieBreak: z.array(unitId).optional(),
});

const election = z.enum(ELECTION_KINDS);
const positive = z.number().int().positive();

/** Attendance at the official session: full members (member congress) or official delegates summoned. */
export const officialSessionOpened = z
  .strictObject({
    congressKind: z.enum(['member', 'delegate']),
    summoned: positive,
    present: count,
  })
  .refine((p) => p.present <= p.summoned, { message: 'present must not exceed summoned', path: ['present'] });

const nomination = z.strictObject({
  candidateId: unitId,
  by: z.enum(['convening_committee', 'floor', 'self']),
  support: count.optional(),
});

/** The list of one election, voted before its first round. */
export const electionListSet = z
  .strictObject({
    election,
    seats: positive,
    /** Delegates only: alternates elected from the same list after the official seats. */
    alternateSeats: count.optional(),
    candidates: z
      .array(unitId)
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'candidates must not repeat'),
    nominations: z.array(nomination).min(1),
    /** Those present when the list was voted; needed for floor and self nominees' support. */
    present: count.optional(),
    /**
     * Delegates only: the seats the superior's convening announcement allocated to this unit. The
     * server fills it in from the superior's announcement, so the list's seats can be checked against it.
     */
    allocatedSeats: positive.optional(),
  })
  .refine((p) => p.alternateSeats === undefined || p.election === 'delegates', {
    message: 'only the delegates election has alternate seats',
    path: ['alternateSeats'],
  })
  .refine((p) => p.allocatedSeats === undefined || p.election === 'delegates', {
    message: 'only the delegates election has allocated seats',
    path: ['allocatedSeats'],
  });

/** One ballot round of one election, with the ballot count (biên bản kiểm phiếu). */
export const electionRecorded = z.strictObject({
  election,
  round: positive,
  /** At the first meeting, the committee members summoned and present; at the congress, the session's. */
  summoned: positive.optional(),
  present: count.optional(),
  exclusions: z
    .array(z.strictObject({ category: z.enum(EXCLUSION_CATEGORIES), count, note: freeText.optional() }))
    .default([]),
  ballots: z.strictObject({ issued: count, collected: count, valid: count, invalid: count }),
  votes: votes.min(1),
  /** The intended holder of a key post (secretary, inspection chair): if not elected, the election pauses. */
  keyPostCandidateIds: z.array(unitId).default([]),
});

/** After rounds that fill too few seats, the congress decides whether to go on (QĐ 244 Art. 20 §2). */
export const continuationDecided = z.strictObject({
  election,
  decision: z.enum(['continue', 'stop']),
  /** Names the congress adds to the next round's list. */
  addCandidates: z.array(unitId).optional(),
  reason,
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
export type LegacyElectionRecordedPayload = z.infer<typeof legacyElectionRecorded>;
export type CongressKindOfSession = (typeof CONGRESS_KINDS)[number];
export type PersonnelStepPayload = z.infer<typeof personnelStep>;
