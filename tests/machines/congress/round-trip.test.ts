import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import { congressMachine } from '../../../machines/congress/congress.machine.js';
import { applyEvent, createInitialSnapshot } from '../../../machines/index.js';
import type { UncheckedEvent } from '../../../machines/domain.js';
import { fromPersisted } from '../../../machines/congress/snapshot-codec.js';
import { postponedProcedure } from './support/postponed-procedure.js';
import { checked } from './support/unit-driver.js';

function replay(from: PersistedCongressSnapshot, events: UncheckedEvent[]): PersistedCongressSnapshot {
  return events.reduce((snapshot, event) => {
    const outcome = applyEvent(snapshot, event);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.snapshot;
  }, from);
}

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('snapshots round-trip through JSON', () => {
  it('when a snapshot is restored from JSON at any point, including inside the parallel state and while postponed, then the procedure continues identically', () => {
    const { input, events, final } = postponedProcedure();
    const restoredAt = new Set<string>();
    let snapshot = createInitialSnapshot(input);
    for (let i = 0; i <= events.length; i++) {
      const resumed = replay(viaJson(snapshot), events.slice(i));
      expect(viaJson(resumed)).toEqual(viaJson(final));
      restoredAt.add(JSON.stringify(snapshot.value).slice(0, 40));
      if (i < events.length) snapshot = replay(snapshot, [events[i]!]);
    }
    expect([...restoredAt].some((v) => v.includes('preparation'))).toBe(true);
    expect(restoredAt.has('"postponed"')).toBe(true);
  });

  it('when the same events drive an interpreted XState actor, then value and context match the pure snapshots', () => {
    const { input, events, final } = postponedProcedure();
    const actor = createActor(congressMachine, { input }).start();
    for (const event of events) actor.send(checked(event));
    const live = actor.getSnapshot();
    expect(live.value).toEqual(final.value);
    expect(viaJson(live.context)).toEqual(viaJson(final.context));
    actor.stop();
  });

  it('when a unit starts, then its stored context holds only the fields it has set, as JSON always did', () => {
    const { input } = postponedProcedure();
    expect(JSON.parse(JSON.stringify(createInitialSnapshot(input).context))).toEqual({
      unitId: input.unitId,
      level: input.level,
      memberCount: input.memberCount,
      ruleSetId: input.ruleSetId,
      subordinateIds: input.subordinateIds,
      held: [],
      waived: [],
      entered: { procedure: { at: input.openedAt, seq: 0 } },
      approvals: {},
      drafts: 0,
      personnelSteps: { reelection: 0, firstTime: 0 },
      form: 'four_content',
      election: { round: 0, reruns: 0 },
    });
    expect(JSON.stringify(createInitialSnapshot(input))).not.toContain('null');
  });

  it('when a snapshot is restored from JSON at any point, then its context has the same fields in the same order as in the machine', () => {
    const { input, events } = postponedProcedure();
    const fieldsOf = (snapshot: PersistedCongressSnapshot) =>
      Object.keys(fromPersisted(congressMachine, snapshot).context);
    let snapshot = createInitialSnapshot(input);
    const order = Object.keys(snapshot.context);
    for (const event of events) {
      expect(fieldsOf(viaJson(snapshot))).toEqual(order);
      snapshot = replay(snapshot, [event]);
      expect(Object.keys(snapshot.context).slice(0, order.length)).toEqual(order);
    }
  });
});
