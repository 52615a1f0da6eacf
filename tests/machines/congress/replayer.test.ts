import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot, TransitionOutcome } from '../../../machines/api.types.js';
import type { UncheckedEvent } from '../../../machines/domain.js';
import {
  applyEvent,
  createInitialSnapshot,
  phaseOf,
  Replayer,
  startReplay,
} from '../../../machines/index.js';
import { postponedProcedure } from './support/postponed-procedure.js';
import { buildEvent, buildUnit } from './support/unit-driver.js';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function accepted(outcome: TransitionOutcome) {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

/** Events to try at any point: one per refusal code, the first refused wherever the plan is past drafting. */
function candidatesAt(seq: number, actor: UncheckedEvent['actor']): UncheckedEvent[] {
  const at = '2020-03-12T08:00:00+07:00';
  return [
    { type: 'plan.submitted', payload: { reference: 'KH' }, at, seq, actor },
    { type: 'no.such_event', payload: {}, at, seq, actor },
    { type: 'documents.draft_recorded', payload: { draft: 'one' }, at, seq, actor },
    { type: 'plan.submitted', payload: { reference: 'KH' }, at: '1999-01-01T00:00:00Z', seq, actor },
  ];
}

describe('replaying events with the machine snapshot kept between them', () => {
  it('when a whole procedure is replayed, then every state equals the one applyEvent returns, and so do the phases', () => {
    const { input, events, final } = postponedProcedure();
    const replayer = startReplay(input);
    let expected: PersistedCongressSnapshot = createInitialSnapshot(input);
    expect(viaJson(replayer.snapshot())).toEqual(viaJson(expected));
    for (const event of events) {
      const outcome = accepted(applyEvent(expected, event));
      expect(replayer.apply(event)).toEqual({ ok: true });
      // Every other step is read, so both the kept machine snapshot and a fresh persisted form are used.
      if (event.seq % 2 === 0) {
        expect(viaJson(replayer.snapshot())).toEqual(viaJson(outcome.snapshot));
        expect(replayer.phase()).toBe(outcome.phase);
      }
      expected = outcome.snapshot;
    }
    expect(viaJson(replayer.snapshot())).toEqual(viaJson(final));
    expect(replayer.phase()).toBe(phaseOf(final));
  });

  it('when an event is refused at any point, then the refusal is the one applyEvent gives and the state does not move', () => {
    const { input, events } = postponedProcedure();
    const replayer = startReplay(input);
    let expected: PersistedCongressSnapshot = createInitialSnapshot(input);
    const codes = new Set<string>();
    for (const event of events) {
      for (const candidate of candidatesAt(event.seq, event.actor)) {
        const outcome = applyEvent(expected, candidate);
        if (outcome.ok) continue;
        codes.add(outcome.code);
        expect(replayer.apply(candidate)).toEqual(outcome);
      }
      expect(viaJson(replayer.snapshot())).toEqual(viaJson(expected));
      replayer.apply(event);
      expected = accepted(applyEvent(expected, event)).snapshot;
    }
    expect([...codes].sort()).toEqual(['invalid_payload', 'not_allowed', 'unknown_event']);
    const done = replayer.apply(buildEvent('plan.submitted', { reference: 'KH' }));
    expect(done).toEqual(applyEvent(expected, buildEvent('plan.submitted', { reference: 'KH' })));
    expect(done).toMatchObject({ ok: false, message: 'the procedure is completed: no further events' });
  });

  it('when the replay starts from a snapshot read back from JSON, then it continues like applyEvent', () => {
    const { input, events, final } = postponedProcedure();
    const half = Math.floor(events.length / 2);
    const midway = events
      .slice(0, half)
      .reduce((s, e) => accepted(applyEvent(s, e)).snapshot, createInitialSnapshot(input));
    const replayer = new Replayer(viaJson(midway));
    for (const event of events.slice(half)) expect(replayer.apply(event).ok).toBe(true);
    expect(viaJson(replayer.snapshot())).toEqual(viaJson(final));
  });

  it('when the start snapshot is already at the current machine version, then migrating keeps the state', () => {
    const replayer = startReplay(buildUnit());
    const before = viaJson(replayer.snapshot());
    replayer.migrate();
    expect(replayer.machineVersion).toBe(before.machineVersion);
    expect(viaJson(replayer.snapshot())).toEqual(before);
  });

  it('when the start snapshot names an unknown machine version, then applying an event throws as applyEvent does', () => {
    const replayer = new Replayer({ ...createInitialSnapshot(buildUnit()), machineVersion: 99 });
    expect(() => replayer.apply(buildEvent('plan.submitted', { reference: 'KH' }))).toThrow(
      'unknown machine version 99',
    );
  });
});
