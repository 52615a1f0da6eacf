/**
 * Replays a unit's stored events one after another, keeping XState's machine snapshot from one
 * event to the next. `applyEvent` turns every result into the persisted JSON form and derives the
 * phase and the effects; a replay reads none of that until its end, so here the persisted form is
 * made only when asked for. Each event is accepted or refused exactly as `applyEvent` would.
 */
import type { PersistedCongressSnapshot, Phase, UnitInput } from '../api.types.js';
import type { UncheckedEvent } from '../domain.js';
import { machineFor, migrateSnapshot } from './machine-registry.js';
import { createInitialSnapshot, type Refusal, stepMachine } from './apply-event.js';
import { phaseOfValue } from './phase.js';
import { type CongressSnapshot, fromPersisted, toPersisted } from './snapshot-codec.js';

/** A replay in progress; see `startReplay`. */
export class Replayer {
  /** The current state in persisted form; null while only the machine snapshot is up to date. */
  #persisted: PersistedCongressSnapshot | null;
  /** The current machine snapshot; null until the first event needs it. */
  #state: CongressSnapshot | null = null;
  #machineVersion: number;

  constructor(start: PersistedCongressSnapshot) {
    this.#persisted = start;
    this.#machineVersion = start.machineVersion;
  }

  /** Machine version of the current state. */
  get machineVersion(): number {
    return this.#machineVersion;
  }

  /** Applies one event with the current state's machine; a refusal leaves the state as it was. */
  apply(event: UncheckedEvent): { ok: true } | Refusal {
    const machine = machineFor(this.#machineVersion);
    const state = this.#state ?? fromPersisted(machine, this.#persisted!);
    const stepped = stepMachine(machine, state, event, this.#machineVersion);
    if (!stepped.ok) return stepped;
    this.#state = stepped.next;
    this.#persisted = null;
    return { ok: true };
  }

  /** Lifts the state to the current machine version, as `migrateSnapshot` does. */
  migrate(): void {
    const lifted = migrateSnapshot(this.snapshot());
    this.#persisted = lifted;
    this.#state = null;
    this.#machineVersion = lifted.machineVersion;
  }

  /** The current state in persisted form, as `applyEvent` would have returned it. */
  snapshot(): PersistedCongressSnapshot {
    this.#persisted ??= toPersisted(this.#state!, this.#machineVersion);
    return this.#persisted;
  }

  /** The phase of the current state. */
  phase(): Phase {
    return phaseOfValue(this.snapshot().value);
  }
}

/**
 * A replay from a unit's creation input, before its first event, under machine `version` (default:
 * the current one; a log starts under the version its first event was recorded with).
 */
export function startReplay(input: UnitInput, version?: number): Replayer {
  return new Replayer(createInitialSnapshot(input, version));
}
