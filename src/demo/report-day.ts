/**
 * Drives the demo district to the day of the source report (16/6/2020, DOMAIN.md §7), on business
 * time: every event occurs on or before that day, in the order it happened, and is recorded as
 * backfilled (a loader of historical records wrote it).
 *
 * Then: every cell has held its congress, discussed the XIII Congress drafts (834/834) and had its
 * results confirmed; a pilot base unit held its congress on 27/5 and the district recorded the lessons
 * on 29/5, before the other base units opened; 81 of the 82 base organisations have held theirs (wards
 * 21/21 by 13/6, other blocks 60/61), each discussing the district's draft at its congress, those held
 * early enough reported and confirmed; one agency is still preparing, flagged as difficult, its own
 * congress announced for 20/7; the district (plan 19/7/2019 under the city's plan 155-KH/TU of 7/7/2019,
 * subcommittees in 1/2020 with 12 working groups and 4 inspection delegations) has its draft political
 * report discussed by 81 units, its personnel procedure finished on 12/6 for re-elected and first-time
 * candidates, and its congress of 21–23/7/2020 announced on 9/6 with the delegates allocated; it cannot
 * open while the straggler has neither held its congress nor been waived.
 */
import { defaultCalendar } from '../../machines/calendar/vn-calendar.js';
import type { Engine } from '../engine/engine.types.js';
import type { OrgUnit } from '../domain/index.js';
import { runChronicle, type ChronicleStep } from './chronicle.js';
import {
  firstMeetingSteps,
  driveTarget,
  mapLimit,
  procedurePlan,
  vnTime,
  type DriveTarget,
  type PlannedEvent,
  type ProcedureActors,
} from './procedure-driver.js';

export const REPORT_DAY = '2020-06-16';
/** The last instant of the report's day, Vietnam time. */
export const REPORT_DAY_END = `${REPORT_DAY}T23:59:59+07:00`;
// Cells held from late February to mid-March, on time for the term's cell deadline (31/3/2020) and
// before the earliest base unit's review (45 working days before its congress of 27/5).
const CELL_DAYS = [
  '2020-02-24',
  '2020-02-27',
  '2020-03-02',
  '2020-03-05',
  '2020-03-09',
  '2020-03-12',
  '2020-03-16',
];
const WARD_DAYS = ['2020-06-08', '2020-06-09', '2020-06-10', '2020-06-11', '2020-06-12', '2020-06-13'];
const OTHER_DAYS = ['2020-06-01', '2020-06-03', '2020-06-05', '2020-06-15', '2020-06-16'];
/** The pilot congress (đại hội điểm), its designation, and the district's lessons-learned conference. */
const PILOT = { designated: '2020-04-01', heldOn: '2020-05-27', lessons: '2020-05-29' };
export const DISTRICT_CONGRESS = '2020-07-21';
/** The convening committee announces the opening and the delegates 30 working days ahead. */
export const DISTRICT_ANNOUNCED = '2020-06-09';
/** The straggler had announced its own congress, for the day before the district's. */
export const STRAGGLER_CONGRESS = '2020-07-20';
const STRAGGLER_ANNOUNCED = '2020-06-05';

/** The straggler: an agency with cells (all held), as in the report's 60/61 other units. */
export function demoStraggler(units: readonly OrgUnit[]): OrgUnit {
  const straggler = units.find(
    (u) => u.level === 'base' && u.block === 'agencies' && units.some((c) => c.parentId === u.id),
  );
  if (!straggler) throw new Error('the demo tree has no agency base unit with cells');
  return straggler;
}

/** Schedules one unit's steps; each is sent as a backfilled entry. */
function stepsOf(engine: Engine, target: DriveTarget, events: readonly PlannedEvent[]): ChronicleStep[] {
  return events.map((event) => ({
    at: event.at,
    unitId: target.unit.id,
    run: () =>
      engine.dispatch(
        target.unit.id,
        { type: event.type, payload: event.payload, at: event.at },
        target[event.by],
        { backfilled: true },
      ),
  }));
}

/**
 * After the congress closed on `heldOn`: the first meeting when the unit has one (the machine
 * decides, so it is looked up when its day comes), the report, confirmation and archive, each only if
 * its day is not after the report's.
 */
function afterCongress(
  engine: Engine,
  target: DriveTarget,
  heldOn: string,
  reader: ProcedureActors['reader'],
) {
  const day = (n: number) => vnTime(defaultCalendar.addWorkingDays(heldOn, n), 9);
  // The same evening: the congress closes at 16:00 (procedurePlan).
  const evening = vnTime(heldOn, 17);
  const firstMeeting: ChronicleStep = {
    at: evening,
    unitId: target.unit.id,
    run: async () => {
      const view = await engine.getUnit(target.unit.id, reader);
      if (view.phase !== 'first_meeting') return;
      for (const [type, payload] of firstMeetingSteps()) {
        const event = { type, payload, at: evening };
        await engine.dispatch(target.unit.id, event, target.secretary, { backfilled: true });
      }
    },
  };
  const rest: PlannedEvent[] = [
    { type: 'results.reported', payload: {}, at: day(2), by: 'secretary' },
    { type: 'results.confirmed', payload: {}, at: day(6), by: 'superior' },
    { type: 'records.archived', payload: {}, at: day(7), by: 'secretary' },
  ];
  const steps = [firstMeeting, ...stepsOf(engine, target, rest)];
  return steps.filter((s) => Date.parse(s.at) <= Date.parse(REPORT_DAY_END));
}

/**
 * At its congress a cell discusses the national (XIII Congress) drafts, a base unit its district's
 * draft political report.
 */
function draftsDiscussed(target: DriveTarget, heldOn: string): PlannedEvent {
  const drafts = target.unit.level === 'cell' ? 'national' : 'superior';
  return {
    type: 'consultation.superior_drafts_discussed',
    payload: { drafts },
    at: vnTime(heldOn, 11),
    by: 'secretary',
  };
}

/** A unit's whole procedure up to its congress closing on `heldOn`, then what follows it. */
function heldOnSteps(engine: Engine, target: DriveTarget, heldOn: string, actors: ProcedureActors) {
  const { preparation, toHeld } = procedurePlan(target, heldOn);
  return [
    ...stepsOf(engine, target, [...preparation, ...toHeld, draftsDiscussed(target, heldOn)]),
    ...afterCongress(engine, target, heldOn, actors.reader),
  ];
}

const at = (date: string, hour: number) => vnTime(date, hour);

/**
 * The district's own steps: plan under the city's plan 155-KH/TU (7/7/2019), subcommittees, working
 * groups and inspection delegations in 1/2020, its draft sent down for comments, each base unit's
 * discussion recorded the day it held its congress, and the five-step personnel procedure finished
 * on 12/6/2020. Documents go to the superior only once the consultation closes (the straggler).
 */
function districtSteps(
  engine: Engine,
  district: DriveTarget,
  repliesOn: Map<string, string>,
): ChronicleStep[] {
  const by = { secretary: 'secretary', superior: 'superior' } as const;
  // Re-elected candidates first, then first-time candidates; the procedure finished on 12/6/2020.
  const personnelDays = ['2020-05-05', '2020-05-08', '2020-05-12', '2020-05-15', '2020-05-19'];
  const firstTimeDays = ['2020-05-22', '2020-05-29', '2020-06-05', '2020-06-10', '2020-06-12'];
  const reelection = procedurePlan(district, DISTRICT_CONGRESS).preparation.filter(
    (e) => e.type === 'personnel.step_recorded',
  );
  const personnel = [
    ...reelection.map((e, i): PlannedEvent => ({ ...e, at: at(personnelDays[i] ?? '2020-05-19', 14) })),
    ...reelection.map((e, i): PlannedEvent => ({
      ...e,
      payload: { ...e.payload, track: 'firstTime' },
      at: at(firstTimeDays[i] ?? '2020-06-12', 14),
    })),
  ];
  const delegateAllocations = Object.fromEntries(district.subordinateIds.map((id) => [id, 4]));
  const events: PlannedEvent[] = [
    {
      type: 'plan.submitted',
      payload: { reference: 'KH Đảng bộ quận Đống Đa, theo KH 155-KH/TU ngày 7/7/2019 của Thành uỷ' },
      at: at('2019-07-19', 8),
      by: by.secretary,
    },
    { type: 'plan.approved', payload: {}, at: at('2019-07-26', 9), by: by.superior },
    {
      type: 'bodies.formed',
      payload: {
        subcommittees: ['documents', 'personnel', 'organisation'],
        workingGroups: 12,
        inspectionDelegations: 4,
      },
      at: at('2020-01-15', 9),
      by: by.secretary,
    },
    {
      type: 'documents.draft_recorded',
      payload: { draft: 1, title: 'Báo cáo chính trị' },
      at: at('2020-03-02', 8),
      by: by.secretary,
    },
    // Sent down as the base congresses began; their discussions are recorded as replies, and the
    // consultation closes within the 10 working days the deployment gives for replies.
    { type: 'consultation.sent', payload: { draft: 1 }, at: at('2020-06-05', 9), by: by.secretary },
    {
      type: 'pilot.lessons_recorded',
      payload: { conferenceDate: PILOT.lessons, summary: 'Hội nghị rút kinh nghiệm đại hội điểm' },
      at: at(PILOT.lessons, 9),
      by: by.superior,
    },
    {
      type: 'convening.date_proposed',
      payload: { openingDate: DISTRICT_CONGRESS },
      at: at('2020-06-01', 9),
      by: by.secretary,
    },
    // The city's standing committee agrees the opening date.
    { type: 'convening.date_approved', payload: {}, at: at('2020-06-03', 9), by: by.superior },
    {
      type: 'convening.announced',
      payload: { openingDate: DISTRICT_CONGRESS, delegateAllocations },
      at: at(DISTRICT_ANNOUNCED, 9),
      by: by.secretary,
    },
    ...[...repliesOn].map(([unitId, day]): PlannedEvent => ({
      type: 'consultation.reply_recorded',
      payload: { unitId },
      // Discussions held before the draft was sent down are recorded the day it was sent.
      at: at(day < '2020-06-05' ? '2020-06-05' : day, 17),
      by: by.secretary,
    })),
    ...personnel,
    { type: 'personnel.plan_submitted', payload: {}, at: at('2020-06-12', 16), by: by.secretary },
    { type: 'personnel.plan_approved', payload: {}, at: at('2020-06-15', 9), by: by.superior },
  ];
  return stepsOf(engine, district, events);
}

/** The district's standing committee designates the pilot; the engine tells the other base units to wait. */
function pilotDesignation(engine: Engine, pilot: DriveTarget): ChronicleStep[] {
  const reason = 'Đại hội điểm của Đảng bộ quận';
  return stepsOf(engine, pilot, [
    { type: 'pilot.designated', payload: { reason }, at: at(PILOT.designated, 9), by: 'superior' },
  ]);
}

/** The straggler had its opening date agreed and announced, for the day before the district's congress. */
function stragglerConvening(target: DriveTarget): PlannedEvent[] {
  const allocations = Object.fromEntries(target.subordinateIds.map((id) => [id, 1]));
  return [
    {
      type: 'convening.date_proposed',
      payload: { openingDate: STRAGGLER_CONGRESS },
      at: at('2020-06-02', 9),
      by: 'secretary',
    },
    { type: 'convening.date_approved', payload: {}, at: at('2020-06-04', 9), by: 'superior' },
    {
      type: 'convening.announced',
      payload: { openingDate: STRAGGLER_CONGRESS, delegateAllocations: allocations },
      at: at(STRAGGLER_ANNOUNCED, 9),
      by: 'secretary',
    },
  ];
}

/**
 * Drives `units` (the demo district from `buildDongDaDistrict`) to the report's day. Returns the number
 * of units that held their congress and the straggler's id.
 */
export async function driveDemoToReportDay(
  engine: Engine,
  units: readonly OrgUnit[],
  actors: ProcedureActors,
): Promise<{ held: number; straggler: string }> {
  const straggler = demoStraggler(units);
  const districtId = straggler.parentId ?? straggler.id;
  const driven = units.filter((u) => u.level === 'cell' || u.level === 'base' || u.id === districtId);
  const targets = new Map(
    (await mapLimit(driven, 32, (u) => driveTarget(engine, u.id, actors))).map((t) => [t.unit.id, t]),
  );
  const steps: ChronicleStep[] = [];
  const repliesOn = new Map<string, string>();
  const cells = units.filter((u) => u.level === 'cell');
  const bases = units.filter((u) => u.level === 'base' && u.id !== straggler.id);
  cells.forEach((c, i) =>
    steps.push(...heldOnSteps(engine, targets.get(c.id)!, CELL_DAYS[i % CELL_DAYS.length]!, actors)),
  );
  const pilot = bases.find((b) => b.block !== 'ward' && b.parentId === districtId);
  bases.forEach((b, i) => {
    const days = b.block === 'ward' ? WARD_DAYS : OTHER_DAYS;
    const heldOn = b === pilot ? PILOT.heldOn : days[i % days.length]!;
    if (b.parentId === districtId) repliesOn.set(b.id, heldOn);
    steps.push(...heldOnSteps(engine, targets.get(b.id)!, heldOn, actors));
  });
  if (pilot) steps.push(...pilotDesignation(engine, targets.get(pilot.id)!));
  const stragglerTarget = targets.get(straggler.id)!;
  steps.push(...stepsOf(engine, stragglerTarget, procedurePlan(stragglerTarget, '2020-06-30').preparation));
  steps.push(...stepsOf(engine, stragglerTarget, stragglerConvening(stragglerTarget)));
  steps.push(
    ...stepsOf(engine, stragglerTarget, [
      {
        type: 'unit.flagged_difficult',
        payload: { reason: 'Đang kiện toàn cấp uỷ' },
        at: at(REPORT_DAY, 10),
        by: 'superior',
      },
    ]),
  );
  const district = targets.get(districtId);
  if (district) steps.push(...districtSteps(engine, district, repliesOn));
  await runChronicle(steps);
  return { held: cells.length + bases.length, straggler: straggler.id };
}
