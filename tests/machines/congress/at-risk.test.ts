import { describe, expect, it } from 'vitest';
import {
  carriedOverdue,
  deadlineMark,
  isAtRisk,
  milestonesOf,
  openIrregularitiesAndComplaints,
  riskReasons,
} from '../../../machines/index.js';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver } from './support/unit-driver.js';

const RULES = getRuleSet('2020-2025');
const reasonsOf = (snapshot: PersistedCongressSnapshot) => riskReasons(milestonesOf(snapshot, RULES));

describe('at risk: the one definition', () => {
  it('when a unit goes its normal way, then it is not at risk', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when the congress is postponed, then the unit is at risk for that reason, and no longer once resumed', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('congress.postponed', { until: '2020-09-30', reason: 'dịch COVID-19' });
    expect(reasonsOf(d.snapshot)).toEqual(['postponed']);
    d.send('congress.resumed', {});
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when the results are annulled, then the unit is at risk until it reconvenes', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    d.send('results.annulled', { reason: 'vi phạm quy chế bầu cử' });
    expect(reasonsOf(d.snapshot)).toEqual(['annulled']);
    d.send('congress.reconvened');
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when the unit is flagged difficult, then it is at risk; cleared, it is not', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    d.send('unit.flagged_difficult', { reason: 'đơn thư khiếu nại' });
    expect(reasonsOf(d.snapshot)).toEqual(['difficult']);
    d.send('unit.difficulty_cleared', { reason: 'đã giải quyết' });
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when a complaint about the results is recorded, then the unit is at risk for it; resolved, it is not', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    d.send('results.complaint_recorded', { reason: 'đơn khiếu nại về kiểm phiếu' });
    expect(openIrregularitiesAndComplaints(d.context)).toEqual({ irregularities: 0, complaints: 1 });
    expect(reasonsOf(d.snapshot)).toEqual(['complaint']);
    d.send('results.complaint_resolved', { reason: 'đã xác minh, kiểm phiếu đúng' });
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when a local-policy clock is breached, then the irregularity puts the unit at risk; closed by the superior, it does not', () => {
    const d = new UnitDriver();
    d.send('plan.submitted', { reference: 'KH-01' }, { at: '2020-03-02T01:00:00.000Z' });
    // The 11th working day after submission: one past the local decision clock (10).
    d.send('plan.approved', {}, { at: '2020-03-17T01:00:00.000Z' });
    expect(reasonsOf(d.snapshot)).toEqual(['irregularity']);
    d.send('irregularity.closed', { seq: 2, note: 'đã nhắc nhở, rút kinh nghiệm' });
    expect(openIrregularitiesAndComplaints(d.context)).toEqual({ irregularities: 0, complaints: 0 });
    expect(reasonsOf(d.snapshot)).toEqual([]);
  });

  it('when a deadline is marked overdue, then at risk; the mark stays while that deadline is open and leaves with it', () => {
    const base = milestonesOf(new UnitDriver().snapshot, RULES);
    const deadline = { kind: 'plan.approval', enteredSeq: 3, dueAt: '2020-03-10T10:00:00.000Z' };
    const marked = { ...base, overdue: [deadlineMark(deadline)] };
    expect(riskReasons(marked)).toEqual(['overdue']);
    expect(isAtRisk({ ...base, overdue: [] })).toBe(false);
    expect(carriedOverdue(marked.overdue, [deadline])).toEqual(marked.overdue);
    // The same step entered again, or the due time moved: another deadline, not overdue yet.
    expect(carriedOverdue(marked.overdue, [{ ...deadline, enteredSeq: 4 }])).toEqual([]);
    expect(carriedOverdue(marked.overdue, [{ ...deadline, dueAt: '2020-03-11T10:00:00.000Z' }])).toEqual([]);
    expect(carriedOverdue(marked.overdue, [])).toEqual([]);
  });
});
