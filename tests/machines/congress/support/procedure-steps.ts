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

/** One election round where the intended secretary and two others fill three seats. */
export function electionRound(overrides: Record<string, unknown> = {}) {
  return {
    round: 1,
    summoned: 11,
    exclusions: [],
    seats: 3,
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
    ['congress.official_session_opened', () => d.send('congress.official_session_opened', {}, { at: d.at })],
    ['election.recorded', () => d.send('election.recorded', electionRound(), { at: d.at })],
    ['congress.closed', () => d.send('congress.closed', { resolution: 'Nghị quyết đại hội' }, { at: d.at })],
    [
      'committee.first_meeting_held',
      () => d.context.congressClosedAt && !secretaryOnly(d) && d.send('committee.first_meeting_held'),
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
  const ctx = d.context as { level: string; memberCount: number };
  return ctx.level === 'cell' && ctx.memberCount < 9;
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
