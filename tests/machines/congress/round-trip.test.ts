import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import { congressMachine } from '../../../machines/congress/congress.machine.js';
import { applyEvent, createInitialSnapshot } from '../../../machines/index.js';
import type { CongressEvent } from '../../../machines/domain.js';
import { postponedProcedure } from './support/postponed-procedure.js';

function replay(from: PersistedCongressSnapshot, events: CongressEvent[]): PersistedCongressSnapshot {
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
    for (const event of events) actor.send(event);
    const live = actor.getSnapshot();
    expect(live.value).toEqual(final.value);
    expect(viaJson(live.context)).toEqual(viaJson(final.context));
    actor.stop();
  });
});
