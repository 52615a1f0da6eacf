/**
 * Cells whose results wait for the superior's confirmation (chuẩn y), set up through the engine so the
 * browser is used only for the bulk job itself: each cell runs the scripted procedure to its congress
 * closing and its secretary reports the results; one more cell holds its congress but has not reported.
 */
import { defaultCalendar } from '../../machines/calendar/vn-calendar.js';
import type { Alert } from '../../src/alerts/alert.schema.js';
import type { Engine } from '../../src/engine/engine.types.js';
import { principals } from '../support/builders.js';
import { driveUnitToCongressHeld, mapLimit, vnTime } from '../support/drive.js';

/** The day every cell holds its congress (cells go first, DOMAIN.md §2). */
export const HELD_ON = '2020-03-20';
/** The day the secretaries report: two working days after closing, inside the 7-day report clock. */
export const REPORTED_ON = defaultCalendar.addWorkingDays(HELD_ON, 2);
/** The day the superior confirms: four working days after the report, inside the 15-day confirmation clock. */
export const CONFIRMED_ON = defaultCalendar.addWorkingDays(REPORTED_ON, 4);

/**
 * Drives `reported` to "results reported" and `unreported` only to its congress closing, four cells at a
 * time (the parent's cascade serialises on the parent anyway).
 */
export async function cellsAwaitingConfirmation(
  engine: Engine,
  reported: readonly string[],
  unreported: string,
): Promise<void> {
  await mapLimit([...reported, unreported], 4, async (unitId) => {
    await driveUnitToCongressHeld(engine, unitId, HELD_ON);
    if (unitId === unreported) return;
    const report = { type: 'results.reported', payload: {}, at: vnTime(REPORTED_ON, 9) };
    await engine.dispatch(unitId, report, principals.secretaryOf(unitId));
  });
}

/**
 * The reminder the superior's standing committee (`sc:<parent>`) gets before a cell's confirmation
 * falls due; `kind` and `owner` as the deadline pipeline names the confirmation clock.
 */
export function confirmationReminder(unitId: string, parentId: string): Alert {
  const at = vnTime(REPORTED_ON, 17);
  return {
    id: `reminder-${unitId}`,
    type: 'reminder',
    unitId,
    deadline: {
      kind: 'confirmation.due',
      step: 'confirmation',
      enteredSeq: 0,
      owner: 'superior',
      dueAt: new Date(vnTime(defaultCalendar.addWorkingDays(REPORTED_ON, 15), 23)).toISOString(),
    },
    recipients: [`sc:${parentId}`],
    fireAt: new Date(at).toISOString(),
    createdAt: new Date(at).toISOString(),
  };
}
