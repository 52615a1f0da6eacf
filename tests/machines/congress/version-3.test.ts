/**
 * Machine version 3 stays as it was recorded: its units hold one election from a summoned count (the
 * payloads of their time), close, and are lifted to version 4 where they stand.
 */
import { describe, expect, it } from 'vitest';
import { createInitialSnapshot, MACHINE_VERSION, migrateSnapshot } from '../../../machines/index.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

/** A version-3 unit at its opened congress (the preparation is the same in versions 3 and 4). */
function openedUnderVersion3(): UnitDriver {
  const d = new UnitDriver();
  d.snapshot = createInitialSnapshot(buildUnit(), 3);
  return walkTo(d, 'congress.opened');
}

const legacyRound = (round: number, votes: number[]) => ({
  round,
  summoned: 11,
  seats: 3,
  votes: votes.map((v, i) => ({ candidateId: `uv-${i}`, votes: v })),
});

describe('machine version 3', () => {
  it('when a version-3 unit records its session with the payloads of its time, then it closes and stays on version 3', () => {
    const d = openedUnderVersion3();
    d.send('congress.official_session_opened', {}, { at: d.at });
    d.send('election.recorded', legacyRound(1, [10, 9, 8, 2]), { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'resolution' } });
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    expect(d.snapshot).toMatchObject({
      machineVersion: 3,
      value: { procedure: { firstMeeting: 'meeting' } },
    });
  });

  it('when a version-3 unit sends the version-4 attendance, then the payload is refused', () => {
    const d = openedUnderVersion3();
    const outcome = d.try('congress.official_session_opened', {
      congressKind: 'delegate',
      summoned: 11,
      present: 10,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_payload' });
  });

  it('when a version-3 unit stopped between rounds is lifted, then its committee election waits for the congress to decide', () => {
    const d = openedUnderVersion3();
    d.send('congress.official_session_opened', {}, { at: d.at });
    d.send('election.recorded', legacyRound(1, [10, 3, 2]), { at: d.at });
    const lifted = migrateSnapshot(d.snapshot);
    expect(lifted.machineVersion).toBe(MACHINE_VERSION);
    expect(lifted.value).toEqual({ procedure: { congress: 'elections' } });
    expect(lifted.context.elections).toMatchObject({
      committee: { round: 1, seatsRemaining: 2, status: 'deciding' },
    });
  });
});
