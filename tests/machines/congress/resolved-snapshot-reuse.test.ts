import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot, TransitionOutcome } from '../../../machines/api.types.js';
import { applyEvent, createInitialSnapshot, listAllowedEvents } from '../../../machines/index.js';
import type { CongressEvent } from '../../../machines/domain.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

/** Events of a procedure that is postponed inside the parallel state, resumed, and driven to the end. */
function recordedEvents(): { input: ReturnType<typeof buildUnit>; events: CongressEvent[] } {
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
  return { input, events: d.accepted };
}

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function accepted(outcome: TransitionOutcome) {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe('applying an event to the snapshot object the previous event produced', () => {
  it('when every step continues from the returned object or from its JSON copy, then outcomes, allowed events and refusals agree', () => {
    const { input, events } = recordedEvents();
    let kept: PersistedCongressSnapshot = createInitialSnapshot(input);
    let copied: PersistedCongressSnapshot = viaJson(kept);
    const refusal = {
      type: 'results.confirmed',
      payload: {},
      at: input.openedAt,
      seq: 0,
      actor: events[0]!.actor,
    };
    for (const event of events) {
      expect(listAllowedEvents(kept)).toEqual(listAllowedEvents(copied));
      expect(applyEvent(kept, { ...refusal, seq: event.seq })).toEqual(
        applyEvent(copied, { ...refusal, seq: event.seq }),
      );
      const fromKept = accepted(applyEvent(kept, event));
      const fromCopy = accepted(applyEvent(copied, event));
      expect(viaJson(fromKept)).toEqual(viaJson(fromCopy));
      kept = fromKept.snapshot;
      copied = viaJson(fromCopy.snapshot);
    }
    expect(kept.status).toBe('done');
  });
});
