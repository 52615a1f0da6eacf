/**
 * Test builders: realistic unit inputs and events, and a driver that walks a unit through the
 * procedure with a business clock that moves one day per event unless told otherwise.
 */
import type {
  PersistedCongressSnapshot,
  TransitionOutcome,
  UnitInput,
} from '../../../../machines/api.types.js';
import { checkEvent } from '../../../../machines/congress/apply-event.js';
import type { EventActor, UncheckedEvent } from '../../../../machines/domain.js';
import type { CongressEvent } from '../../../../machines/events/congress-event.js';
import { applyEvent, createInitialSnapshot, EVENT_CATALOGUE } from '../../../../machines/index.js';

export const OPENED_AT = '2020-01-02T02:00:00.000Z';

export function buildUnit(overrides: Partial<UnitInput> = {}): UnitInput {
  return {
    unitId: 'base-1',
    level: 'base',
    block: 'ward',
    memberCount: 120,
    ruleSetId: '2020-2025',
    subordinateIds: ['cell-1', 'cell-2', 'cell-3'],
    openedAt: OPENED_AT,
    ...overrides,
  };
}

export function buildCell(overrides: Partial<UnitInput> = {}): UnitInput {
  return buildUnit({ unitId: 'cell-1', level: 'cell', memberCount: 7, subordinateIds: [], ...overrides });
}

/** The role an event's sender normally has: the first role the catalogue allows. */
export function defaultActor(type: string): EventActor {
  const role = EVENT_CATALOGUE[type]?.roles[0] ?? 'secretary';
  return { id: `${role}-1`, role };
}

export function buildEvent(
  type: string,
  payload: Record<string, unknown> = {},
  overrides: Partial<UncheckedEvent> = {},
): UncheckedEvent {
  return { type, payload, at: OPENED_AT, seq: 1, actor: defaultActor(type), ...overrides };
}

/** `event` as the machine receives it (`checkEvent`); an event that does not validate fails the test. */
export function checked(event: UncheckedEvent): CongressEvent {
  const result = checkEvent(event);
  if (!result.ok) throw new Error(`${event.type} does not validate: ${JSON.stringify(result)}`);
  return result.event;
}

/** Adds `days` calendar days to an ISO instant. */
export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

export class UnitDriver {
  snapshot: PersistedCongressSnapshot;
  seq = 0;
  /** How many steps of the normal path `walkTo` has done. */
  position = 0;
  at: string;
  readonly outcomes: TransitionOutcome[] = [];
  /** Every accepted event, in order, as the log would hold them. */
  readonly accepted: UncheckedEvent[] = [];

  constructor(input: UnitInput = buildUnit()) {
    this.snapshot = createInitialSnapshot(input);
    this.at = input.openedAt;
  }

  /** Applies an event without asserting; the clock and seq advance only when it is accepted. */
  try(
    type: string,
    payload: Record<string, unknown> = {},
    overrides: Partial<UncheckedEvent> = {},
  ): TransitionOutcome {
    const at = overrides.at ?? plusDays(this.at, 1);
    const event = buildEvent(type, payload, { seq: this.seq + 1, at, ...overrides });
    const outcome = applyEvent(this.snapshot, event);
    if (outcome.ok) {
      this.accepted.push(event);
      this.snapshot = outcome.snapshot;
      this.seq += 1;
      this.at = at;
    }
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Applies an event that must be accepted; a refusal fails the test with the machine's reason. */
  send(type: string, payload: Record<string, unknown> = {}, overrides: Partial<UncheckedEvent> = {}) {
    const outcome = this.try(type, payload, overrides);
    if (!outcome.ok) throw new Error(`${type} refused (${outcome.code}): ${outcome.message}`);
    return outcome;
  }

  get context(): Record<string, unknown> {
    return this.snapshot.context;
  }
}
