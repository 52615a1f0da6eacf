/**
 * Drives the demo district to the day of the source report (16/6/2020, DOMAIN.md §7): every cell has
 * held its congress and had its results confirmed; 81 of the 82 base organisations have
 * held theirs (wards 21/21 by 13/6, other blocks 60/61) and been confirmed; one agency is still
 * preparing, flagged as difficult; the district has prepared its documents (81 units discussed its
 * draft) and personnel, and cannot ask for review while the straggler blocks it.
 */
import { defaultCalendar } from '../../machines/calendar/vn-calendar.js';
import type { Engine } from '../engine/engine.types.js';
import type { OrgUnit } from '../domain/index.js';
import {
  drivePreparation,
  driveTarget,
  driveUnitToCongressHeld,
  mapLimit,
  procedurePlan,
  sendAll,
  vnTime,
  type DriveTarget,
  type PlannedEvent,
  type ProcedureActors,
} from './procedure-driver.js';

export const REPORT_DAY = '2020-06-16';
// Cells held in March, on time for the term's cell deadline (31/3/2020); all 834 by the report's 20/5.
const CELL_DAYS = [
  '2020-03-09',
  '2020-03-12',
  '2020-03-16',
  '2020-03-19',
  '2020-03-23',
  '2020-03-26',
  '2020-03-30',
];
const WARD_DAYS = ['2020-06-08', '2020-06-09', '2020-06-10', '2020-06-11', '2020-06-12', '2020-06-13'];
const OTHER_DAYS = ['2020-05-27', '2020-06-01', '2020-06-05', '2020-06-15', '2020-06-16'];
const DISTRICT_CONGRESS = '2020-07-21';

/** The straggler: an agency with cells (all held), as in the report's 60/61 other units. */
export function demoStraggler(units: readonly OrgUnit[]): OrgUnit {
  const straggler = units.find(
    (u) => u.level === 'base' && u.block === 'agencies' && units.some((c) => c.parentId === u.id),
  );
  if (!straggler) throw new Error('the demo tree has no agency base unit with cells');
  return straggler;
}

/** After the congress closed on `heldOn`: first meeting if the unit has one, report, confirmation, archive. */
async function completeAfterCongress(
  engine: Engine,
  unitId: string,
  heldOn: string,
  actors: ProcedureActors,
): Promise<void> {
  const target = await driveTarget(engine, unitId, actors);
  const day = (n: number) => vnTime(defaultCalendar.addWorkingDays(heldOn, n), 9);
  const view = await engine.getUnit(unitId, actors.reader);
  const steps = [
    ...(view.phase === 'first_meeting' ? [{ type: 'committee.first_meeting_held', at: day(0) }] : []),
    { type: 'results.reported', at: day(2) },
  ];
  await sendAll(
    engine,
    target,
    steps.map((s) => ({ ...s, payload: {}, by: 'secretary' as const })),
  );
  await sendAll(engine, target, [
    { type: 'results.confirmed', payload: {}, at: day(6), by: 'superior' },
    { type: 'records.archived', payload: {}, at: day(7), by: 'secretary' },
  ]);
}

async function holdAndComplete(engine: Engine, unit: OrgUnit, heldOn: string, actors: ProcedureActors) {
  await driveUnitToCongressHeld(engine, unit.id, heldOn, actors);
  await completeAfterCongress(engine, unit.id, heldOn, actors);
}

/**
 * The district: plan, bodies, its draft political report discussed by every unit but the straggler
 * (so the consultation is still open), and the five-step personnel procedure through to the approved plan.
 */
async function prepareDistrict(
  engine: Engine,
  district: OrgUnit,
  straggler: OrgUnit,
  actors: ProcedureActors,
) {
  const target: DriveTarget = await driveTarget(engine, district.id, actors);
  const { preparation } = procedurePlan(target, DISTRICT_CONGRESS);
  // Documents go to the superior only once the consultation closes, which waits for the straggler.
  const notYet = (e: PlannedEvent) =>
    (e.type === 'consultation.reply_recorded' && e.payload.unitId === straggler.id) ||
    e.type === 'documents.submitted' ||
    e.type === 'documents.approved';
  await sendAll(
    engine,
    target,
    preparation.filter((e) => !notYet(e)),
  );
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
  const cells = units.filter((u) => u.level === 'cell');
  const straggler = demoStraggler(units);
  const bases = units.filter((u) => u.level === 'base' && u.id !== straggler.id);
  const indexed = <T>(items: T[]) => items.map((item, i) => [item, i] as const);
  await mapLimit(indexed(cells), 16, ([c, i]) =>
    holdAndComplete(engine, c, CELL_DAYS[i % CELL_DAYS.length]!, actors),
  );
  await mapLimit(indexed(bases), 16, ([b, i]) => {
    const days = b.block === 'ward' ? WARD_DAYS : OTHER_DAYS;
    return holdAndComplete(engine, b, days[i % days.length]!, actors);
  });
  await drivePreparation(engine, straggler.id, '2020-06-30', actors);
  const parent = straggler.parentId ?? straggler.id;
  await engine.dispatch(
    straggler.id,
    {
      type: 'unit.flagged_difficult',
      payload: { reason: 'Đang kiện toàn cấp uỷ' },
      at: vnTime(REPORT_DAY, 10),
    },
    actors.committeeOf(parent),
  );
  const district = units.find((u) => u.id === parent);
  if (district) await prepareDistrict(engine, district, straggler, actors);
  return { held: cells.length + bases.length, straggler: straggler.id };
}
