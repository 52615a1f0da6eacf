/**
 * Runs a pure transition with an inert actor scope built once per machine. XState's `transition()`
 * builds a throw-away actor on every call, which computes the machine's initial state each time;
 * on the append hot path that doubles the cost of an event. Our machines spawn nothing and run no
 * custom actions (every action is an `assign`), so one shared, inert scope is safe; the statechart
 * tests keep it so (docs/performance.md).
 */
import { type ActorScope, createActor } from 'xstate';
import type { UnitInput } from '../api.types.js';
import type { CongressEvent } from '../events/congress-event.js';
import type { CongressMachine } from './congress.machine.js';
import type { CongressSnapshot } from './snapshot-codec.js';

type CongressScope = ActorScope<CongressSnapshot, CongressEvent>;

const scopes = new WeakMap<CongressMachine, CongressScope>();

/** Only builds the scope's actor; its initial state needs some valid input. */
const SCOPE_INPUT = {
  unitId: 'scope',
  level: 'cell',
  block: '',
  memberCount: 0,
  ruleSetId: '2020-2025',
  subordinateIds: [],
  openedAt: '2020-01-01T00:00:00.000Z',
} as const;

function scopeFor(machine: CongressMachine): CongressScope {
  const known = scopes.get(machine);
  if (known) return known;
  const self = createActor(machine, { input: { ...SCOPE_INPUT, subordinateIds: [] } });
  const scope: CongressScope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: () => {},
  };
  scopes.set(machine, scope);
  return scope;
}

/**
 * The initial snapshot for `input`. XState's `initialTransition()` first builds a throw-away actor
 * whose own start runs the machine without input (and fails inside), then computes the state again.
 */
export function runInitialTransition(machine: CongressMachine, input: UnitInput): CongressSnapshot {
  return machine.getInitialSnapshot(scopeFor(machine), input);
}

/** The next snapshot; the same object when the event is not accepted. */
export function runTransition(
  machine: CongressMachine,
  state: CongressSnapshot,
  event: CongressEvent,
): CongressSnapshot {
  return machine.transition(state, event, scopeFor(machine));
}
