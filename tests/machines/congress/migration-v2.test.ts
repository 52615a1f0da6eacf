/**
 * Version 2 → 3 (and on to the current version): a unit written under version 2 and stopped in the
 * superior's review or with its opening date proposed finishes under the current version, keeping
 * every step it had done.
 */
import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import {
  applyEvent,
  createInitialSnapshot,
  MACHINE_VERSION,
  migrateSnapshot,
} from '../../../machines/index.js';
import { openingDateAfter, walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

/** A version-2 unit driven by the frozen version-2 machine to just after `step`. */
function underVersion2(steps: [string, Record<string, unknown>?][]): UnitDriver {
  const d = new UnitDriver(buildUnit());
  d.snapshot = createInitialSnapshot(buildUnit(), 2);
  walkTo(d, 'subordinates.held');
  for (const [type, payload] of steps) d.send(type, payload ?? {});
  return d;
}

/** Sends the rest of the procedure under the current version, from announcing the congress to the archive. */
function finish(d: UnitDriver, snapshot: PersistedCongressSnapshot): PersistedCongressSnapshot {
  d.snapshot = snapshot;
  d.position = 0;
  const date = d.context.openingDate as string;
  d.send('convening.announced', { openingDate: date, delegateAllocations: { 'cell-1': 3 } });
  d.send('congress.opened', {}, { at: `${date}T01:00:00.000Z` });
  d.position = 12;
  walkTo(d, 'records.archived');
  return d.snapshot;
}

describe('version 2 units finish under the current version', () => {
  it('when a unit stopped in review under version 2, then it is lifted into the parallel preparation and completes', () => {
    const d = underVersion2([['review.submitted']]);
    expect(d.snapshot).toMatchObject({ machineVersion: 2, value: { procedure: { review: 'pending' } } });
    const lifted = migrateSnapshot(d.snapshot);
    expect(lifted.value).toEqual({
      procedure: {
        preparation: {
          documents: 'final',
          personnel: 'approved',
          review: 'pending',
          convening: 'proposing',
          subordinates: 'met',
        },
      },
    });
    expect(lifted.context.entered).toEqual(d.snapshot.context.entered);
    d.snapshot = lifted;
    d.send('review.approved');
    d.send('convening.date_proposed', { openingDate: openingDateAfter(d.at) });
    d.send('convening.date_approved');
    const done = finish(d, d.snapshot);
    expect(done).toMatchObject({ machineVersion: MACHINE_VERSION, status: 'done' });
  });

  it('when a unit stopped with its opening date proposed under version 2, then the superior agrees it under the current version and the unit announces and completes', () => {
    const d = underVersion2([['review.submitted'], ['review.approved']]);
    d.send('convening.date_proposed', { openingDate: openingDateAfter(d.at) });
    expect(d.snapshot.value).toEqual({ procedure: { convening: 'proposed' } });
    const lifted = migrateSnapshot(d.snapshot);
    expect(lifted.value).toMatchObject({
      procedure: { preparation: { review: 'approved', convening: 'proposed' } },
    });
    const agreed = applyEvent(lifted, {
      type: 'convening.date_approved',
      payload: {},
      at: d.at,
      seq: d.seq + 1,
      actor: { id: 'sc-1', role: 'standing_committee' },
    });
    if (!agreed.ok) throw new Error(agreed.message);
    d.seq += 1;
    expect(finish(d, agreed.snapshot)).toMatchObject({ machineVersion: MACHINE_VERSION, status: 'done' });
  });

  it('when a unit was postponed in review under version 2, then it resumes into review under the current version', () => {
    const d = underVersion2([
      ['review.submitted'],
      ['congress.postponed', { until: '2020-09-30', reason: 'dịch COVID-19' }],
    ]);
    const lifted = migrateSnapshot(d.snapshot);
    const resumed = applyEvent(lifted, {
      type: 'congress.resumed',
      payload: {},
      at: '2020-06-01T01:00:00.000Z',
      seq: d.seq + 1,
      actor: { id: 'secretary-1', role: 'secretary' },
    });
    if (!resumed.ok) throw new Error(resumed.message);
    expect(resumed.snapshot.value).toMatchObject({
      procedure: { preparation: { review: 'pending', documents: 'final' } },
    });
  });
});
