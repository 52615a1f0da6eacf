import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import type { CongressContext } from '../../../machines/congress/congress.context.js';
import { applyEvent, EVENT_CATALOGUE, phaseOf } from '../../../machines/index.js';
import { type StepName, walkTo } from './support/procedure-steps.js';
import { samplePayloads } from './support/sample-payloads.js';
import { UnitDriver, buildCell, buildEvent } from './support/unit-driver.js';

const STOPS: StepName[] = [
  'plan.submitted',
  'bodies.formed',
  'documents.final',
  'review.approved',
  'election.recorded',
];
const TYPES = [...Object.keys(EVENT_CATALOGUE), 'plan.teleported'];

/** Snapshots at several points of a base's and a cell's procedure. */
function startingPoints(): PersistedCongressSnapshot[] {
  return [new UnitDriver(), new UnitDriver(buildCell())].flatMap((d) =>
    STOPS.map((stop) => structuredClone(walkTo(d, stop).snapshot)),
  );
}

describe('applyEvent under arbitrary input', () => {
  const points = startingPoints();

  it('when any event type arrives with a random or sampled payload, then it never throws, never mutates its input, and refusals name a code', () => {
    const payload = (snapshot: PersistedCongressSnapshot, type: string) =>
      fc.oneof(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
        fc.constantFrom(
          ...samplePayloads(type, snapshot.context as unknown as CongressContext, '2020-03-02T02:00:00Z'),
          {},
        ),
      );
    const scenario = fc
      .record({ point: fc.constantFrom(...points), type: fc.constantFrom(...TYPES) })
      .chain(({ point, type }) =>
        fc.record({ point: fc.constant(point), type: fc.constant(type), payload: payload(point, type) }),
      );

    fc.assert(
      fc.property(scenario, ({ point, type, payload }) => {
        const before = JSON.stringify(point);
        const outcome = applyEvent(point, buildEvent(type, payload, { at: '2020-03-02T02:00:00Z', seq: 99 }));
        expect(JSON.stringify(point)).toBe(before);
        if (outcome.ok) {
          expect(JSON.parse(JSON.stringify(outcome.snapshot))).toEqual(outcome.snapshot);
          expect(phaseOf(outcome.snapshot)).toBe(outcome.phase);
        } else {
          expect(['unknown_event', 'invalid_payload', 'not_allowed']).toContain(outcome.code);
          expect(outcome.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
