import { describe, expect, it } from 'vitest';
import { createInitialSnapshot, listAllowedEvents, phaseOf } from '../../../machines/index.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildCell, buildUnit } from './support/unit-driver.js';

describe('normal path of a base organisation', () => {
  it('when a base walks every phase, then it passes through each phase in order and completes', () => {
    const d = walkTo(new UnitDriver(buildUnit()), 'records.archived');
    const phases = [phaseOf(createInitialSnapshot(buildUnit()))];
    for (const outcome of d.outcomes)
      if (outcome.ok && phases.at(-1) !== outcome.phase) phases.push(outcome.phase);
    expect(phases).toEqual([
      'plan',
      'bodies',
      'preparation',
      'superior_review',
      'convening',
      'congress',
      'first_meeting',
      'report',
      'confirmation',
      'completed',
    ]);
    expect(d.snapshot.status).toBe('done');
  });

  it('when the procedure is completed, then nothing more is accepted or offered', () => {
    const d = walkTo(new UnitDriver(), 'records.archived');
    expect(listAllowedEvents(d.snapshot)).toEqual([]);
    const late = d.try('subordinate.congress_held', { childId: 'cell-1', childSeq: 99 });
    expect(late).toMatchObject({
      ok: false,
      code: 'not_allowed',
      message: 'the procedure is completed: no further events',
    });
  });

  it('when the plan is approved, then the approval records who approved it and when', () => {
    const d = walkTo(new UnitDriver(), 'plan.approved');
    expect(d.context.approvals).toEqual({ plan: { by: 'standing_committee-1', at: d.at, seq: 2 } });
    expect(d.snapshot.value).toEqual({ procedure: 'bodies' });
  });

  it('when the congress closes, then the parent is notified that it was held', () => {
    const d = walkTo(new UnitDriver(), 'election.recorded');
    const outcome = d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    expect(outcome.effects).toEqual([{ type: 'notify_parent', kind: 'congress_held', heldAt: d.at }]);
    expect(d.context.congressClosedAt).toBe(d.at);
  });

  it('when the superior confirms the results, then the parent is notified of the confirmation', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    const outcome = d.send('results.confirmed');
    expect(outcome.effects).toEqual([
      { type: 'notify_parent', kind: 'results_confirmed', confirmedAt: d.at },
    ]);
    expect(phaseOf(d.snapshot)).toBe('confirmation');
    expect(d.snapshot.value).toEqual({ procedure: 'archive' });
  });
});

describe('normal path of a small cell', () => {
  it('when a cell of 7 walks the procedure, then it skips bodies and the first meeting', () => {
    const d = new UnitDriver(buildCell());
    walkTo(d, 'plan.approved');
    expect(phaseOf(d.snapshot)).toBe('preparation');
    walkTo(d, 'congress.closed');
    expect(d.snapshot.value).toEqual({ procedure: 'report' });
    walkTo(d, 'records.archived');
    expect(d.snapshot.status).toBe('done');
  });

  it('when a cell of 12 closes its congress, then its new committee holds a first meeting', () => {
    const d = walkTo(new UnitDriver(buildCell({ memberCount: 12 })), 'congress.closed');
    expect(d.snapshot.value).toEqual({ procedure: { firstMeeting: 'meeting' } });
  });

  it('when a fresh cell snapshot is serialised, then it stays well under 1.5 KB even once completed', () => {
    const d = walkTo(new UnitDriver(buildCell()), 'records.archived');
    expect(JSON.stringify(d.snapshot).length).toBeLessThan(1500);
  });
});
