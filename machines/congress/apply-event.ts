/**
 * The pure transition function the engine calls: validate the payload, resolve the persisted
 * snapshot against its machine version, take the transition, and return the new JSON snapshot with
 * the effects the engine must perform. Time and order come only from the event (`at`, `seq`).
 */
import { z } from 'zod';
import type {
  AllowedEvent,
  MachineEffect,
  PersistedCongressSnapshot,
  TransitionOutcome,
  UnitInput,
} from '../api.types.js';
import type { UncheckedEvent } from '../domain.js';
import type { CongressEvent } from '../events/congress-event.js';
import { EVENT_CATALOGUE, payloadSchemaFor } from '../events/event-catalogue.js';
import { electionPayloadIssues } from './election.payload-checks.js';
import { MACHINE_VERSION, machineFor } from './machine-registry.js';
import type { CongressContext } from './congress.context.js';
import type { CongressMachine } from './congress.machine.js';
import { allowedEvents, describeValue, explain, guardErrorsFor } from './explain.js';
import { envelopeSchema, unitInputSchema } from './input-schemas.js';
import { runInitialTransition, runTransition } from './machine-runner.js';
import { phaseOfValue } from './phase.js';
import { type CongressSnapshot, fromPersisted, toPersisted } from './snapshot-codec.js';

/** A refused event: the reason and what is allowed instead. */
export type Refusal = Extract<TransitionOutcome, { ok: false }>;

/**
 * The snapshot a unit starts from under machine `version` (default: the current one); throws on an
 * invalid input (an import bug, not a user refusal). Replays of older logs start from the version
 * their first event was recorded under.
 */
export function createInitialSnapshot(
  input: UnitInput,
  version = MACHINE_VERSION,
): PersistedCongressSnapshot {
  const parsed = unitInputSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid unit input: ${z.prettifyError(parsed.error)}`);
  const machine = machineFor(version);
  return toPersisted(runInitialTransition(machine, parsed.data), version);
}

/** Applies one event; refusals are results with the reason and what is allowed instead. */
export function applyEvent(snapshot: PersistedCongressSnapshot, event: UncheckedEvent): TransitionOutcome {
  const machine = machineFor(snapshot.machineVersion);
  const state = fromPersisted(machine, snapshot);
  const stepped = stepMachine(machine, state, event, snapshot.machineVersion);
  if (!stepped.ok) return stepped;
  const next = stepped.next;
  return {
    ok: true,
    snapshot: toPersisted(next, snapshot.machineVersion),
    phase: phaseOfValue(next.value),
    effects: effectsOf(state.context, next.context, event.at),
  };
}

/**
 * The machine snapshot after `event`, or the refusal `applyEvent` returns for it: validation, the
 * transition and the refusal messages, without the persisted form, phase or effects.
 */
export function stepMachine(
  machine: CongressMachine,
  state: CongressSnapshot,
  event: UncheckedEvent,
  version = MACHINE_VERSION,
): { ok: true; next: CongressSnapshot } | Refusal {
  if (state.status === 'done')
    return refuse(state, 'not_allowed', 'the procedure is completed: no further events');
  const checked = checkEvent(event, version);
  if (!checked.ok) {
    if (!checked.issues) return refuse(state, 'unknown_event', `unknown event type "${event.type}"`);
    return invalid(state, event.type, checked.issues, checked.root);
  }
  const issues = version >= 4 ? electionPayloadIssues(state.context, checked.event) : [];
  if (issues.length > 0) return invalidIssues(state, event.type, issues);
  const next = runTransition(machine, state, checked.event);
  if (next === state) return notAllowed(state, checked.event);
  return { ok: true, next };
}

/** What `checkEvent` finds: the event as the machine receives it, or why it cannot be taken. */
export type EventCheck =
  | { ok: true; event: CongressEvent }
  | { ok: false; issues?: undefined }
  | { ok: false; issues: z.core.$ZodIssue[]; root: '' | 'payload' };

/**
 * The event as the machine receives it: a known type, the envelope (time, position, actor) checked
 * and the payload parsed by its schema as machine `version` records it (which may normalise it, e.g.
 * trim strings).
 */
export function checkEvent(event: UncheckedEvent, version = MACHINE_VERSION): EventCheck {
  const schema = Object.hasOwn(EVENT_CATALOGUE, event.type)
    ? payloadSchemaFor(event.type, version)
    : undefined;
  if (!schema) return { ok: false };
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) return { ok: false, issues: envelope.error.issues, root: '' };
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues, root: 'payload' };
  // The one place the union is formed: the payload was just parsed by the schema catalogued under
  // this very type, which the type checker cannot correlate through a string-keyed lookup.
  return { ok: true, event: { ...event, payload: parsed.data } as CongressEvent };
}

/** Every event type the current state handles, with whether it is accepted now and why not. */
export function listAllowedEvents(snapshot: PersistedCongressSnapshot): AllowedEvent[] {
  return allowedEvents(fromPersisted(machineFor(snapshot.machineVersion), snapshot));
}

function refuse(
  state: CongressSnapshot,
  code: 'unknown_event' | 'invalid_payload' | 'not_allowed',
  message: string,
) {
  return { ok: false as const, code, message, allowed: allowedEvents(state) };
}

/** Issues with dotted paths (`payload.votes.0.votes`), as the edges report them. */
function invalid(state: CongressSnapshot, type: string, zodIssues: z.core.$ZodIssue[], root: string) {
  const issues = zodIssues.map((i) => ({
    path: [...(root ? [root] : []), ...i.path.map(String)].join('.') || root,
    message: i.message,
  }));
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { ...refuse(state, 'invalid_payload', `invalid ${type} event: ${detail}`), issues };
}

/** Issues found against the context (`electionPayloadIssues`), answered like schema issues. */
function invalidIssues(state: CongressSnapshot, type: string, issues: { path: string; message: string }[]) {
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { ...refuse(state, 'invalid_payload', `invalid ${type} event: ${detail}`), issues };
}

/** A refusal of the machine, marked with the guards that threw, if any (the engine counts them). */
function notAllowed(state: CongressSnapshot, event: CongressEvent): Refusal {
  const refusal = refuse(state, 'not_allowed', notAllowedMessage(state, event));
  const errors = guardErrorsFor(state, event);
  if (errors.length === 0) return refusal;
  return { ...refusal, internal: errors.map(({ guard, message }) => ({ guard, message })) };
}

function notAllowedMessage(state: CongressSnapshot, event: CongressEvent): string {
  const where = describeValue(state.value);
  const reason = explain(state, event.type, event);
  const open = allowedEvents(state)
    .filter((a) => a.allowed)
    .map((a) => a.type);
  const why = reason ? `: ${reason}` : ` (the state does not handle it)`;
  return `${event.type} is not allowed in ${where}${why}. Allowed now: ${open.join(', ') || 'none'}`;
}

/**
 * What the engine does after the append: notify the parent (congress held, results confirmed, pilot
 * designated), notify the non-pilot subordinates (pilots chosen, their lessons recorded), and alert on
 * each new irregularity.
 */
function effectsOf(before: CongressContext, after: CongressContext, at: string): MachineEffect[] {
  const effects: MachineEffect[] = [];
  if (!before.congressHeldAt && after.congressHeldAt) {
    effects.push({ type: 'notify_parent', kind: 'congress_held', heldAt: after.congressHeldAt });
  }
  if (!before.confirmedAt && after.confirmedAt) {
    effects.push({ type: 'notify_parent', kind: 'results_confirmed', confirmedAt: after.confirmedAt });
  }
  if (!before.pilot && after.pilot) {
    effects.push({ type: 'notify_parent', kind: 'pilot_designated', designatedAt: at });
  }
  effects.push(...subordinateEffects(before, after, at), ...irregularityEffects(before, after));
  return effects;
}

function nonPilots(ctx: CongressContext): string[] {
  return ctx.subordinateIds.filter((id) => !(ctx.pilots ?? []).includes(id));
}

function subordinateEffects(before: CongressContext, after: CongressContext, at: string): MachineEffect[] {
  const effects: MachineEffect[] = [];
  const firstPilot = (before.pilots ?? []).length === 0 && (after.pilots ?? []).length > 0;
  if (firstPilot) {
    effects.push({ type: 'notify_subordinates', kind: 'pilots_designated', at, unitIds: nonPilots(after) });
  }
  if (!before.pilotLessons && after.pilotLessons) {
    effects.push({
      type: 'notify_subordinates',
      kind: 'pilot_lessons',
      at: after.pilotLessons.at,
      unitIds: nonPilots(after),
    });
  }
  return effects;
}

function irregularityEffects(before: CongressContext, after: CongressContext): MachineEffect[] {
  const known = before.irregularities?.length ?? 0;
  return (after.irregularities ?? [])
    .slice(known)
    .map(({ rule, occurredAt }) => ({ type: 'irregularity' as const, rule, occurredAt }));
}
