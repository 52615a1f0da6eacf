import { PHASES, type EventDefinition, type Phase } from '../../machines/api.types.js';
import { z } from 'zod';
import { EVENT_CATALOGUE } from '../../machines/index.js';

/** Phases off the main line: a unit sits in one of these instead of a step of the stepper. */
export const SIDE_PHASES = ['postponed', 'annulled'] as const satisfies readonly Phase[];

/** The procedure's phases in the order a unit goes through them (DOMAIN.md §2), for the stepper. */
export const PROCEDURE_ORDER: readonly Phase[] = PHASES.filter(
  (phase) => !(SIDE_PHASES as readonly Phase[]).includes(phase),
);

/** The payload's JSON Schema as a sender fills it in (zod's own conversion, input side). */
function payloadJsonSchema(def: EventDefinition): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(def.schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return schema;
}

/** What the browser needs from the pure layer: bilingual event labels and the phase order. */
export interface DashboardCatalogue {
  /** Each event's labels, roles and payload JSON Schema (input side), from which the forms are drawn. */
  events: Record<string, { vi: string; en: string; roles: string[]; schema: Record<string, unknown> }>;
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
    Object.values(catalogue).map((def) => [
      def.type,
      { ...def.label, roles: [...def.roles], schema: payloadJsonSchema(def) },
    ]),
  );
  return { events, procedure: PROCEDURE_ORDER, sidePhases: SIDE_PHASES };
}
