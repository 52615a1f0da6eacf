import type { EventDefinition, Phase } from '../../machines/api.types.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';

/** The procedure's phases in the order a unit goes through them (DOMAIN.md §2), for the stepper. */
export const PROCEDURE_ORDER = [
  'plan',
  'bodies',
  'pilot',
  'preparation',
  'superior_review',
  'convening',
  'congress',
  'first_meeting',
  'report',
  'confirmation',
  'completed',
] as const satisfies readonly Phase[];

/** Phases off the main line: a unit sits in one of these instead of a step of the stepper. */
export const SIDE_PHASES = ['postponed', 'annulled'] as const satisfies readonly Phase[];

// Fails to compile if a phase is added to the contract without being placed on the stepper or aside.
type Unplaced = Exclude<Phase, (typeof PROCEDURE_ORDER)[number] | (typeof SIDE_PHASES)[number]>;
const everyPhasePlaced: [Unplaced] extends [never] ? true : Unplaced = true;

/** What the browser needs from the pure layer: bilingual event labels and the phase order. */
export interface DashboardCatalogue {
  events: Record<string, { vi: string; en: string; roles: string[] }>;
  procedure: readonly Phase[];
  sidePhases: readonly Phase[];
}

/**
 * Built from the machines' event catalogue so the dashboard never keeps its own copy of the labels
 * (a renamed or added event shows up without touching the browser code).
 */
export function buildDashboardCatalogue(
  catalogue: Record<string, EventDefinition> = EVENT_CATALOGUE,
): DashboardCatalogue {
  const events = Object.fromEntries(
    Object.values(catalogue).map((def) => [def.type, { ...def.label, roles: [...def.roles] }]),
  );
  return { events, procedure: everyPhasePlaced && PROCEDURE_ORDER, sidePhases: SIDE_PHASES };
}
