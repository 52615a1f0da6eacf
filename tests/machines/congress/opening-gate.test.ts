/**
 * The order of DOMAIN.md §2 (version 3): convening runs alongside documents, personnel and review,
 * and the opening is where the review, the notice, the announced date and the subordinate gate meet.
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import { listAllowedEvents, namedWaivers } from '../../../machines/index.js';
import { skipStep, walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `base-${i + 1}`);
const at = (date: string) => `${date}T01:00:00.000Z`;

/** A district whose review is approved and congress announced, with `held` of its subordinates held. */
function districtReadyToOpen(total: number, held: number): UnitDriver {
  const d = new UnitDriver(buildUnit({ unitId: 'dong-da', level: 'district', subordinateIds: ids(total) }));
  walkTo(d, 'bodies.formed');
  d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo báo cáo chính trị' });
  d.send('consultation.sent', { draft: 1 });
  d.send('consultation.closed_early', { reason: 'các đơn vị đã thảo luận tại đại hội' });
  d.send('documents.submitted');
  d.send('documents.approved');
  skipStep(d, 'documents.final');
  walkTo(d, 'personnel.approved');
  ids(total)
    .slice(0, held)
    .forEach((childId, i) => d.send('subordinate.congress_held', { childId, childSeq: i + 1 }));
  skipStep(d, 'subordinates.held');
  return walkTo(d, 'convening.announced');
}

const openingDate = (d: UnitDriver) => (d.context.announcement as { openingDate: string }).openingDate;

describe('the opening gate', () => {
  it('when 81 of 82 subordinates have held their congress, then the opening is refused naming the straggler', () => {
    const d = districtReadyToOpen(82, 81);
    const outcome = d.try('congress.opened', {}, { at: at(openingDate(d)) });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain('81/82 subordinate congresses held (threshold 100%)');
    expect(outcome.message).toContain('not yet held: base-82.');
    expect(outcome.message).toContain('gate.waiver_recorded');
  });

  it('when more than ten units are missing, then the first ten are named and the rest counted', () => {
    const d = districtReadyToOpen(26, 11);
    const outcome = d.try('congress.opened', {}, { at: at(openingDate(d)) });
    if (outcome.ok) throw new Error('opened with 15 units missing');
    const firstTen = ids(26).slice(11, 21).join(', ');
    expect(outcome.message).toContain(`not yet held: ${firstTen} and 5 more.`);
  });

  it('when exactly ten are missing, then all ten are named and none counted', () => {
    const d = districtReadyToOpen(20, 10);
    const outcome = d.try('congress.opened', {}, { at: at(openingDate(d)) });
    if (outcome.ok) throw new Error('opened with 10 units missing');
    expect(outcome.message).toContain(`not yet held: ${ids(20).slice(10).join(', ')}.`);
    expect(outcome.message).not.toContain('more');
  });

  it('when the superior waives the straggler, then the opening goes ahead and its payload names the waiver', () => {
    const d = districtReadyToOpen(82, 81);
    d.send('gate.waiver_recorded', { unitIds: ['base-82'], reason: 'sáp nhập với phường bên cạnh' });
    const waiverSeq = d.seq;
    const payload = namedWaivers(d.snapshot, 'congress.opened', {});
    expect(payload).toEqual({ waivers: [{ seq: waiverSeq, unitIds: ['base-82'] }] });
    d.send('congress.opened', payload, { at: at(openingDate(d)) });
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'preparatory' } });
  });

  it('when the opening names a waiver that was not recorded, then it is refused', () => {
    const d = districtReadyToOpen(82, 81);
    d.send('gate.waiver_recorded', { unitIds: ['base-82'], reason: 'sáp nhập' });
    const outcome = d.try(
      'congress.opened',
      { waivers: [{ seq: 3, unitIds: ['base-82'] }] },
      { at: at(openingDate(d)) },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('the waivers named do not match');
  });

  it('when every subordinate held its congress, then no waiver is named', () => {
    const d = districtReadyToOpen(3, 3);
    expect(namedWaivers(d.snapshot, 'congress.opened', {})).toEqual({});
    d.send('congress.opened', {}, { at: at(openingDate(d)) });
  });
});

describe('convening alongside the other regions', () => {
  it('when the date is agreed and announced before documents and personnel are done, then the opening waits for the review', () => {
    const d = new UnitDriver(buildUnit({ subordinateIds: ['cell-1'] }));
    walkTo(d, 'bodies.formed');
    const date = defaultCalendar.addWorkingDays('2020-03-02', 40);
    d.send('convening.date_proposed', { openingDate: date });
    d.send('convening.date_approved');
    d.send('convening.announced', { openingDate: date, delegateAllocations: { 'cell-1': 4 } });
    expect(d.context.announcement).toMatchObject({ openingDate: date, delegateAllocations: { 'cell-1': 4 } });
    expect(d.snapshot.value).toMatchObject({
      procedure: { preparation: { convening: 'announced', review: 'idle' } },
    });
    const early = d.try('review.submitted');
    if (early.ok) throw new Error('review submitted before documents were approved');
    expect(early.message).toContain(
      'the review needs the documents approved and the personnel plan approved first',
    );
    walkTo(d, 'review.approved');
    d.position += 3;
    walkTo(d, 'congress.opened');
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'preparatory' } });
  });

  it('when the review is not approved, then the opening is refused and says to submit it', () => {
    const d = new UnitDriver(buildUnit({ subordinateIds: [] }));
    walkTo(d, 'bodies.formed');
    const date = defaultCalendar.addWorkingDays('2020-03-02', 40);
    d.send('convening.date_proposed', { openingDate: date });
    d.send('convening.date_approved');
    d.send('convening.announced', { openingDate: date, delegateAllocations: {} });
    const outcome = d.try('congress.opened', {}, { at: at(date) });
    if (outcome.ok) throw new Error('opened without review');
    expect(outcome.message).toContain('submit them for review (review.submitted)');
  });

  it('when the announcement gives another date than the one agreed, or allocates to a stranger, then it is refused', () => {
    const d = walkTo(new UnitDriver(), 'convening.date_approved');
    const agreed = d.context.openingDate as string;
    const other = d.try('convening.announced', { openingDate: '2020-12-01', delegateAllocations: {} });
    if (other.ok) throw new Error('announced another date');
    expect(other.message).toContain(`the superior agreed ${agreed}, not 2020-12-01`);
    const stranger = d.try('convening.announced', { openingDate: agreed, delegateAllocations: { 'x-9': 3 } });
    if (stranger.ok) throw new Error('allocated to a stranger');
    expect(stranger.message).toContain('unit x-9 is not a direct subordinate');
  });

  it('when no date is agreed, then the announcement is not even offered', () => {
    const d = walkTo(new UnitDriver(), 'convening.date_proposed');
    expect(listAllowedEvents(d.snapshot).some((a) => a.type === 'convening.announced')).toBe(false);
  });
});

describe('notice and the announced date', () => {
  /** A base unit whose opening date is agreed, announced on `announcedOn`. */
  function announcedOn(openingOn: string, announced: string): UnitDriver {
    const d = walkTo(new UnitDriver(), 'review.approved');
    d.send('convening.date_proposed', { openingDate: openingOn });
    d.send('convening.date_approved');
    d.send('convening.announced', { openingDate: openingOn, delegateAllocations: {} }, { at: at(announced) });
    return d;
  }

  const opening = '2020-07-21';

  it('when the opening is exactly 30 working days after the announcement, then it goes ahead', () => {
    const d = announcedOn(opening, '2020-06-09');
    expect(defaultCalendar.addWorkingDays('2020-06-09', 30)).toBe(opening);
    d.send('congress.opened', {}, { at: at(opening) });
  });

  it('when the announcement came one working day later, then the opening is refused with the earliest date', () => {
    const d = announcedOn(opening, '2020-06-10');
    const outcome = d.try('congress.opened', {}, { at: at(opening) });
    if (outcome.ok) throw new Error('opened with 29 working days of notice');
    expect(outcome.message).toContain(
      'less than 30 working days after the announcement of 2020-06-10 (earliest 2020-07-22)',
    );
  });

  it('when the opening comes before the announced date, then it is refused with the date', () => {
    const d = announcedOn(opening, '2020-06-01');
    const outcome = d.try('congress.opened', {}, { at: at('2020-07-20') });
    if (outcome.ok) throw new Error('opened early');
    expect(outcome.message).toContain(
      'the congress was announced for 2020-07-21: it cannot open before that date',
    );
  });

  it('when the opening comes after the announced date, then it must go through a postponement', () => {
    const d = announcedOn(opening, '2020-06-01');
    const late = d.try('congress.opened', {}, { at: at('2020-07-22') });
    if (late.ok) throw new Error('opened late without a postponement');
    expect(late.message).toContain('record a postponement (congress.postponed) first');
    d.send('congress.postponed', { until: '2020-07-31', reason: 'mưa bão' }, { at: at('2020-07-20') });
    d.send('congress.resumed', {}, { at: at('2020-07-23') });
    d.send('congress.opened', {}, { at: at('2020-07-24') });
  });
});
