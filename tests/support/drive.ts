/**
 * Event-driving helpers for tests: the product's scripted procedure (src/demo/procedure-driver.ts)
 * acting as the test principals of tests/support/builders.ts. Reused by engine, API and bench tests.
 */
import type { DispatchResult, Engine } from '../../src/engine/engine.types.js';
import * as driver from '../../src/demo/procedure-driver.js';
import type { DriveTarget } from '../../src/demo/procedure-driver.js';
import { principals } from './builders.js';

export {
  conveningDay,
  driveFromReviewToHeld,
  mapLimit,
  preparationDay,
  procedurePlan,
  sendPlanned,
  vnTime,
  type DriveTarget,
  type PlannedEvent,
} from '../../src/demo/procedure-driver.js';

const actors: driver.ProcedureActors = {
  reader: principals.admin,
  secretaryOf: principals.secretaryOf,
  committeeOf: principals.committeeOf,
};

/** Reads the unit (as admin) and the test principals that act on it. */
export function driveTarget(engine: Engine, unitId: string): Promise<DriveTarget> {
  return driver.driveTarget(engine, unitId, actors);
}

/** Takes a unit from its plan to the point where it may ask for the superior's review. */
export function drivePreparation(engine: Engine, unitId: string, heldOn: string): Promise<DriveTarget> {
  return driver.drivePreparation(engine, unitId, heldOn, actors);
}

/** Drives a unit whose subordinates are done (or that has none) until its congress is held on `heldOn`. */
export function driveUnitToCongressHeld(
  engine: Engine,
  unitId: string,
  heldOn: string,
): Promise<DispatchResult> {
  return driver.driveUnitToCongressHeld(engine, unitId, heldOn, actors);
}

/** The new committee's first meeting as the unit's secretary records it: the secretary's election, then the meeting. */
export async function holdFirstMeeting(engine: Engine, target: DriveTarget): Promise<void> {
  for (const [type, payload] of driver.firstMeetingSteps()) {
    await engine.dispatch(target.unit.id, { type, payload }, target.secretary);
  }
}
