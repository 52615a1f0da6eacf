import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import { congressMachine } from '../../../machines/congress/congress.machine.js';
import { applyEvent, createInitialSnapshot } from '../../../machines/index.js';
import type { CongressEvent } from '../../../machines/domain.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

/** A full procedure with a postponement taken inside the parallel preparation state. */
function recordedProcedure(): {
  input: ReturnType<typeof buildUnit>;
  events: CongressEvent[];
  final: PersistedCongressSnapshot;
} {
  const input = buildUnit();
  const d = new UnitDriver(input);
  walkTo(d, 'bodies.formed');
  d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
  d.send('congress.postponed', { until: '2020-09-30', reason: 'dịch COVID-19' });
  d.send('congress.resumed');
  d.send('documents.draft_recorded', { draft: 2, title: 'Dự thảo 2' });
  d.send('consultation.sent', { draft: 2 });
  for (const unitId of ['cell-1', 'cell-2', 'cell-3']) d.send('consultation.reply_recorded', { unitId });
  d.send('documents.submitted');
  d.send('documents.approved');
  d.position += 1;
  walkTo(d, 'records.archived');
  return { input, events: d.accepted, final: d.snapshot };
}

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
    const { input, events, final } = recordedProcedure();
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
    const { input, events, final } = recordedProcedure();
    const actor = createActor(congressMachine, { input }).start();
    for (const event of events) actor.send(event);
    const live = actor.getSnapshot();
    expect(live.value).toEqual(final.value);
    expect(viaJson(live.context)).toEqual(viaJson(final.context));
    actor.stop();
  });
});
