/**
 * Delegate seats (QĐ 24-QĐ/TW §11.1: the convening committee allocates delegates to the subordinate
 * organisations, whose congresses elect them): the delegates list is recorded with the seats the
 * superior's announcement allocated (`allocatedSeats`, filled in by the server), and a list with other
 * seats is recorded as an irregularity, never refused.
 */
import { describe, expect, it } from 'vitest';
import { allocatedSeats } from '../../../machines/index.js';
import { COMMITTEE_CANDIDATES, listSet, walkTo } from './support/procedure-steps.js';
import { UnitDriver } from './support/unit-driver.js';

const CANDIDATES = [...COMMITTEE_CANDIDATES, 'hoang-van-e', 'vu-thi-g'];
const delegatesList = (seats: number, extra: Record<string, unknown> = {}) =>
  listSet('delegates', seats, CANDIDATES.slice(0, seats + 1), extra);

function atTheLists(): UnitDriver {
  return walkTo(new UnitDriver(), 'congress.official_session_opened');
}

const rulesOf = (d: UnitDriver) =>
  ((d.context.irregularities ?? []) as { rule: string }[]).map((i) => i.rule);

describe('delegate seats against the superior’s allocation', () => {
  it('when the superior has announced its congress, then the seats it allocated to each subordinate are read from its context', () => {
    const d = walkTo(new UnitDriver(), 'convening.date_approved');
    const openingDate = (d.context as { openingDate: string }).openingDate;
    d.send('convening.announced', { openingDate, delegateAllocations: { 'cell-1': 4, 'cell-2': 2 } });
    expect(allocatedSeats(d.snapshot, 'cell-2')).toBe(2);
    expect(allocatedSeats(d.snapshot, 'cell-3')).toBeUndefined();
    expect(allocatedSeats(walkTo(new UnitDriver(), 'plan.submitted').snapshot, 'cell-1')).toBeUndefined();
  });

  it('when the list has the allocated seats, then nothing is recorded', () => {
    const d = atTheLists();
    d.send('election.list_set', delegatesList(5, { allocatedSeats: 5 }), { at: d.at });
    expect(rulesOf(d)).toEqual([]);
  });

  it('when the list has one seat more or fewer than allocated, then it is set and an irregularity names the rule and its source', () => {
    for (const seats of [4, 6]) {
      const d = atTheLists();
      d.send('election.list_set', delegatesList(seats, { allocatedSeats: 5 }), { at: d.at });
      expect(d.context.elections).toMatchObject({ delegates: { seats, status: 'voting' } });
      expect(d.context.irregularities).toEqual([
        expect.objectContaining({
          rule: 'election.delegateSeats',
          seq: d.seq,
          occurredAt: d.at,
          message: `${seats} delegate seats listed; the superior's convening announcement allocated 5`,
          source: expect.objectContaining({
            source: expect.objectContaining({ document: 'QĐ 24-QĐ/TW (2021)' }) as unknown,
          }) as unknown,
        }),
      ]);
    }
  });

  it('when no allocation is known, then the list is not checked against one', () => {
    const d = atTheLists();
    d.send('election.list_set', delegatesList(4), { at: d.at });
    expect(rulesOf(d)).toEqual([]);
  });

  it('when allocated seats are given for another election, then the payload is refused and nothing is set', () => {
    const d = atTheLists();
    const outcome = d.try(
      'election.list_set',
      listSet('committee', 3, COMMITTEE_CANDIDATES, { allocatedSeats: 3 }),
      {
        at: d.at,
      },
    );
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_payload' });
    expect(d.context.elections).toBeUndefined();
  });
});
