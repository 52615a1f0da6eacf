/**
 * Representative procedures, driven through `applyEvent`: the normal paths of a base unit and a
 * cell, a postponed one, and detours that between them send every catalogue event at least once.
 */
import type { UnitInput } from '../../../../machines/api.types.js';
import { defaultCalendar, toVietnamDate } from '../../../../machines/calendar/vn-calendar.js';
import type { UncheckedEvent } from '../../../../machines/domain.js';
import { postponedProcedure } from './postponed-procedure.js';
import {
  COMMITTEE_CANDIDATES,
  electionRound,
  holdFirstMeeting,
  keyPostFails,
  listSet,
  openingDateAfter,
  shortRoundsThenContinue,
  skipStep,
  walkTo,
} from './procedure-steps.js';
import { UnitDriver, buildCell, buildUnit } from './unit-driver.js';

/** One unit's input and the events it accepted, in log order. */
export interface DrivenPath {
  name: string;
  input: UnitInput;
  events: UncheckedEvent[];
}

const WG = { actor: { id: 'wg-3', role: 'working_group' as const } };

function driven(name: string, input: UnitInput, drive: (d: UnitDriver) => void): DrivenPath {
  const d = new UnitDriver(input);
  drive(d);
  return { name, input, events: d.accepted };
}

function preparationDetours(d: UnitDriver): void {
  walkTo(d, 'plan.submitted');
  d.send('unit.flagged_difficult', { reason: 'mất đoàn kết nội bộ' }, WG);
  d.send('unit.difficulty_cleared', { reason: 'đã giải quyết' }, WG);
  d.send('plan.returned', { reason: 'thiếu lộ trình' });
  d.send('plan.submitted', { reference: '155-KH/ĐU (sửa đổi)' });
  d.send('pilot.designated', { reason: 'phường tiêu biểu' });
  d.send('subordinate.results_confirmed', { childId: 'cell-2', childSeq: 14 });
  // Decided a working day past the local clock: an irregularity, which the superior then closes.
  const late = defaultCalendar.addWorkingDays(toVietnamDate(d.at), 11);
  d.send('plan.approved', {}, { at: `${late}T01:00:00.000Z` });
  skipStep(d, 'plan.approved');
  d.send('irregularity.closed', { seq: d.seq, note: 'đã nhắc nhở, rút kinh nghiệm' });
  walkTo(d, 'bodies.formed');
  d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
  d.send('consultation.sent', { draft: 1 });
  d.send('consultation.reply_recorded', { unitId: 'cell-1' });
  d.send('consultation.closed_early', { reason: 'hết thời hạn góp ý' });
  d.send('documents.submitted');
  d.send('documents.returned', { reason: 'chưa đánh giá đúng hạn chế' });
  d.send('documents.draft_recorded', { draft: 2, title: 'Dự thảo 2' });
  d.send('documents.submitted');
  d.send('documents.approved');
  skipStep(d, 'documents.final');
  walkTo(d, 'subordinates.held');
  d.send('hierarchy.subordinates_changed', { added: ['cell-4'], removed: [] });
  d.send('gate.waiver_recorded', { unitIds: ['cell-4'], reason: 'sáp nhập với phường bên cạnh' });
  // As a superior: one of its cells is a pilot, whose lessons it records; as a subordinate: its own
  // superior's pilots and lessons reach it, and it discusses the national drafts.
  d.send('subordinate.pilot_designated', { childId: 'cell-1', childSeq: 3 });
  d.send('pilot.lessons_recorded', { conferenceDate: '2020-03-20', summary: 'Rút kinh nghiệm nhân sự' });
  d.send('superior.pilots_designated', { superiorId: 'district-1', superiorSeq: 9 });
  d.send('superior.pilot_lessons_recorded', { superiorId: 'district-1', superiorSeq: 12 });
  d.send('consultation.superior_drafts_discussed', { drafts: 'national' });
}

function sessionDetours(d: UnitDriver): void {
  walkTo(d, 'review.submitted');
  d.send('review.returned', { reason: 'đề án nhân sự cần bổ sung' });
  d.send('review.submitted');
  walkTo(d, 'convening.date_proposed');
  d.send('convening.date_returned', { reason: 'trùng lịch đại hội cấp trên' });
  d.send('convening.date_proposed', { openingDate: openingDateAfter(d.at) });
  walkTo(d, 'congress.official_session_opened');
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  d.send('election.recorded', keyPostFails, { at: d.at });
  d.send('election.direction_given', { decision: 'another_round', reason: 'giới thiệu lại' }, { at: d.at });
  const round2 = electionRound({ round: 2, votes: [{ candidateId: 'nguyen-van-a', votes: 9 }] });
  d.send('election.recorded', round2, { at: d.at });
  skipStep(d, 'election.recorded');
  walkTo(d, 'results.reported');
  d.send('results.annulled', { reason: 'vi phạm quy chế bầu cử' });
  d.send('congress.reconvened');
  shortRoundsThenContinue(d);
  d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
  holdFirstMeeting(d);
  d.send('results.reported');
  d.send('results.complaint_recorded', { reason: 'đơn khiếu nại về tư cách đại biểu' }, WG);
  d.send('results.complaint_resolved', { reason: 'đã xác minh, không có cơ sở' }, WG);
  d.send('results.confirmed');
  d.send('records.archived');
}

/** A cell whose personnel plan is returned and which holds a 3-content congress by consent. */
function threeContent(d: UnitDriver): void {
  walkTo(d, 'documents.final');
  d.send('personnel.plan_submitted');
  d.send('personnel.plan_returned', { reason: 'chưa có nhân sự phó bí thư' });
  d.send('personnel.plan_submitted');
  d.send('personnel.plan_approved');
  skipStep(d, 'personnel.approved');
  walkTo(d, 'review.approved');
  d.send('congress.form_changed', { form: 'three_content', reason: 'nhân sự bí thư chưa rõ' });
  walkTo(d, 'congress.official_session_opened');
  appointAndFinish(d);
}

/** From the closing of a congress without election: appointment, first meeting, then to the archive. */
function appointAndFinish(d: UnitDriver): void {
  d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
  d.send('committee.appointed', { decision: 'QĐ 12-QĐ/QU' });
  d.send('committee.first_meeting_held');
  for (const step of ['election.recorded', 'congress.closed', 'committee.first_meeting_held'] as const) {
    skipStep(d, step);
  }
  walkTo(d, 'records.archived');
}

/** A base unit whose paused election ends in a 3-content congress by the superior's direction. */
function directedThreeContent(d: UnitDriver): void {
  walkTo(d, 'congress.official_session_opened');
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  d.send('election.recorded', keyPostFails, { at: d.at });
  d.send('election.direction_given', { decision: 'three_content', reason: 'chưa thống nhất' }, { at: d.at });
  appointAndFinish(d);
}

/** Every representative path; together they accept every event type of the catalogue. */
export function representativePaths(): DrivenPath[] {
  const postponed = postponedProcedure();
  return [
    driven('base unit, normal path', buildUnit(), (d) => walkTo(d, 'records.archived')),
    driven('cell, normal path', buildCell(), (d) => walkTo(d, 'records.archived')),
    driven('cell with a committee, normal path', buildCell({ memberCount: 12 }), (d) =>
      walkTo(d, 'records.archived'),
    ),
    { name: 'base unit, postponed and resumed', input: postponed.input, events: postponed.events },
    driven('base unit, returns, waiver, paused election, annulment, pilot', buildUnit(), (d) => {
      preparationDetours(d);
      sessionDetours(d);
    }),
    driven('cell, 3-content congress by consent', buildCell({ memberCount: 12 }), threeContent),
    driven('base unit, 3-content congress by direction', buildUnit(), directedThreeContent),
  ];
}
