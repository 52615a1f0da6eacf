import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot, TransitionOutcome } from '../../../machines/api.types.js';
import { applyEvent, createInitialSnapshot, listAllowedEvents } from '../../../machines/index.js';
import { postponedProcedure } from './support/postponed-procedure.js';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function accepted(outcome: TransitionOutcome) {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe('applying an event to the snapshot object the previous event produced', () => {
  it('when every step continues from the returned object or from its JSON copy, then outcomes, allowed events and refusals agree', () => {
    const { input, events } = postponedProcedure();
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
