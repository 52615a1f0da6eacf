/**
 * The events the statechart receives, derived from the payload schemas: one member per catalogue
 * type, its payload typed as its schema parses it. A guard or update reads a payload only through
 * `payloadFor`, so changing a schema fails to compile wherever a field it drops or retypes is read.
 */
import type { z } from 'zod';
import type { EventEnvelope } from '../domain.js';
import type { CongressEventType, PayloadSchemas } from './event-catalogue.js';

export type { CongressEventType } from './event-catalogue.js';

/** The payload of a `type` event once its schema has parsed it (defaults filled, strings trimmed). */
export type PayloadOf<K extends CongressEventType> = z.output<PayloadSchemas[K]>;

/** The event of type `K`, as the machine receives it. */
export type CongressEventOf<K extends CongressEventType> = EventEnvelope & { type: K; payload: PayloadOf<K> };

/** The discriminated union of every event the machine accepts, keyed by `type`. */
export type CongressEvent = { [K in CongressEventType]: CongressEventOf<K> }[CongressEventType];

function isOfType<K extends CongressEventType>(
  event: { type: string; payload: unknown },
  type: K,
): event is CongressEventOf<K> {
  return event.type === type;
}

/**
 * The payload of `event`, typed by the schema of `type`. Guards and updates are wired to one event
 * type each in the state tree; one that receives another type is a wiring bug, so this throws
 * rather than read fields that are not there.
 */
export function payloadFor<K extends CongressEventType>(event: CongressEvent, type: K): PayloadOf<K> {
  if (!isOfType(event, type)) throw new Error(`expected a ${type} event, got ${event.type}`);
  return event.payload;
}
