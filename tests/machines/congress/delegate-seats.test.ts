/**
 * Delegate seats (QĐ 24-QĐ/TW §11.1: the convening committee allocates delegates to the subordinate
 * organisations, whose congresses elect them): the superior's announcement reaches the unit as
 * `superior.delegates_allocated`, and a delegates list with other seats is recorded as an
 * irregularity, never refused.
 */
import { describe, expect, it } from 'vitest';
import { COMMITTEE_CANDIDATES, listSet, walkTo } from './support/procedure-steps.js';
import { UnitDriver } from './support/unit-driver.js';

const CANDIDATES = [...COMMITTEE_CANDIDATES, 'hoang-van-e', 'vu-thi-g'];
const allocation = (seats: number) => ({ superiorId: 'district-1', superiorSeq: 14, seats });
const delegatesList = (seats: number) => listSet('delegates', seats, CANDIDATES.slice(0, seats + 1));

function atTheLists(): UnitDriver {
  return walkTo(new UnitDriver(), 'congress.official_session_opened');
}

const rulesOf = (d: UnitDriver) =>
  ((d.context.irregularities ?? []) as { rule: string; message?: string }[]).map((i) => i.rule);

describe('delegate seats against the superior’s allocation', () => {
  it('when the superior announces its congress, then each subordinate it allocated delegates to is told its seats', () => {
    const d = walkTo(new UnitDriver(), 'convening.date_approved');
    const openingDate = (d.context as { openingDate: string }).openingDate;
    const seats = { 'cell-1': 4, 'cell-2': 2 };
    const outcome = d.send('convening.announced', { openingDate, delegateAllocations: seats });
    if (!outcome.ok) throw new Error('announcement refused');
    expect(outcome.effects).toContainEqual({
      type: 'notify_subordinates',
      kind: 'delegates_allocated',
      at: d.at,
      unitIds: ['cell-1', 'cell-2'],
      seats,
    });
  });

  it('when the list has the allocated seats, then nothing is recorded', () => {
    const d = atTheLists();
    d.send('superior.delegates_allocated', allocation(5), { at: d.at });
    d.send('election.list_set', delegatesList(5), { at: d.at });
    expect(d.context.delegateAllocation).toMatchObject({ seats: 5, superiorId: 'district-1' });
    expect(rulesOf(d)).toEqual([]);
  });

  it('when the list has one seat more or fewer than allocated, then it is set and an irregularity names the rule', () => {
    for (const seats of [4, 6]) {
      const d = atTheLists();
      d.send('superior.delegates_allocated', allocation(5), { at: d.at });
      d.send('election.list_set', delegatesList(seats), { at: d.at });
      expect(d.context.elections).toMatchObject({ delegates: { seats, status: 'voting' } });
      expect(d.context.irregularities).toEqual([
        expect.objectContaining({
          rule: 'election.delegateSeats',
          seq: d.seq,
          message: `${seats} delegate seats listed; the superior's convening announcement allocated 5`,
          source: expect.objectContaining({
            source: expect.objectContaining({ document: 'QĐ 24-QĐ/TW (2021)' }),
          }),
        }),
      ]);
    }
  });

  it('when the allocation arrives after a list with other seats, then the mismatch is recorded on arrival', () => {
    const d = atTheLists();
    d.send('election.list_set', delegatesList(4), { at: d.at });
    expect(rulesOf(d)).toEqual([]);
    d.send('superior.delegates_allocated', allocation(5), { at: d.at });
    expect(rulesOf(d)).toEqual(['election.delegateSeats']);
  });

  it('when no allocation has reached the unit, then the list is not checked against one', () => {
    const d = atTheLists();
    d.send('election.list_set', delegatesList(4), { at: d.at });
    expect(d.context.delegateAllocation).toBeUndefined();
    expect(rulesOf(d)).toEqual([]);
  });

  it('when a payload names no seats, then it is refused and nothing is kept', () => {
    const d = atTheLists();
    const outcome = d.try('superior.delegates_allocated', { superiorId: 'district-1', superiorSeq: 14 });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_payload' });
    expect(d.context.delegateAllocation).toBeUndefined();
  });
});
