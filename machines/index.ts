/**
 * The public surface of the pure layer (contract in api.types.ts): the congress statechart, its
 * event catalogue, phases, milestones, deadlines and machine versions.
 */
export { MACHINE_VERSION, MACHINES_BY_VERSION, migrateSnapshot } from './congress/machine-registry.js';
export { EVENT_CATALOGUE } from './events/event-catalogue.js';
export { applyEvent, createInitialSnapshot, listAllowedEvents } from './congress/apply-event.js';
export { Replayer, startReplay } from './congress/replayer.js';
export { milestonesOf, phaseOf } from './congress/phase.js';
export {
  carriedOverdue,
  deadlineMark,
  isAtRisk,
  openIrregularitiesAndComplaints,
  riskReasons,
  RISK_REASONS,
  type RiskReason,
} from './congress/at-risk.js';
export { deadlinesFor } from './deadlines/deadlines-for.js';
export { allocatedSeats, namedWaivers } from './congress/opening.checks.js';
