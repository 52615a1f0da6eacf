/**
 * Every event a unit's congress procedure accepts: dotted type, payload schema, the roles that may
 * send it, and labels in Vietnamese and English. The engine checks roles; the machine checks payloads.
 */
import type { z } from 'zod';
import type { EventDefinition } from '../api.types.js';
import type { EventRole } from '../domain.js';
import * as p from './payload-schemas.js';

const SECRETARY: EventRole[] = ['secretary'];
const SUPERIOR: EventRole[] = ['standing_committee'];
const SYSTEM: EventRole[] = ['system'];
// Inspection delegations read and report; they do not write to a unit's log (DOMAIN.md §1).
const SUPERVISORS: EventRole[] = ['working_group', 'standing_committee'];

type Row = [schema: z.ZodType<Record<string, unknown>>, roles: EventRole[], vi: string, en: string];

const ROWS = {
  'plan.submitted': [p.planSubmitted, SECRETARY, 'Trình kế hoạch đại hội', 'Congress plan submitted'],
  'plan.approved': [p.empty, SUPERIOR, 'Cấp trên duyệt kế hoạch', 'Plan approved by the superior'],
  'plan.returned': [p.withReason, SUPERIOR, 'Trả lại kế hoạch để sửa', 'Plan returned for revision'],
  'pilot.designated': [p.withReason, SUPERIOR, 'Chọn làm đại hội điểm', 'Designated a pilot congress'],
  'bodies.formed': [
    p.bodiesFormed,
    SECRETARY,
    'Thành lập tiểu ban, tổ công tác',
    'Subcommittees and groups formed',
  ],
  'documents.draft_recorded': [
    p.draftRecorded,
    SECRETARY,
    'Ghi nhận dự thảo văn kiện',
    'Document draft recorded',
  ],
  'consultation.sent': [p.consultationSent, SECRETARY, 'Gửi dự thảo lấy ý kiến', 'Draft sent for comments'],
  'consultation.reply_recorded': [
    p.consultationReply,
    SECRETARY,
    'Ghi nhận ý kiến góp ý',
    'Comments received',
  ],
  'consultation.closed_early': [
    p.withReason,
    SUPERIOR,
    'Kết thúc lấy ý kiến sớm',
    'Consultation closed early',
  ],
  'documents.submitted': [p.empty, SECRETARY, 'Trình văn kiện', 'Documents submitted'],
  'documents.approved': [p.empty, SUPERIOR, 'Cấp trên duyệt dự thảo văn kiện', 'Documents approved'],
  'documents.returned': [
    p.withReason,
    SUPERIOR,
    'Trả lại văn kiện để sửa',
    'Documents returned for revision',
  ],
  'personnel.step_recorded': [
    p.personnelStep,
    SECRETARY,
    'Ghi nhận bước quy trình nhân sự',
    'Personnel step recorded',
  ],
  'personnel.plan_submitted': [p.empty, SECRETARY, 'Trình đề án nhân sự', 'Personnel plan submitted'],
  'personnel.plan_approved': [p.empty, SUPERIOR, 'Cấp trên duyệt đề án nhân sự', 'Personnel plan approved'],
  'personnel.plan_returned': [p.withReason, SUPERIOR, 'Trả lại đề án nhân sự', 'Personnel plan returned'],
  'subordinate.congress_held': [
    p.subordinateHeld,
    SYSTEM,
    'Đơn vị trực thuộc đã tổ chức đại hội',
    'Subordinate congress held',
  ],
  'subordinate.results_confirmed': [
    p.subordinateHeld,
    SYSTEM,
    'Kết quả đại hội cấp dưới được chuẩn y',
    'Subordinate results confirmed',
  ],
  'gate.waiver_recorded': [
    p.waiver,
    SUPERIOR,
    'Đồng ý tiến hành đại hội khi còn đơn vị trực thuộc chưa đại hội',
    'Straggler waiver recorded',
  ],
  'hierarchy.subordinates_changed': [
    p.subordinatesChanged,
    SYSTEM,
    'Thay đổi đơn vị trực thuộc',
    'Subordinates changed',
  ],
  'subordinate.pilot_designated': [
    p.subordinateHeld,
    SYSTEM,
    'Đơn vị trực thuộc được chọn làm đại hội điểm',
    'Subordinate designated a pilot',
  ],
  'superior.pilots_designated': [
    p.superiorNotice,
    SYSTEM,
    'Cấp trên chọn đại hội điểm: chờ rút kinh nghiệm',
    'Superior designated pilots: wait for their lessons',
  ],
  'superior.pilot_lessons_recorded': [
    p.superiorNotice,
    SYSTEM,
    'Cấp trên đã rút kinh nghiệm đại hội điểm',
    'Superior recorded the pilot lessons',
  ],
  'consultation.superior_drafts_discussed': [
    p.draftsDiscussed,
    SECRETARY,
    'Thảo luận dự thảo văn kiện của cấp trên',
    "Superior's drafts discussed",
  ],
  'review.submitted': [p.empty, SECRETARY, 'Trình cấp trên duyệt', 'Submitted for superior review'],
  'review.approved': [p.empty, SUPERIOR, 'Cấp trên duyệt văn kiện và nhân sự', 'Superior review approved'],
  'review.returned': [p.withReason, SUPERIOR, 'Cấp trên trả lại hồ sơ', 'Superior review returned'],
  'congress.form_changed': [
    p.formChanged,
    SUPERIOR,
    'Đồng ý tổ chức đại hội 3 nội dung / 2 nội dung',
    'Congress form changed',
  ],
  'convening.date_proposed': [p.dateProposed, SECRETARY, 'Đề xuất ngày khai mạc', 'Opening date proposed'],
  'convening.date_approved': [p.empty, SUPERIOR, 'Cấp trên đồng ý ngày khai mạc', 'Opening date approved'],
  'convening.date_returned': [p.withReason, SUPERIOR, 'Không đồng ý ngày khai mạc', 'Opening date returned'],
  'convening.announced': [
    p.conveningAnnounced,
    SECRETARY,
    'Thông báo triệu tập đại hội, phân bổ đại biểu',
    'Congress convened: opening date and delegates announced',
  ],
  'congress.opened': [p.congressOpened, SECRETARY, 'Khai mạc phiên trù bị', 'Preparatory session opened'],
  'congress.official_session_opened': [
    p.officialSessionOpened,
    SECRETARY,
    'Khai mạc phiên chính thức',
    'Official session opened',
  ],
  'election.list_set': [p.electionListSet, SECRETARY, 'Thông qua danh sách bầu cử', 'Election list set'],
  'election.recorded': [p.electionRecorded, SECRETARY, 'Ghi nhận kết quả bầu cử', 'Election round recorded'],
  'election.continuation_decided': [
    p.continuationDecided,
    SECRETARY,
    'Đại hội quyết định bầu tiếp hay dừng',
    'Congress decided whether to go on',
  ],
  'election.direction_given': [
    p.directionGiven,
    SUPERIOR,
    'Cấp trên chỉ đạo bầu cử',
    'Superior direction given',
  ],
  'congress.closed': [p.congressClosed, SECRETARY, 'Bế mạc đại hội', 'Congress closed'],
  'congress.postponed': [p.postponed, SUPERIOR, 'Hoãn đại hội', 'Congress postponed'],
  'congress.resumed': [
    p.withOptionalNote,
    [...SECRETARY, ...SUPERIOR],
    'Tiếp tục chuẩn bị đại hội',
    'Procedure resumed',
  ],
  'committee.appointed': [p.committeeAppointed, SUPERIOR, 'Cấp trên chỉ định cấp uỷ', 'Committee appointed'],
  'committee.first_meeting_held': [
    p.empty,
    SECRETARY,
    'Hội nghị lần thứ nhất',
    'First committee meeting held',
  ],
  'results.reported': [p.empty, SECRETARY, 'Báo cáo kết quả đại hội', 'Results reported'],
  'results.confirmed': [p.empty, SUPERIOR, 'Chuẩn y kết quả bầu cử', 'Results confirmed'],
  'results.annulled': [p.annulled, SUPERIOR, 'Bác bỏ kết quả bầu cử, chỉ đạo bầu lại', 'Results annulled'],
  'results.complaint_recorded': [
    p.withReason,
    SUPERVISORS,
    'Ghi nhận khiếu nại về kết quả bầu cử',
    'Complaint about the results recorded',
  ],
  'results.complaint_resolved': [
    p.withReason,
    SUPERVISORS,
    'Đã giải quyết khiếu nại về kết quả bầu cử',
    'Complaint about the results resolved',
  ],
  'congress.reconvened': [p.empty, SECRETARY, 'Triệu tập lại để bầu lại', 'Reconvened for re-election'],
  'pilot.lessons_recorded': [
    p.pilotLessons,
    SUPERIOR,
    'Rút kinh nghiệm đại hội điểm',
    'Pilot lessons recorded',
  ],
  'records.archived': [p.empty, SECRETARY, 'Lập và nộp lưu hồ sơ đại hội', 'Records archived'],
  'unit.flagged_difficult': [
    p.withReason,
    SUPERVISORS,
    'Xác định đơn vị có khó khăn, phức tạp',
    'Unit flagged difficult',
  ],
  'irregularity.closed': [
    p.irregularityClosed,
    SUPERIOR,
    'Khép lại điểm chưa đúng quy định (đã xem xét, xử lý)',
    'Irregularity closed (reviewed and dealt with)',
  ],
  'unit.difficulty_cleared': [
    p.withReason,
    SUPERVISORS,
    'Đã tháo gỡ khó khăn, phức tạp',
    'Difficulty cleared',
  ],
} satisfies Record<string, Row>;

/** Every event type the catalogue knows, as a union of its dotted names. */
export type CongressEventType = keyof typeof ROWS;

/** Each event type's payload schema, as the type checker sees it (`congress-event.ts` derives the events). */
export type PayloadSchemas = { [K in CongressEventType]: (typeof ROWS)[K][0] };

/** The event catalogue, keyed by dotted type. */
export const EVENT_CATALOGUE: Record<string, EventDefinition> = Object.fromEntries(
  Object.entries(ROWS).map(([type, [schema, roles, vi, en]]) => [
    type,
    { type, schema, roles, label: { vi, en } },
  ]),
);

/**
 * Payload schemas as machine versions before 4 recorded them, so their logs replay: the official
 * session carried no attendance and a round no ballots.
 */
const BEFORE_VERSION_4: Partial<Record<string, z.ZodType<Record<string, unknown>>>> = {
  'congress.official_session_opened': p.empty,
  'election.recorded': p.legacyElectionRecorded,
};

/** The payload schema of `type` as machine `version` records it. */
export function payloadSchemaFor(
  type: string,
  version: number,
): z.ZodType<Record<string, unknown>> | undefined {
  if (version < 4 && BEFORE_VERSION_4[type]) return BEFORE_VERSION_4[type];
  return EVENT_CATALOGUE[type]?.schema;
}

/** Every event type, in catalogue order. */
export const EVENT_TYPES: readonly string[] = Object.keys(ROWS);
