/**
 * The normal path of a unit, step by step, with realistic payloads; `walkTo` drives a unit to the
 * state right after a named step, so each test starts where it needs to.
 */
import { defaultCalendar, toVietnamDate } from '../../../../machines/calendar/vn-calendar.js';
import type { UnitDriver } from './unit-driver.js';

export type StepName =
  | 'plan.submitted'
  | 'plan.approved'
  | 'bodies.formed'
  | 'documents.final'
  | 'personnel.approved'
  | 'subordinates.held'
  | 'review.submitted'
  | 'review.approved'
  | 'convening.date_proposed'
  | 'convening.date_approved'
  | 'convening.announced'
  | 'congress.opened'
  | 'congress.official_session_opened'
  | 'election.recorded'
  | 'congress.closed'
  | 'committee.first_meeting_held'
  | 'results.reported'
  | 'results.confirmed'
  | 'records.archived';

export const FIVE_STEPS = [
  'standing_committee_review',
  'key_cadres_conference',
  'committee_ballot',
  'standing_committee_vote',
  'committee_final_vote',
];

export function personnelStep(step: string, overrides: Record<string, unknown> = {}) {
  return {
    track: 'reelection',
    step,
    summoned: 30,
    attended: 27,
    votes: [
      { candidateId: 'nguyen-van-a', votes: 25 },
      { candidateId: 'tran-thi-b', votes: 19 },
    ],
    ...overrides,
  };
}

/** The official session of a congress: 11 summoned, 10 present (a member congress for a cell). */
export function attendance(overrides: Record<string, unknown> = {}) {
  return { congressKind: 'delegate', summoned: 11, present: 10, ...overrides };
}

/** The list of an election, every candidate put forward by the convening committee. */
export function listSet(
  election: string,
  seats: number,
  candidates: string[],
  extra: Record<string, unknown> = {},
) {
  const nominations = candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
  return { election, seats, candidates, nominations, ...extra };
}

export const COMMITTEE_CANDIDATES = ['nguyen-van-a', 'tran-thi-b', 'le-van-c', 'pham-thi-d'];

/** Ten ballots, all valid, as a counting committee reports them. */
export function ballots(valid = 10, overrides: Record<string, unknown> = {}) {
  return { issued: valid, collected: valid, valid, invalid: 0, ...overrides };
}

/** One committee round where the intended secretary and two others fill three seats. */
export function electionRound(overrides: Record<string, unknown> = {}) {
  return {
    election: 'committee',
    round: 1,
    exclusions: [],
    ballots: ballots(),
    votes: [
      { candidateId: 'nguyen-van-a', votes: 10 },
      { candidateId: 'tran-thi-b', votes: 8 },
      { candidateId: 'le-van-c', votes: 7 },
      { candidateId: 'pham-thi-d', votes: 3 },
    ],
    keyPostCandidateIds: ['nguyen-van-a'],
    ...overrides,
  };
}

/** Round 1 where the intended secretary (nguyen-van-a) gets 5 of 11 votes: not elected, so the election pauses. */
export const keyPostFails = electionRound({
  votes: [
    { candidateId: 'nguyen-van-a', votes: 5 },
    { candidateId: 'tran-thi-b', votes: 8 },
    { candidateId: 'le-van-c', votes: 7 },
    { candidateId: 'pham-thi-d', votes: 3 },
  ],
});

/** Two rounds that elect nobody, the congress decides to go on with one more name, and a third fills the seats. */
export function shortRoundsThenContinue(d: UnitDriver): void {
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  const nobody = COMMITTEE_CANDIDATES.map((candidateId) => ({ candidateId, votes: 4 }));
  d.send('election.recorded', electionRound({ votes: nobody, keyPostCandidateIds: [] }), { at: d.at });
  d.send('election.recorded', electionRound({ round: 2, votes: nobody, keyPostCandidateIds: [] }), {
    at: d.at,
  });
  const more = { decision: 'continue', addCandidates: ['vo-van-e'], reason: 'bổ sung nhân sự' };
  d.send('election.continuation_decided', { election: 'committee', ...more }, { at: d.at });
  d.send('election.recorded', electionRound({ round: 3 }), { at: d.at });
}

/** A single post elected by 3 of 3 committee members (or 10 of 11 at a small cell's congress). */
export function singlePostRound(
  election: string,
  firstMeeting: boolean,
  overrides: Record<string, unknown> = {},
) {
  const electorate = firstMeeting ? { summoned: 3, present: 3 } : {};
  const valid = firstMeeting ? 3 : 10;
  return {
    election,
    round: 1,
    ...electorate,
    exclusions: [],
    ballots: ballots(valid),
    votes: [{ candidateId: 'nguyen-van-a', votes: valid }],
    ...overrides,
  };
}

/** The congress's own election: the committee, or the secretary of a cell under 9 full members. */
export function holdCongressElection(d: UnitDriver): void {
  if (secretaryOnly(d)) {
    d.send('election.list_set', listSet('secretary', 1, ['nguyen-van-a']), { at: d.at });
    d.send('election.recorded', singlePostRound('secretary', false), { at: d.at });
    return;
  }
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  d.send('election.recorded', electionRound(), { at: d.at });
}

/** The first meeting: the new committee elects its secretary, then the meeting is recorded as held. */
export function holdFirstMeeting(d: UnitDriver): void {
  d.send('election.list_set', listSet('secretary', 1, ['nguyen-van-a']), { at: d.at });
  d.send('election.recorded', singlePostRound('secretary', true), { at: d.at });
  d.send('committee.first_meeting_held', {}, { at: d.at });
}

function documents(d: UnitDriver, subordinates: string[]) {
  d.send('documents.draft_recorded', { draft: 1, title: 'Báo cáo chính trị, dự thảo 1' });
  if (subordinates.length > 0) {
    d.send('consultation.sent', { draft: 1 });
    for (const unitId of subordinates) d.send('consultation.reply_recorded', { unitId, comments: 4 });
  }
  d.send('documents.submitted');
  d.send('documents.approved');
}

function personnel(d: UnitDriver, isCell: boolean) {
  if (!isCell) for (const step of FIVE_STEPS) d.send('personnel.step_recorded', personnelStep(step));
  d.send('personnel.plan_submitted');
  d.send('personnel.plan_approved');
}

/** Opening date far enough ahead for the 30-working-day notice and the 45-working-day review lead. */
export function openingDateAfter(iso: string, workingDays = 50): string {
  return defaultCalendar.addWorkingDays(toVietnamDate(iso), workingDays);
}

type Action = (d: UnitDriver) => void;

function steps(d: UnitDriver): [StepName, Action][] {
  const ctx = d.context as { subordinateIds: string[]; level: string };
  const subs = ctx.subordinateIds;
  const isCell = ctx.level === 'cell';
  return [
    ['plan.submitted', () => d.send('plan.submitted', { reference: '155-KH/ĐU' })],
    ['plan.approved', () => d.send('plan.approved')],
    ['bodies.formed', () => isCell || d.send('bodies.formed', bodies())],
    ['documents.final', () => documents(d, subs)],
    ['personnel.approved', () => personnel(d, isCell)],
    [
      'subordinates.held',
      () => subs.forEach((childId, i) => d.send('subordinate.congress_held', { childId, childSeq: 40 + i })),
    ],
    ['review.submitted', () => d.send('review.submitted')],
    ['review.approved', () => d.send('review.approved')],
    [
      'convening.date_proposed',
      () => d.send('convening.date_proposed', { openingDate: openingDateAfter(d.at) }),
    ],
    ['convening.date_approved', () => d.send('convening.date_approved')],
    [
      'convening.announced',
      () =>
        d.send('convening.announced', {
          openingDate: (d.context as { openingDate: string }).openingDate,
          delegateAllocations: Object.fromEntries(subs.map((id) => [id, 5])),
        }),
    ],
    ['congress.opened', () => d.send('congress.opened', {}, { at: openingInstant(d) })],
    [
      'congress.official_session_opened',
      () =>
        d.send('congress.official_session_opened', attendance(isCell ? { congressKind: 'member' } : {}), {
          at: d.at,
        }),
    ],
    ['election.recorded', () => holdCongressElection(d)],
    ['congress.closed', () => d.send('congress.closed', { resolution: 'Nghị quyết đại hội' }, { at: d.at })],
    [
      'committee.first_meeting_held',
      () => d.context.congressClosedAt && !secretaryOnly(d) && holdFirstMeeting(d),
    ],
    ['results.reported', () => d.send('results.reported')],
    ['results.confirmed', () => d.send('results.confirmed')],
    ['records.archived', () => d.send('records.archived')],
  ];
}

function bodies() {
  return {
    subcommittees: ['documents', 'personnel', 'organisation'],
    workingGroups: 3,
    inspectionDelegations: 1,
  };
}

function openingInstant(d: UnitDriver): string {
  const date = (d.context as { openingDate: string }).openingDate;
  return `${date}T01:00:00.000Z`;
}

function secretaryOnly(d: UnitDriver): boolean {
  const ctx = d.context as { level: string; memberCount: number; fullMemberCount?: number };
  return ctx.level === 'cell' && (ctx.fullMemberCount ?? ctx.memberCount) < 9;
}

/** Drives the unit along the normal path until `target` has been done (inclusive). */
export function walkTo(d: UnitDriver, target: StepName): UnitDriver {
  const list = steps(d);
  const end = list.findIndex(([name]) => name === target);
  if (end < d.position) throw new Error(`the unit is already past ${target}`);
  for (; d.position <= end; d.position += 1) list[d.position]?.[1](d);
  return d;
}

/** Marks a step of the normal path as done by the test itself (walkTo will not repeat it). */
export function skipStep(d: UnitDriver, name: StepName): void {
  const index = steps(d).findIndex(([step]) => step === name);
  if (index !== d.position) throw new Error(`the next step is not ${name}`);
  d.position += 1;
}
