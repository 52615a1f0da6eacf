/**
 * Procedures that between them pass through a state allowing every event a person sends, driven
 * through the pure machine with the congress tests' own steps and sample payloads. Each walk is the
 * list of events the machine accepted, in order, so a test can replay them on a unit of a real tree
 * (the same input: level, members, subordinates, term, opening instant) and send any of them
 * through another door instead, knowing the payload is valid in that state.
 */
import type { UnitInput } from '../../../machines/api.types.js';
import { defaultCalendar, toVietnamDate } from '../../../machines/calendar/vn-calendar.js';
import type { UncheckedEvent } from '../../../machines/domain.js';
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
} from '../../machines/congress/support/procedure-steps.js';
import { samplePayloads } from '../../machines/congress/support/sample-payloads.js';
import type { CongressContext } from '../../../machines/congress/congress.context.js';
import { UnitDriver, buildCell, buildUnit } from '../../machines/congress/support/unit-driver.js';

export interface CatalogueWalk {
  input: UnitInput;
  events: UncheckedEvent[];
}

const WG = { actor: { id: 'wg-1', role: 'working_group' as const } };

/** Sends `type` with the first sample payload the congress tests use for it in the unit's state. */
function sendSample(d: UnitDriver, type: string, overrides = {}): void {
  const [payload] = samplePayloads(type, d.context as unknown as CongressContext, d.at);
  if (!payload) throw new Error(`no sample payload for ${type} in this state`);
  d.send(type, payload, overrides);
}

/**
 * A base unit with three cells: difficulty flagged and cleared, plan returned, pilot, a late plan
 * approval's irregularity closed by the superior, documents
 * returned, consultation closed early, two cells held and one waived, pilot lessons, the national
 * drafts discussed, review and date returned, a paused election redirected, results annulled, a
 * continued election, a complaint; then archived.
 */
function baseWithDetours(d: UnitDriver): void {
  walkTo(d, 'plan.submitted');
  d.send('unit.flagged_difficult', { reason: 'mất đoàn kết nội bộ' }, WG);
  d.send('unit.difficulty_cleared', { reason: 'đã giải quyết' }, WG);
  sendSample(d, 'plan.returned');
  d.send('plan.submitted', { reference: '155-KH/ĐU (sửa đổi)' });
  sendSample(d, 'pilot.designated');
  // Approved a working day past the local decision clock: an irregularity, which the superior closes.
  const late = defaultCalendar.addWorkingDays(toVietnamDate(d.at), 11);
  d.send('plan.approved', {}, { at: `${late}T02:00:00.000Z` });
  skipStep(d, 'plan.approved');
  d.send('irregularity.closed', { seq: d.seq, note: 'đã nhắc nhở, rút kinh nghiệm' });
  walkTo(d, 'bodies.formed');
  sendSample(d, 'documents.draft_recorded');
  sendSample(d, 'consultation.sent');
  d.send('consultation.reply_recorded', { unitId: 'cell-1', comments: 3 });
  sendSample(d, 'consultation.closed_early');
  d.send('documents.submitted');
  sendSample(d, 'documents.returned');
  d.send('documents.draft_recorded', { draft: 2, title: 'Dự thảo 2' });
  d.send('documents.submitted');
  d.send('documents.approved');
  skipStep(d, 'documents.final');
  walkTo(d, 'personnel.approved');
  d.send('subordinate.congress_held', { childId: 'cell-1', childSeq: 40 });
  d.send('subordinate.congress_held', { childId: 'cell-2', childSeq: 41 });
  sendSample(d, 'gate.waiver_recorded');
  skipStep(d, 'subordinates.held');
  // As a superior whose cell is a pilot (the cascade a cell's designation makes), and as a
  // subordinate discussing the national drafts.
  d.send('subordinate.pilot_designated', { childId: 'cell-1', childSeq: 3 });
  d.send('pilot.lessons_recorded', { conferenceDate: '2020-03-20', summary: 'Rút kinh nghiệm nhân sự' });
  d.send('consultation.superior_drafts_discussed', { drafts: 'national', note: 'Góp ý dự thảo' });
  walkTo(d, 'review.submitted');
  sendSample(d, 'review.returned');
  d.send('review.submitted');
  walkTo(d, 'convening.date_proposed');
  sendSample(d, 'convening.date_returned');
  d.send('convening.date_proposed', { openingDate: openingDateAfter(d.at), officialDelegates: 120 });
  walkTo(d, 'congress.official_session_opened');
  d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: d.at });
  d.send('election.recorded', keyPostFails, { at: d.at });
  d.send('election.direction_given', { decision: 'another_round', reason: 'giới thiệu lại' }, { at: d.at });
  const round2 = electionRound({ round: 2, votes: [{ candidateId: 'nguyen-van-a', votes: 9 }] });
  d.send('election.recorded', round2, { at: d.at });
  skipStep(d, 'election.recorded');
  walkTo(d, 'results.reported');
  sendSample(d, 'results.annulled');
  d.send('congress.reconvened');
  shortRoundsThenContinue(d);
  d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
  holdFirstMeeting(d);
  d.send('results.reported');
  sendSample(d, 'results.complaint_recorded', WG);
  sendSample(d, 'results.complaint_resolved', WG);
  d.send('results.confirmed');
  d.send('records.archived');
}

/**
 * A cell of 12 postponed and resumed, whose personnel plan is returned and which holds a 3-content
 * congress by consent, its committee appointed; then archived.
 */
function cellPostponedThreeContent(d: UnitDriver): void {
  walkTo(d, 'plan.approved');
  d.send('congress.postponed', { until: '2020-04-30', reason: 'dịch bệnh' });
  d.send('congress.resumed', { note: 'hết giãn cách' });
  walkTo(d, 'documents.final');
  d.send('personnel.plan_submitted');
  sendSample(d, 'personnel.plan_returned');
  d.send('personnel.plan_submitted');
  d.send('personnel.plan_approved');
  skipStep(d, 'personnel.approved');
  walkTo(d, 'review.approved');
  d.send('congress.form_changed', { form: 'three_content', reason: 'nhân sự bí thư chưa rõ' });
  walkTo(d, 'congress.official_session_opened');
  d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
  sendSample(d, 'committee.appointed');
  d.send('committee.first_meeting_held');
  for (const step of ['election.recorded', 'congress.closed', 'committee.first_meeting_held'] as const)
    skipStep(d, step);
  walkTo(d, 'records.archived');
}

function walked(input: UnitInput, drive: (d: UnitDriver) => void): CatalogueWalk {
  const d = new UnitDriver(input);
  drive(d);
  return { input, events: d.accepted };
}

/** The walks, keyed by the unit they run on: `base-1` (cells cell-1…3) and `cell-12` (12 members). */
export function catalogueWalks(): Record<string, CatalogueWalk> {
  return {
    'base-1': walked(buildUnit(), baseWithDetours),
    'cell-12': walked(buildCell({ unitId: 'cell-12', memberCount: 12 }), cellPostponedThreeContent),
  };
}
