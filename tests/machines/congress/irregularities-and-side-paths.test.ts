/**
 * Local-policy rules record irregularities instead of refusing; pilots' lessons gate the other
 * subordinates' openings; complaints pause the confirmation clock; annulment of named posts.
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import { deadlinesFor, listAllowedEvents, milestonesOf } from '../../../machines/index.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import { attendance, electionRound, holdCongressElection, walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildCell, buildUnit } from './support/unit-driver.js';

const at = (date: string) => `${date}T01:00:00.000Z`;
const rules = getRuleSet('2020-2025');

describe('local-policy clocks record irregularities, never refuse', () => {
  function planDecidedAfter(workingDays: number): UnitDriver {
    const d = new UnitDriver(buildUnit());
    d.send('plan.submitted', { reference: 'KH-01' }, { at: at('2020-03-02') });
    d.send('plan.approved', {}, { at: at(defaultCalendar.addWorkingDays('2020-03-02', workingDays)) });
    return d;
  }

  it('when the superior approves the plan on the 10th working day, then nothing is recorded', () => {
    expect(planDecidedAfter(10).context.irregularities).toBeUndefined();
  });

  it('when the superior approves the plan on the 11th working day, then it is accepted and an irregularity names the rule', () => {
    const d = planDecidedAfter(11);
    expect(d.snapshot.value).toEqual({ procedure: 'bodies' });
    expect(d.context.irregularities).toEqual([
      { rule: 'clocks.superiorDecision', source: expect.anything() as unknown, occurredAt: d.at, seq: 2 },
    ]);
    expect(milestonesOf(d.snapshot, rules).irregular).toBe(true);
    const alert = deadlinesFor(d.snapshot, rules, defaultCalendar).find((x) => x.step === 'irregularity:2');
    expect(alert).toMatchObject({ kind: 'irregularity.clocks.superiorDecision', owner: 'unit' });
  });

  function cellClosingOn(date: string): UnitDriver {
    const d = walkTo(new UnitDriver(buildCell()), 'review.approved');
    d.send('convening.date_proposed', { openingDate: date });
    d.send('convening.date_approved');
    d.send('convening.announced', { openingDate: date, delegateAllocations: {} });
    d.send('congress.opened', {}, { at: at(date) });
    d.send('congress.official_session_opened', attendance({ congressKind: 'member' }), { at: at(date) });
    holdCongressElection(d);
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: at(date) });
    return d;
  }

  it('when a cell closes on its local deadline (31/3/2020), then nothing is recorded', () => {
    expect(cellClosingOn('2020-03-31').context.irregularities).toBeUndefined();
  });

  it('when a cell closes the day after its local deadline, then the congress is held and an irregularity is recorded', () => {
    const d = cellClosingOn('2020-04-01');
    expect(d.context.congressHeldAt).toBe(at('2020-04-01'));
    expect((d.context.irregularities as { rule: string }[]).map((i) => i.rule)).toEqual([
      'congressDeadlines.cell',
    ]);
  });
});

describe('the superior closes an irregularity (irregularity.closed)', () => {
  const closable = (d: UnitDriver) =>
    listAllowedEvents(d.snapshot).find((e) => e.type === 'irregularity.closed')?.allowed;

  it('when the unit has no irregularity, then closing one is not offered and is refused', () => {
    const d = new UnitDriver(buildUnit());
    expect(closable(d)).toBe(false);
    const outcome = d.try('irregularity.closed', { seq: 1, note: 'không có' });
    expect(outcome).toMatchObject({ ok: false });
  });

  it('when the superior closes the recorded one, then it keeps when, where and why, and its alert point leaves the deadlines', () => {
    const d = new UnitDriver(buildUnit());
    d.send('plan.submitted', { reference: 'KH-01' }, { at: at('2020-03-02') });
    d.send('plan.approved', {}, { at: at(defaultCalendar.addWorkingDays('2020-03-02', 11)) });
    expect(closable(d)).toBe(true);
    const wrongSeq = d.try('irregularity.closed', { seq: 1, note: 'nhầm' });
    expect(wrongSeq).toMatchObject({ ok: false });
    expect(wrongSeq.ok ? '' : wrongSeq.message).toContain('no irregularity was recorded at seq 1');
    d.send('irregularity.closed', { seq: 2, note: 'đã rút kinh nghiệm' }, { at: at('2020-03-20') });
    expect(d.context.irregularities).toEqual([
      expect.objectContaining({
        rule: 'clocks.superiorDecision',
        seq: 2,
        closedAt: at('2020-03-20'),
        closedSeq: 3,
        closingNote: 'đã rút kinh nghiệm',
      }),
    ]);
    const points = deadlinesFor(d.snapshot, rules, defaultCalendar).map((x) => x.step);
    expect(points).not.toContain('irregularity:2');
    expect(milestonesOf(d.snapshot, rules)).toMatchObject({ irregular: true, openIrregularities: 0 });
    expect(closable(d)).toBe(false);
    const again = d.try('irregularity.closed', { seq: 2, note: 'lần nữa' });
    expect(again.ok ? '' : again.message).toContain('already closed at seq 3');
  });

  it('when the note is blank, then the closing is refused for its payload', () => {
    const d = new UnitDriver(buildUnit());
    d.send('plan.submitted', { reference: 'KH-01' }, { at: at('2020-03-02') });
    d.send('plan.approved', {}, { at: at(defaultCalendar.addWorkingDays('2020-03-02', 11)) });
    expect(d.try('irregularity.closed', { seq: 2, note: '   ' })).toMatchObject({ ok: false });
    expect(milestonesOf(d.snapshot, rules).openIrregularities).toBe(1);
  });
});

describe('pilots and their lessons', () => {
  function announcedBase(overrides: Record<string, unknown> = {}): UnitDriver {
    return walkTo(new UnitDriver(buildUnit(overrides)), 'convening.announced');
  }
  const openingOf = (d: UnitDriver) => at((d.context.announcement as { openingDate: string }).openingDate);

  it("when the superior designated pilots, then a non-pilot's opening waits for their lessons conference", () => {
    const d = announcedBase();
    d.send('superior.pilots_designated', { superiorId: 'dong-da', superiorSeq: 40 });
    const outcome = d.try('congress.opened', {}, { at: openingOf(d) });
    if (outcome.ok) throw new Error('opened before the pilot lessons');
    expect(outcome.message).toContain('lessons-learned conference');
    d.send('superior.pilot_lessons_recorded', { superiorId: 'dong-da', superiorSeq: 41 });
    d.send('congress.opened', {}, { at: openingOf(d) });
  });

  it('when the unit is itself a pilot, then its opening does not wait', () => {
    const d = new UnitDriver(buildUnit());
    d.send('pilot.designated', { reason: 'phường tiêu biểu' });
    d.send('superior.pilots_designated', { superiorId: 'dong-da', superiorSeq: 40 });
    walkTo(d, 'congress.opened');
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'preparatory' } });
  });

  it('when a superior has no pilot, then recording lessons is refused; with one, the lessons go to the other subordinates', () => {
    const d = new UnitDriver(buildUnit());
    const refused = d.try('pilot.lessons_recorded', { conferenceDate: '2020-03-01', summary: 'x' });
    expect(refused.ok).toBe(false);
    d.send('subordinate.pilot_designated', { childId: 'cell-2', childSeq: 5 });
    const designated = d.outcomes.at(-1);
    expect(designated).toMatchObject({
      effects: [{ type: 'notify_subordinates', kind: 'pilots_designated', unitIds: ['cell-1', 'cell-3'] }],
    });
    const lessons = d.send('pilot.lessons_recorded', {
      conferenceDate: '2020-03-01',
      summary: 'Rút kinh nghiệm',
    });
    expect(lessons).toMatchObject({
      effects: [{ type: 'notify_subordinates', kind: 'pilot_lessons', unitIds: ['cell-1', 'cell-3'] }],
    });
  });

  it('when a unit discusses the national drafts, then its milestone says so, once', () => {
    const d = new UnitDriver(buildCell());
    d.send('consultation.superior_drafts_discussed', { drafts: 'national' });
    expect(milestonesOf(d.snapshot, rules).draftsDiscussed).toEqual({ national: true });
    expect(d.try('consultation.superior_drafts_discussed', { drafts: 'national' }).ok).toBe(false);
  });
});

describe('complaints and annulment', () => {
  const confirmationDue = (d: UnitDriver) =>
    deadlinesFor(d.snapshot, rules, defaultCalendar).find((x) => x.step === 'confirmation');

  it('when a complaint is open, then the confirmation clock stands still, confirmation is refused, and resolving it moves the due date by the days it stood', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    const reportedOn = d.at.slice(0, 10);
    expect(confirmationDue(d)?.dueAt.slice(0, 10)).toBe(defaultCalendar.addWorkingDays(reportedOn, 15));
    const complainedOn = defaultCalendar.addWorkingDays(reportedOn, 2);
    d.send('results.complaint_recorded', { reason: 'đơn khiếu nại' }, { at: at(complainedOn) });
    expect(confirmationDue(d)).toBeUndefined();
    const refused = d.try('results.confirmed');
    if (refused.ok) throw new Error('confirmed with an open complaint');
    expect(refused.message).toContain('results.complaint_resolved');
    d.send(
      'results.complaint_resolved',
      { reason: 'không có cơ sở' },
      { at: at(defaultCalendar.addWorkingDays(complainedOn, 4)) },
    );
    expect(confirmationDue(d)?.dueAt.slice(0, 10)).toBe(defaultCalendar.addWorkingDays(reportedOn, 19));
  });

  it('when named posts are annulled after confirmation, then the re-election covers only those seats', () => {
    const d = walkTo(new UnitDriver(), 'results.confirmed');
    d.send('results.annulled', { reason: 'vi phạm quy chế bầu cử', scope: 'posts', posts: ['tran-thi-b'] });
    expect(d.snapshot.value).toEqual({ procedure: 'annulled' });
    expect(d.context.elections).toMatchObject({
      committee: { elected: ['nguyen-van-a', 'le-van-c'], seatsRemaining: 1, status: 'voting' },
      secretary: { elected: ['nguyen-van-a'], status: 'complete' },
    });
    d.send('congress.reconvened');
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'elections' } });
    const wrong = d.try('election.recorded', electionRound({ round: 2 }), { at: d.at });
    if (wrong.ok) throw new Error('re-elected all seats');
    expect(wrong.message).toContain('nguyen-van-a is not in this round; candidates: tran-thi-b, pham-thi-d');
    d.send(
      'election.recorded',
      electionRound({
        round: 2,
        votes: [
          { candidateId: 'tran-thi-b', votes: 9 },
          { candidateId: 'pham-thi-d', votes: 1 },
        ],
        keyPostCandidateIds: [],
      }),
      { at: d.at },
    );
    expect(d.context.elections).toMatchObject({
      committee: {
        elected: ['nguyen-van-a', 'le-van-c', 'tran-thi-b'],
        seatsRemaining: 0,
        status: 'complete',
      },
    });
  });

  it('when an annulment names a post nobody was elected to, then it is refused with the elected candidates', () => {
    const d = walkTo(new UnitDriver(), 'results.confirmed');
    const outcome = d.try('results.annulled', { reason: 'x', scope: 'posts', posts: ['hoang-van-x'] });
    if (outcome.ok) throw new Error('annulled a post nobody held');
    expect(outcome.message).toContain(
      'hoang-van-x was not elected: name the posts by the elected candidates',
    );
  });

  it('when the term has ended, then its results can no longer be annulled', () => {
    const d = walkTo(new UnitDriver(), 'results.confirmed');
    const outcome = d.try('results.annulled', { reason: 'x' }, { at: at('2026-01-02') });
    if (outcome.ok) throw new Error('annulled after the term');
    expect(outcome.message).toContain('the term ended on 2025-12-31');
  });

  it('when posts are named with scope "all", then the payload is refused', () => {
    const d = walkTo(new UnitDriver(), 'results.confirmed');
    expect(d.try('results.annulled', { reason: 'x', scope: 'all', posts: ['a'] })).toMatchObject({
      code: 'invalid_payload',
    });
  });
});
