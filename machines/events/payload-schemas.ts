/**
 * Zod schemas of every event payload. Objects are strict: an unknown field is a mistake the sender
 * must hear about, not something silently dropped. Each field carries its name in Vietnamese and
 * English (field-labels.ts), which the dashboard's generated forms show.
 */
import { z } from 'zod';
import type { CONGRESS_KINDS } from '../rules/election-kinds.js';
import { ELECTION_KINDS } from '../rules/election-kinds.js';
import { EXCLUSION_CATEGORIES } from '../election/exclusions.js';
import { ENUM_LABELS, labelled as l, labelledEnum } from './field-labels.js';

/** Free text (reasons, notes, summaries, resolutions): long enough for a paragraph, not a document. */
const freeText = z.string().trim().min(1).max(2_000, 'must be at most 2000 characters');
/** Names, references and identifiers: one line. */
const name = z.string().trim().min(1).max(200, 'must be at most 200 characters');

/** A decision that needs a reason carries a non-empty one (blank text is not a reason). */
export const reason = l(
  'reason',
  z.string().trim().min(1, 'a reason is required').max(2_000, 'must be at most 2000 characters'),
);
export const unitId = name;
export const isoDate = z.iso.date();
const count = z.number().int().nonnegative();

export const empty = z.strictObject({});
export const withReason = z.strictObject({ reason });
const note = l('note', freeText).optional();
export const withOptionalNote = z.strictObject({ note });
/** Names the irregularity by the seq of the entry that recorded it (GET /units/:id lists them). */
export const irregularityClosed = z.strictObject({
  seq: l('irregularitySeq', z.number().int().positive()),
  note: l('closingNote', freeText),
});

export const planSubmitted = z.strictObject({ reference: l('reference', name) });
export const pilotLessons = z.strictObject({
  conferenceDate: l('conferenceDate', isoDate),
  summary: l('summary', freeText),
});

export const bodiesFormed = z.strictObject({
  subcommittees: l(
    'subcommittees',
    z
      .array(labelledEnum(['documents', 'personnel', 'organisation', 'propaganda'], ENUM_LABELS.subcommittee))
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'subcommittees must not repeat'),
  ),
  workingGroups: l('workingGroups', count),
  inspectionDelegations: l('inspectionDelegations', count),
});

export const draftRecorded = z.strictObject({
  draft: l('draft', z.number().int().positive()),
  title: l('title', name),
});
export const consultationSent = z.strictObject({ draft: l('draft', z.number().int().positive()) });
export const consultationReply = z.strictObject({
  unitId: l('unitId', unitId),
  comments: l('comments', count).optional(),
});

const candidateId = l('candidateId', unitId);
const votes = l('votes', z.array(z.strictObject({ candidateId, votes: l('voteCount', count) })));

export const personnelStep = z.strictObject({
  track: l('track', labelledEnum(['reelection', 'firstTime'], ENUM_LABELS.track)),
  step: l('step', name),
  summoned: l('summoned', z.number().int().positive()),
  attended: l('attended', count),
  votes,
});

export const subordinateHeld = z.strictObject({
  childId: l('childId', unitId),
  childSeq: l('childSeq', count),
});
export const waiver = z.strictObject({ unitIds: l('unitIds', z.array(unitId).min(1)), reason });
export const subordinatesChanged = z
  .strictObject({ added: l('added', z.array(unitId)), removed: l('removed', z.array(unitId)) })
  .refine((p) => p.added.length + p.removed.length > 0, 'nothing added or removed');

const openingDate = l('openingDate', isoDate);
export const dateProposed = z.strictObject({
  openingDate,
  officialDelegates: l('officialDelegates', z.number().int().positive()).optional(),
});
/** Delegates allocated to each subordinate unit, whose congresses then elect them. */
export const conveningAnnounced = z.strictObject({
  openingDate,
  delegateAllocations: l('delegateAllocations', z.record(unitId, z.number().int().positive())),
});
/** Filled in by the engine: the straggler waivers the opening relied on, by log position. */
export const congressOpened = z.strictObject({
  waivers: l(
    'waivers',
    z.array(
      z.strictObject({
        seq: l('seq', z.number().int().positive()),
        unitIds: l('unitIds', z.array(unitId)),
      }),
    ),
  ).optional(),
});
export const superiorNotice = z.strictObject({
  superiorId: l('superiorId', unitId),
  superiorSeq: l('superiorSeq', count),
});
export const draftsDiscussed = z.strictObject({
  /** The national (Central Committee's) drafts, or the direct superior's. */
  drafts: l('drafts', labelledEnum(['national', 'superior'], ENUM_LABELS.drafts)),
  note,
});
export const annulled = z
  .strictObject({
    reason,
    scope: l('scope', labelledEnum(['all', 'posts'], ENUM_LABELS.annulScope)).default('all'),
    posts: l('posts', z.array(name).min(1)).optional(),
  })
  .refine((p) => (p.scope === 'posts') === (p.posts !== undefined), {
    message: 'name the annulled posts exactly when scope is "posts"',
    path: ['posts'],
  });
export const formChanged = z.strictObject({
  form: l('form', labelledEnum(['three_content', 'two_content'], ENUM_LABELS.form)),
  reason,
});

/** Machine versions 1–3: free-text exclusions and no ballots (their logs still replay with it). */
const positive = z.number().int().positive();
const round = l('round', positive);
const summoned = l('summoned', positive);
const present = l('present', count);
const keyPostCandidateIds = l('keyPostCandidateIds', z.array(unitId)).default([]);

export const legacyElectionRecorded = z.strictObject({
  round,
  summoned,
  exclusions: l('exclusions', z.array(z.strictObject({ reason, count: l('count', count) }))).default([]),
  seats: l('seats', positive),
  votes: votes.min(1),
  keyPostCandidateIds,
  tieBreak: l('tieBreak', z.array(unitId)).optional(),
});

const election = l('election', labelledEnum(ELECTION_KINDS, ENUM_LABELS.election));

/** Attendance at the official session: full members (member congress) or official delegates summoned. */
export const officialSessionOpened = z
  .strictObject({
    congressKind: l('congressKind', labelledEnum(['member', 'delegate'], ENUM_LABELS.congressKind)),
    summoned,
    present,
  })
  .refine((p) => p.present <= p.summoned, { message: 'present must not exceed summoned', path: ['present'] });

const nomination = z.strictObject({
  candidateId,
  by: l('by', labelledEnum(['convening_committee', 'floor', 'self'], ENUM_LABELS.nominatedBy)),
  support: l('support', count).optional(),
});

/** The list of one election, voted before its first round. */
export const electionListSet = z
  .strictObject({
    election,
    seats: l('seats', positive),
    /** Delegates only: alternates elected from the same list after the official seats. */
    alternateSeats: l('alternateSeats', count).optional(),
    candidates: l(
      'candidates',
      z
        .array(unitId)
        .min(1)
        .refine((list) => new Set(list).size === list.length, 'candidates must not repeat'),
    ),
    nominations: l('nominations', z.array(nomination).min(1)),
    /** Those present when the list was voted; needed for floor and self nominees' support. */
    present: present.optional(),
    /**
     * Delegates only: the seats the superior's convening announcement allocated to this unit. The
     * server fills it in from the superior's announcement, so the list's seats can be checked against it.
     */
    allocatedSeats: l('allocatedSeats', positive).optional(),
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
  round,
  /** At the first meeting, the committee members summoned and present; at the congress, the session's. */
  summoned: summoned.optional(),
  present: present.optional(),
  exclusions: l(
    'exclusions',
    z.array(
      z.strictObject({
        category: l('category', labelledEnum(EXCLUSION_CATEGORIES, ENUM_LABELS.exclusion)),
        count: l('count', count),
        note,
      }),
    ),
  ).default([]),
  ballots: l(
    'ballots',
    z.strictObject({
      issued: l('issued', count),
      collected: l('collected', count),
      valid: l('valid', count),
      invalid: l('invalid', count),
    }),
  ),
  votes: votes.min(1),
  /** The intended holder of a key post (secretary, inspection chair): if not elected, the election pauses. */
  keyPostCandidateIds,
});

/** After rounds that fill too few seats, the congress decides whether to go on (QĐ 244 Art. 20 §2). */
export const continuationDecided = z.strictObject({
  election,
  decision: l('decision', labelledEnum(['continue', 'stop'], ENUM_LABELS.continuation)),
  /** Names the congress adds to the next round's list. */
  addCandidates: l('addCandidates', z.array(unitId)).optional(),
  reason,
});

export const directionGiven = z.strictObject({
  /** Another round for the remaining seats, proceed with those elected, or drop the election (3-content). */
  decision: l('decision', labelledEnum(['another_round', 'proceed', 'three_content'], ENUM_LABELS.direction)),
  reason,
});
export const congressClosed = z.strictObject({ resolution: l('resolution', freeText) });
export const postponed = z.strictObject({ until: l('until', isoDate), reason });
export const committeeAppointed = z.strictObject({ decision: l('decision', freeText) });

export type ElectionRecordedPayload = z.infer<typeof electionRecorded>;
export type LegacyElectionRecordedPayload = z.infer<typeof legacyElectionRecorded>;
export type CongressKindOfSession = (typeof CONGRESS_KINDS)[number];
export type PersonnelStepPayload = z.infer<typeof personnelStep>;
