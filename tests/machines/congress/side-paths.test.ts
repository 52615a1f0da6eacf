import { describe, expect, it } from 'vitest';
import { listAllowedEvents, milestonesOf, phaseOf } from '../../../machines/index.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import {
  COMMITTEE_CANDIDATES,
  electionRound,
  holdFirstMeeting,
  keyPostFails,
  listSet,
  walkTo,
} from './support/procedure-steps.js';
import { UnitDriver, buildCell, buildUnit } from './support/unit-driver.js';

const RULES = getRuleSet('2020-2025');
const entered = (d: UnitDriver) => d.context.entered as Record<string, { seq: number }>;

describe('returned for revision', () => {
  it('when the superior returns the plan, then the unit resubmits and the step is entered anew', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    const firstEntry = entered(d)['plan.submitted']?.seq;
    d.send('plan.returned', { reason: 'thiếu lộ trình tổ chức đại hội chi bộ' });
    expect(d.snapshot.value).toEqual({ procedure: { plan: 'returned' } });
    d.send('plan.submitted', { reference: '155-KH/ĐU (sửa đổi)' });
    expect(entered(d)['plan.submitted']?.seq).toBeGreaterThan(firstEntry ?? Infinity);
    expect(entered(d)['plan.returned']).toBeUndefined();
    d.send('plan.approved');
    expect(phaseOf(d.snapshot)).toBe('bodies');
  });

  it('when the documents are returned, then a new draft is recorded and they are resubmitted', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('consultation.sent', { draft: 1 });
    d.send('consultation.closed_early', { reason: 'hết thời hạn góp ý' });
    d.send('documents.submitted');
    d.send('documents.returned', { reason: 'báo cáo chưa đánh giá đúng hạn chế' });
    d.send('documents.draft_recorded', { draft: 2, title: 'Dự thảo 2' });
    d.send('documents.submitted');
    d.send('documents.approved');
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { documents: 'final' } } });
    expect(d.context.drafts).toBe(2);
  });

  it('when the personnel plan is returned, then it can be resubmitted and approved', () => {
    const d = walkTo(new UnitDriver(), 'documents.final');
    walkTo(d, 'personnel.approved');
    expect(d.context.personnelApproved).toBe(true);
    const cell = walkTo(new UnitDriver(buildCell()), 'documents.final');
    cell.send('personnel.plan_submitted');
    cell.send('personnel.plan_returned', { reason: 'chưa có nhân sự phó bí thư' });
    expect(cell.snapshot.value).toMatchObject({ procedure: { preparation: { personnel: 'planReturned' } } });
    cell.send('personnel.plan_submitted');
    cell.send('personnel.plan_approved');
    expect(cell.snapshot.value).toMatchObject({ procedure: { preparation: { personnel: 'approved' } } });
  });

  it('when the superior review returns the dossier, then resubmission goes back to pending review', () => {
    const d = walkTo(new UnitDriver(), 'review.submitted');
    d.send('review.returned', { reason: 'đề án nhân sự cần bổ sung' });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { review: 'returned' } } });
    d.send('review.submitted');
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { review: 'pending' } } });
  });

  it('when the opening date is returned, then the unit proposes another one', () => {
    const d = walkTo(new UnitDriver(), 'convening.date_proposed');
    d.send('convening.date_returned', { reason: 'trùng lịch đại hội cấp trên' });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { convening: 'proposing' } } });
  });
});

describe('postponement', () => {
  it('when the superior postpones a unit mid-preparation, then resuming returns to every region where it was', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('subordinate.congress_held', { childId: 'cell-1', childSeq: 12 });
    const before = d.snapshot.value;
    d.send('congress.postponed', { until: '2020-09-30', reason: 'dịch COVID-19' });
    expect(phaseOf(d.snapshot)).toBe('postponed');
    expect(milestonesOf(d.snapshot, RULES).postponed).toBe(true);
    d.send('congress.resumed', {}, { actor: { id: 'sec', role: 'secretary' } });
    expect(d.snapshot.value).toEqual(before);
    expect(d.context.drafts).toBe(1);
  });

  it('when a postponement goes beyond the limit for the level, then a national limit refuses and a local-policy one is recorded', () => {
    const base = walkTo(new UnitDriver(), 'plan.submitted');
    expect(base.try('congress.postponed', { until: '2021-06-30', reason: 'x' }).ok).toBe(true);
    expect(base.context.irregularities).toBeUndefined();
    const later = walkTo(new UnitDriver(), 'plan.submitted');
    later.send('congress.postponed', { until: '2021-07-01', reason: 'x' });
    const recorded = later.context.irregularities as { rule: string }[];
    expect(recorded.map((i) => i.rule)).toEqual(['postponement.otherMonths']);
    const cell = walkTo(new UnitDriver(buildCell()), 'plan.submitted');
    expect(cell.try('congress.postponed', { until: '2020-10-01', reason: 'x' }).ok).toBe(false);
    expect(cell.try('congress.postponed', { until: '2020-09-30', reason: 'x' }).ok).toBe(true);
  });

  it('when a postponed unit is rescheduled, then the new date replaces the old one', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    d.send('congress.postponed', { until: '2020-08-31', reason: 'dịch COVID-19' });
    const first = entered(d).postponed?.seq;
    d.send('congress.postponed', { until: '2020-10-31', reason: 'dịch kéo dài' });
    expect(d.context.postponement).toEqual({ until: '2020-10-31', reason: 'dịch kéo dài' });
    expect(entered(d).postponed?.seq).toBeGreaterThan(first ?? Infinity);
  });

  it('when the congress has been held, then it can no longer be postponed', () => {
    const d = walkTo(new UnitDriver(), 'congress.closed');
    const outcome = d.try('congress.postponed', { until: '2020-12-01', reason: 'x' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('already been held');
  });
});

/** The committee list (3 seats, 4 candidates), set once the official session is open. */
function committeeList(d: UnitDriver): UnitDriver {
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  return d;
}

const elections = (d: UnitDriver) => d.context.elections as Record<string, Record<string, unknown>>;

describe('elections', () => {
  it('when too few are elected, then another round among the rest fills the remaining seats', () => {
    const d = committeeList(walkTo(new UnitDriver(), 'congress.official_session_opened'));
    const round1 = electionRound({
      keyPostCandidateIds: [],
      votes: [
        { candidateId: 'nguyen-van-a', votes: 9 },
        { candidateId: 'tran-thi-b', votes: 5 },
        { candidateId: 'le-van-c', votes: 4 },
      ],
    });
    d.send('election.recorded', round1, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'elections' } });
    expect(elections(d).committee).toMatchObject({ round: 1, seatsRemaining: 2, status: 'voting' });
    const elected = d.try('election.recorded', { ...round1, round: 2 }, { at: d.at });
    expect(elected.ok).toBe(false);
    if (!elected.ok) expect(elected.message).toContain('nguyen-van-a is not in this round');
    const round2 = electionRound({
      round: 2,
      keyPostCandidateIds: [],
      votes: round1.votes.slice(1).map((v) => ({ ...v, votes: 8 })),
    });
    d.send('election.recorded', round2, { at: d.at });
    expect(elections(d).committee).toMatchObject({ status: 'complete', seatsRemaining: 0 });
    expect(d.try('congress.closed', { resolution: 'x' }, { at: d.at }).ok).toBe(true);
  });

  it('when the intended secretary is not elected, then the election pauses until the superior orders another round', () => {
    const d = committeeList(walkTo(new UnitDriver(), 'congress.official_session_opened'));
    d.send('election.recorded', keyPostFails, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { congress: 'paused' } });
    expect(d.try('congress.closed', { resolution: 'x' }, { at: d.at }).ok).toBe(false);
    d.send('election.direction_given', { decision: 'another_round', reason: 'giới thiệu lại' }, { at: d.at });
    d.send(
      'election.recorded',
      electionRound({ round: 2, votes: [{ candidateId: 'nguyen-van-a', votes: 9 }] }),
      {
        at: d.at,
      },
    );
    expect(elections(d).committee).toMatchObject({ status: 'complete' });
  });

  it('when the superior directs a 3-content congress after a key-post failure, then the committee is appointed later', () => {
    const d = committeeList(walkTo(new UnitDriver(), 'congress.official_session_opened'));
    d.send('election.recorded', keyPostFails, { at: d.at });
    d.send(
      'election.direction_given',
      { decision: 'three_content', reason: 'nhân sự chưa thống nhất' },
      { at: d.at },
    );
    expect(d.context.form).toBe('three_content');
    expect(elections(d).committee).toMatchObject({ status: 'stopped' });
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { firstMeeting: 'appointment' } });
    d.send('committee.appointed', { decision: 'QĐ 12-QĐ/QU' });
    d.send('committee.first_meeting_held');
    expect(phaseOf(d.snapshot)).toBe('report');
  });
});

describe('congress forms', () => {
  it('when the superior consents to a 3-content congress before it opens, then it elects delegates but no committee', () => {
    const d = walkTo(new UnitDriver(), 'review.approved');
    d.send('congress.form_changed', { form: 'three_content', reason: 'nhân sự bí thư chưa rõ' });
    walkTo(d, 'congress.official_session_opened');
    const committee = d.try('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
    expect(committee.ok).toBe(false);
    if (!committee.ok) expect(committee.message).toContain('a 3-content congress elects no committee');
    d.send('election.list_set', listSet('delegates', 1, ['nguyen-van-a', 'tran-thi-b']), { at: d.at });
    const votes = [
      { candidateId: 'nguyen-van-a', votes: 9 },
      { candidateId: 'tran-thi-b', votes: 1 },
    ];
    d.send('election.recorded', electionRound({ election: 'delegates', votes, keyPostCandidateIds: [] }), {
      at: d.at,
    });
    expect(elections(d).delegates).toMatchObject({ status: 'complete', elected: ['nguyen-van-a'] });
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { firstMeeting: 'appointment' } });
  });

  it('when a 2-content congress is asked for in a term that does not allow it, then it is refused', () => {
    const d = walkTo(new UnitDriver(), 'review.approved');
    const outcome = d.try('congress.form_changed', { form: 'two_content', reason: 'sáp nhập' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('does not allow a two-content congress');
  });

  it('when a merged unit holds a 2-content congress in 2025, then it elects nothing and the superior appoints its committee', () => {
    const d = walkTo(new UnitDriver(buildUnit({ ruleSetId: '2025-2030' })), 'review.approved');
    d.send('congress.form_changed', { form: 'two_content', reason: 'đảng bộ mới sáp nhập' });
    walkTo(d, 'congress.official_session_opened');
    const delegates = d.try('election.list_set', listSet('delegates', 1, ['nguyen-van-a', 'tran-thi-b']), {
      at: d.at,
    });
    expect(delegates.ok).toBe(false);
    if (!delegates.ok) expect(delegates.message).toContain('a 2-content congress elects nothing');
    // A round is refused for the same reason, not sent back to a list it could never set.
    const round = d.try('election.recorded', electionRound({ election: 'delegates' }), { at: d.at });
    expect(round.ok).toBe(false);
    if (!round.ok) expect(round.message).toContain('a 2-content congress elects nothing');
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { firstMeeting: 'appointment' } });
  });

  it('when a 2-content unit reports after the appointment, then its record goes to the archive: nothing elected, nothing to confirm', () => {
    const d = walkTo(new UnitDriver(buildUnit({ ruleSetId: '2025-2030' })), 'review.approved');
    d.send('congress.form_changed', { form: 'two_content', reason: 'đảng bộ mới sáp nhập' });
    walkTo(d, 'congress.official_session_opened');
    const electionsOffered = () =>
      listAllowedEvents(d.snapshot)
        .filter((e) => e.allowed && e.type.startsWith('election.'))
        .map((e) => e.type);
    // Neither at the congress nor at the appointed committee's first meeting is a list or a round offered.
    expect(electionsOffered()).toEqual([]);
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    d.send('committee.appointed', { decision: 'QĐ chỉ định' }, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: { firstMeeting: 'meeting' } });
    expect(electionsOffered()).toEqual([]);
    const refusedList = listAllowedEvents(d.snapshot).find((e) => e.type === 'election.list_set');
    expect(refusedList?.reason).toContain('a 2-content congress elects nothing');
    d.send('committee.first_meeting_held', {}, { at: d.at });
    d.send('results.reported', {}, { at: d.at });
    expect(d.snapshot.value).toEqual({ procedure: 'archive' });
    const confirmed = d.try('results.confirmed', {}, { at: d.at });
    expect(confirmed.ok).toBe(false);
    const offered = listAllowedEvents(d.snapshot)
      .filter((e) => e.allowed)
      .map((e) => e.type);
    expect(offered).toContain('records.archived');
    expect(offered).not.toContain('results.confirmed');
    expect(milestonesOf(d.snapshot, getRuleSet('2025-2030')).resultsConfirmed).toBe(false);
    d.send('records.archived', {}, { at: d.at });
    expect(d.snapshot.status).toBe('done');
    expect(d.accepted.map((e) => e.type).slice(-4)).toEqual([
      'committee.appointed',
      'committee.first_meeting_held',
      'results.reported',
      'records.archived',
    ]);
  });

  it('when a 4-content unit reports, then it still waits for the superior to confirm its results', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    expect(d.snapshot.value).toEqual({ procedure: 'confirmation' });
  });
});

describe('the decision to go on after short rounds', () => {
  it('when no election awaits the decision, then it is not offered; once too few are elected, it is', () => {
    const d = walkTo(new UnitDriver(), 'congress.official_session_opened');
    const offered = () =>
      listAllowedEvents(d.snapshot).find((e) => e.type === 'election.continuation_decided')?.allowed;
    d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
    expect(offered()).toBe(false);
    const nobody = COMMITTEE_CANDIDATES.map((candidateId) => ({ candidateId, votes: 4 }));
    for (const round of [1, 2]) {
      d.send('election.recorded', electionRound({ round, votes: nobody, keyPostCandidateIds: [] }), {
        at: d.at,
      });
    }
    expect(elections(d).committee).toMatchObject({ status: 'deciding' });
    expect(offered()).toBe(true);
  });
});

describe('annulment', () => {
  it('when the superior annuls the results, then the unit re-elects from a new list and confirms again', () => {
    const d = walkTo(new UnitDriver(), 'results.reported');
    const heldAt = d.context.congressHeldAt;
    d.send('results.annulled', { reason: 'vi phạm quy chế bầu cử' });
    expect(phaseOf(d.snapshot)).toBe('annulled');
    d.send('congress.reconvened');
    expect(d.context.election).toEqual({ round: 0, reruns: 1 });
    expect(d.context.elections).toBeUndefined();
    committeeList(d);
    d.send('election.recorded', electionRound(), { at: d.at });
    const closing = d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    // The parent already counts this unit as held: re-election does not report it twice.
    expect(closing.effects).toEqual([]);
    expect(d.context.congressHeldAt).toBe(heldAt);
    holdFirstMeeting(d);
    d.send('results.reported');
    expect(d.send('results.confirmed').effects).toHaveLength(1);
  });
});

describe('flags, hierarchy and pilots', () => {
  it('when a working group flags a unit difficult and later clears it, then the milestone follows', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    d.send(
      'unit.flagged_difficult',
      { reason: 'mất đoàn kết nội bộ' },
      { actor: { id: 'wg-3', role: 'working_group' } },
    );
    expect(milestonesOf(d.snapshot, RULES).difficult).toBe(true);
    expect(d.try('unit.flagged_difficult', { reason: 'again' }).ok).toBe(false);
    d.send('unit.difficulty_cleared', { reason: 'đã giải quyết' });
    expect(milestonesOf(d.snapshot, RULES).difficult).toBe(false);
    expect(d.try('unit.difficulty_cleared', { reason: 'again' }).ok).toBe(false);
  });

  it('when a subordinate is added after the gate was met, then the gate closes until it holds its congress', () => {
    const d = walkTo(new UnitDriver(), 'subordinates.held');
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { subordinates: 'met' } } });
    d.send('hierarchy.subordinates_changed', { added: ['cell-4'], removed: [] });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { subordinates: 'waiting' } } });
    d.send('hierarchy.subordinates_changed', { added: [], removed: ['cell-4'] });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { subordinates: 'met' } } });
    expect(d.try('hierarchy.subordinates_changed', { added: [], removed: ['cell-9'] }).ok).toBe(false);
  });

  it("when a subordinate's results are confirmed, then the parent records it once, whatever its own phase", () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    d.send('subordinate.results_confirmed', { childId: 'cell-2', childSeq: 14 });
    expect(d.context.confirmedSubordinates).toEqual(['cell-2']);
    const again = d.try('subordinate.results_confirmed', { childId: 'cell-2', childSeq: 15 });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toContain('the results of unit cell-2 are already confirmed');
    expect(d.try('subordinate.results_confirmed', { childId: 'elsewhere', childSeq: 1 }).ok).toBe(false);
  });

  it('when a pilot unit is confirmed, then it archives at once: its own archive waits for nothing', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    d.send('pilot.designated', { reason: 'phường tiêu biểu' });
    walkTo(d, 'results.confirmed');
    expect(phaseOf(d.snapshot)).toBe('confirmation');
    d.send('records.archived');
    expect(phaseOf(d.snapshot)).toBe('completed');
  });

  it('when a cell tries to record a five-step personnel step, then it is refused', () => {
    const d = walkTo(new UnitDriver(buildCell()), 'plan.approved');
    const outcome = d.try('personnel.step_recorded', {
      track: 'reelection',
      step: 'standing_committee_review',
      summoned: 7,
      attended: 7,
      votes: [],
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('cells do not run the five-step');
  });
});
