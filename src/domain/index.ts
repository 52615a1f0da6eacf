/**
 * The shared words of the product, below the engine: what a unit, a principal and a history entry
 * are. Everything above (engine, store, alerts, API, CLI, workers) speaks in these terms.
 */
export type { OrgUnit, ClosedStatus, ImportRowError } from './org-unit.js';
export { SYSTEM_PRINCIPAL, type Principal, type PrincipalRole } from './principal.js';
export type { ActorKind, EntryCorrection, HistoryEntry, RecordActor } from './history-entry.js';
export { unitIdSchema } from './unit-id.js';
