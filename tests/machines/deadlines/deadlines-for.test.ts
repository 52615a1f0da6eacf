import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import type { Deadline } from '../../../machines/domain.js';
import { deadlinesFor } from '../../../machines/index.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import { COMMITTEE_CANDIDATES, electionRound, listSet, walkTo } from '../congress/support/procedure-steps.js';
import { UnitDriver, buildCell, buildUnit } from '../congress/support/unit-driver.js';

const RULES = getRuleSet('2020-2025');
const deadlines = (d: UnitDriver) => deadlinesFor(d.snapshot, RULES, defaultCalendar);
const byKind = (d: UnitDriver, kind: string): Deadline | undefined =>
  deadlines(d).find((x) => x.kind === kind);

/** 10:00 in Hanoi on a given day. */
const morning = (date: string) => `${date}T03:00:00.000Z`;

describe('deadlinesFor', () => {
  it('when a plan is submitted on 20/1/2020, then the superior owes a decision 10 working days later, across Tết', () => {
    const d = new UnitDriver(buildUnit());
    d.send('plan.submitted', { reference: 'KH-01' }, { at: morning('2020-01-20') });
    expect(byKind(d, 'plan.approval')).toEqual({
      kind: 'plan.approval',
      step: 'plan.submitted',
      enteredSeq: 1,
      owner: 'superior',
      // 21, 22 Jan; Tết 23–29 Jan off; 30, 31 Jan; 3–7 Feb; 10 Feb is the tenth working day.
      dueAt: '2020-02-10T10:00:00.000Z',
      reminders: [
        { workingDaysBefore: 7, at: '2020-01-30T10:00:00.000Z' },
        { workingDaysBefore: 3, at: '2020-02-05T10:00:00.000Z' },
        { workingDaysBefore: 1, at: '2020-02-07T10:00:00.000Z' },
      ],
      escalations: [
        { workingDaysAfter: 1, at: '2020-02-11T10:00:00.000Z', recipient: 'working_group' },
        { workingDaysAfter: 3, at: '2020-02-13T10:00:00.000Z', recipient: 'superior_standing_committee' },
        { workingDaysAfter: 7, at: '2020-02-19T10:00:00.000Z', recipient: 'level_above' },
      ],
    });
  });

  it('when the unit is open, then its congress is due at the level deadline of the term, owed by the unit', () => {
    const d = new UnitDriver(buildUnit());
    expect(deadlines(d)).toEqual([
      expect.objectContaining({
        kind: 'congress.held',
        step: 'procedure',
        owner: 'unit',
        enteredSeq: 0,
        dueAt: '2020-06-30T10:00:00.000Z',
      }),
    ]);
  });

  it('when a step is left, then its deadline is gone, and the congress deadline closes once it is held', () => {
    const d = walkTo(new UnitDriver(buildUnit()), 'plan.approved');
    expect(byKind(d, 'plan.approval')).toBeUndefined();
    walkTo(d, 'congress.closed');
    expect(byKind(d, 'congress.held')).toBeUndefined();
  });

  it('when a returned plan is resubmitted, then the approval deadline carries the new entry seq and date', () => {
    const d = new UnitDriver(buildUnit());
    d.send('plan.submitted', { reference: 'KH-01' }, { at: morning('2020-03-02') });
    d.send('plan.returned', { reason: 'thiếu nội dung' }, { at: morning('2020-03-03') });
    expect(byKind(d, 'plan.resubmission')).toMatchObject({
      owner: 'unit',
      enteredSeq: 2,
      dueAt: '2020-03-17T10:00:00.000Z',
    });
    expect(byKind(d, 'plan.approval')).toBeUndefined();
    d.send('plan.submitted', { reference: 'KH-01 sửa' }, { at: morning('2020-03-09') });
    expect(byKind(d, 'plan.approval')).toMatchObject({ enteredSeq: 3, dueAt: '2020-03-23T10:00:00.000Z' });
    expect(byKind(d, 'plan.resubmission')).toBeUndefined();
  });

  it('when a step is entered late, then reminders that would fall before its entry are dropped', () => {
    const d = walkTo(new UnitDriver(buildUnit()), 'congress.official_session_opened');
    const keyPostFails = electionRound({
      votes: [
        { candidateId: 'nguyen-van-a', votes: 3 },
        { candidateId: 'tran-thi-b', votes: 8 },
        { candidateId: 'le-van-c', votes: 7 },
        { candidateId: 'pham-thi-d', votes: 2 },
      ],
    });
    d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
    d.send('election.recorded', keyPostFails, { at: d.at });
    const direction = byKind(d, 'key_post.direction');
    expect(direction).toMatchObject({ owner: 'superior', step: 'congress.paused' });
    // Five working days to decide: the 7-day reminder would predate the pause.
    expect(direction?.reminders.map((r) => r.workingDaysBefore)).toEqual([3, 1]);
  });

  it('when the unit is postponed, then only the postponement deadline remains, and resuming moves the congress deadline', () => {
    const d = walkTo(new UnitDriver(buildUnit()), 'plan.submitted');
    d.send('congress.postponed', { until: '2020-09-15', reason: 'dịch COVID-19' });
    expect(deadlines(d)).toEqual([
      expect.objectContaining({
        kind: 'postponement.until',
        step: 'postponed',
        enteredSeq: 2,
        dueAt: '2020-09-15T10:00:00.000Z',
      }),
    ]);
    d.send('congress.resumed');
    expect(byKind(d, 'congress.held')).toMatchObject({ enteredSeq: 3, dueAt: '2020-09-15T10:00:00.000Z' });
    expect(byKind(d, 'plan.approval')).toMatchObject({ enteredSeq: 3 });
  });

  it('when a base sends its draft down, then the consultation replies are due from its subordinates', () => {
    const d = walkTo(new UnitDriver(buildUnit()), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('consultation.sent', { draft: 1 }, { at: morning('2020-04-01') });
    expect(byKind(d, 'consultation.replies')).toMatchObject({
      owner: 'unit',
      dueAt: '2020-04-16T10:00:00.000Z',
    });
  });

  it('when the congress closes, then the report is due 7 working days later and confirmation 15 after the report', () => {
    const d = walkTo(new UnitDriver(buildCell()), 'election.recorded');
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: morning('2020-03-20') });
    expect(byKind(d, 'report.due')).toMatchObject({
      owner: 'unit',
      step: 'report',
      dueAt: '2020-03-31T10:00:00.000Z',
    });
    d.send('results.reported', {}, { at: morning('2020-03-25') });
    expect(byKind(d, 'report.due')).toBeUndefined();
    // Hùng Kings' day (2/4/2020) is a holiday, so the fifteenth working day is 16/4.
    expect(byKind(d, 'confirmation.due')).toMatchObject({
      owner: 'superior',
      dueAt: '2020-04-16T10:00:00.000Z',
    });
  });
});
