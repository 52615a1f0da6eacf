/**
 * The payload fields' names and the enum values' names in Vietnamese and English, written once and
 * attached to the zod schemas with `.meta()`. `z.toJSONSchema` copies that metadata into the JSON
 * Schema the dashboard draws its forms from: a field's `label` and an enum's `enumLabels`, so no
 * screen keeps its own list of field names.
 */
import { z } from 'zod';
import type { CongressKind, ElectionKind } from '../rules/election-kinds.js';
import { ELECTION_LABELS } from '../rules/election-kinds.js';
import type { ExclusionCategory } from '../election/exclusions.js';

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Every payload field the forms show, nested ones (a vote's candidate, a ballot count) included. */
export const FIELD_LABELS = {
  reason: { vi: 'Lý do', en: 'Reason' },
  note: { vi: 'Ghi chú', en: 'Note' },
  reference: { vi: 'Số hiệu văn bản', en: 'Reference' },
  conferenceDate: { vi: 'Ngày hội nghị rút kinh nghiệm', en: 'Lessons-learned conference date' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  subcommittees: { vi: 'Tiểu ban', en: 'Subcommittees' },
  workingGroups: { vi: 'Số tổ công tác', en: 'Working groups' },
  inspectionDelegations: { vi: 'Số đoàn kiểm tra, giám sát', en: 'Inspection delegations' },
  draft: { vi: 'Dự thảo số', en: 'Draft number' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  unitId: { vi: 'Đơn vị góp ý (mã)', en: 'Unit that replied (id)' },
  comments: { vi: 'Số ý kiến', en: 'Comments' },
  track: { vi: 'Diện', en: 'Track' },
  step: { vi: 'Bước', en: 'Step' },
  summoned: { vi: 'Số được triệu tập', en: 'Summoned' },
  attended: { vi: 'Số có mặt', en: 'Attended' },
  present: { vi: 'Số có mặt', en: 'Present' },
  votes: { vi: 'Số phiếu của từng người', en: 'Votes per candidate' },
  voteCount: { vi: 'Số phiếu', en: 'Votes' },
  candidateId: { vi: 'Người ứng cử', en: 'Candidate' },
  childId: { vi: 'Đơn vị trực thuộc (mã)', en: 'Subordinate unit (id)' },
  childSeq: { vi: 'Số thứ tự sự kiện của đơn vị trực thuộc', en: 'Subordinate’s event seq' },
  unitIds: { vi: 'Các đơn vị (mã)', en: 'Units (ids)' },
  added: { vi: 'Đơn vị thêm (mã)', en: 'Added units (ids)' },
  removed: { vi: 'Đơn vị bớt (mã)', en: 'Removed units (ids)' },
  openingDate: { vi: 'Ngày khai mạc', en: 'Opening date' },
  officialDelegates: { vi: 'Số đại biểu chính thức', en: 'Official delegates' },
  delegateAllocations: {
    vi: 'Phân bổ đại biểu cho đơn vị trực thuộc',
    en: 'Delegates allocated to subordinate units',
  },
  waivers: { vi: 'Các lần đồng ý cho đơn vị chưa đại hội', en: 'Waivers relied on' },
  seq: { vi: 'Số thứ tự sự kiện', en: 'Event seq' },
  superiorId: { vi: 'Cấp trên (mã)', en: 'Superior unit (id)' },
  superiorSeq: { vi: 'Số thứ tự sự kiện của cấp trên', en: 'Superior’s event seq' },
  drafts: { vi: 'Dự thảo được thảo luận', en: 'Drafts discussed' },
  scope: { vi: 'Phạm vi bác bỏ', en: 'Scope' },
  posts: { vi: 'Chức danh bị bác bỏ kết quả', en: 'Annulled posts' },
  form: { vi: 'Hình thức đại hội', en: 'Congress form' },
  round: { vi: 'Lần bầu', en: 'Round' },
  exclusions: {
    vi: 'Các trường hợp trừ khỏi tổng số để tính kết quả',
    en: 'Exclusions from the base',
  },
  category: { vi: 'Trường hợp', en: 'Category' },
  count: { vi: 'Số lượng', en: 'Count' },
  seats: { vi: 'Số lượng được bầu', en: 'Seats' },
  keyPostCandidateIds: {
    vi: 'Người được giới thiệu giữ chức danh chủ chốt',
    en: 'Intended key-post holders',
  },
  tieBreak: { vi: 'Thứ tự khi bằng phiếu', en: 'Tie break' },
  election: { vi: 'Cuộc bầu cử', en: 'Election' },
  congressKind: { vi: 'Loại đại hội', en: 'Congress kind' },
  by: { vi: 'Hình thức giới thiệu', en: 'Nominated by' },
  support: { vi: 'Số người tán thành', en: 'Support' },
  alternateSeats: { vi: 'Số đại biểu dự khuyết', en: 'Alternate seats' },
  candidates: { vi: 'Danh sách bầu cử', en: 'Candidates' },
  nominations: { vi: 'Giới thiệu, đề cử, ứng cử', en: 'Nominations' },
  allocatedSeats: { vi: 'Số đại biểu được cấp trên phân bổ', en: 'Seats allocated by the superior' },
  ballots: { vi: 'Kiểm phiếu', en: 'Ballots' },
  issued: { vi: 'Số phiếu phát ra', en: 'Issued' },
  collected: { vi: 'Số phiếu thu vào', en: 'Collected' },
  valid: { vi: 'Số phiếu hợp lệ', en: 'Valid' },
  invalid: { vi: 'Số phiếu không hợp lệ', en: 'Invalid' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  addCandidates: { vi: 'Người bổ sung vào danh sách', en: 'Candidates added' },
  resolution: { vi: 'Nghị quyết', en: 'Resolution' },
  until: { vi: 'Hoãn đến ngày', en: 'Postponed until' },
  irregularitySeq: {
    vi: 'Số thứ tự sự kiện đã ghi nhận điểm chưa đúng quy định',
    en: 'Seq of the entry that recorded the irregularity',
  },
  closingNote: { vi: 'Đã xem xét, xử lý thế nào', en: 'How it was looked into and dealt with' },
} as const satisfies Record<string, Bilingual>;

export type FieldName = keyof typeof FIELD_LABELS;

/**
 * Who leaves the majority base (QĐ 244 Art. 32 §2–3, kept by QĐ 190), in the regulation's words; the
 * vote-count minutes print the same names.
 */
export const EXCLUSION_LABELS: Record<ExclusionCategory, Bilingual> = {
  attached_elsewhere: {
    vi: 'Đảng viên được giới thiệu sinh hoạt tạm thời ở đảng bộ khác',
    en: 'Members attending temporarily at another organisation',
  },
  excused_absent: {
    vi: 'Đảng viên được miễn công tác và sinh hoạt đảng, vắng mặt',
    en: 'Members excused from Party work and activity, absent',
  },
  suspended_prosecuted_detained: {
    vi: 'Đảng viên bị đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam',
    en: 'Members suspended, prosecuted or detained',
  },
  absent_accepted_reason: {
    vi: 'Đảng viên chính thức vắng mặt suốt thời gian đại hội có lý do được chấp nhận',
    en: 'Full members absent throughout with an accepted reason',
  },
  delegate_absent_no_alternate: {
    vi: 'Đại biểu chính thức vắng mặt suốt thời gian đại hội, không có đại biểu dự khuyết thay',
    en: 'Official delegates absent throughout, with no alternate in their place',
  },
  convening_member_absent: {
    vi: 'Cấp uỷ viên cấp triệu tập (đại biểu đương nhiên) vắng mặt suốt thời gian đại hội',
    en: 'Convening committee members (delegates by right) absent throughout',
  },
};

/** Who votes (the minutes' subtitle and the attendance form). */
export const CONGRESS_KIND_LABELS: Record<CongressKind, Bilingual> = {
  member: { vi: 'Đại hội đảng viên', en: 'Member congress' },
  delegate: { vi: 'Đại hội đại biểu', en: 'Delegate congress' },
  conference: { vi: 'Hội nghị ban chấp hành', en: 'Committee meeting' },
};

/** The values of each enum the payloads use, by what they choose. */
export const ENUM_LABELS = {
  election: ELECTION_LABELS satisfies Record<ElectionKind, Bilingual>,
  exclusion: EXCLUSION_LABELS,
  congressKind: CONGRESS_KIND_LABELS,
  subcommittee: {
    documents: { vi: 'Tiểu ban văn kiện', en: 'Documents' },
    personnel: { vi: 'Tiểu ban nhân sự', en: 'Personnel' },
    organisation: { vi: 'Tiểu ban tổ chức, phục vụ', en: 'Organisation and service' },
    propaganda: { vi: 'Tiểu ban tuyên truyền', en: 'Propaganda' },
  },
  track: {
    reelection: { vi: 'Tái cử', en: 'Re-election' },
    firstTime: { vi: 'Tham gia lần đầu', en: 'First-time' },
  },
  drafts: {
    national: { vi: 'Dự thảo văn kiện của Trung ương', en: 'The Central Committee’s drafts' },
    superior: { vi: 'Dự thảo văn kiện của cấp trên trực tiếp', en: 'The direct superior’s drafts' },
  },
  annulScope: {
    all: { vi: 'Toàn bộ kết quả bầu cử', en: 'The whole result' },
    posts: { vi: 'Kết quả bầu một số chức danh', en: 'Named posts only' },
  },
  form: {
    three_content: { vi: 'Đại hội 3 nội dung', en: 'Three-content congress' },
    two_content: { vi: 'Đại hội 2 nội dung', en: 'Two-content congress' },
  },
  nominatedBy: {
    convening_committee: { vi: 'Cấp uỷ triệu tập giới thiệu', en: 'The convening committee' },
    floor: { vi: 'Đại hội giới thiệu, đề cử', en: 'Nominated from the floor' },
    self: { vi: 'Tự ứng cử', en: 'Self-nominated' },
  },
  continuation: {
    continue: { vi: 'Tiếp tục bầu', en: 'Go on electing' },
    stop: { vi: 'Dừng bầu', en: 'Stop' },
  },
  direction: {
    another_round: { vi: 'Bầu tiếp cho số còn thiếu', en: 'Another round for the remaining seats' },
    proceed: { vi: 'Tiến hành với số đã trúng cử', en: 'Proceed with those elected' },
    three_content: {
      vi: 'Chuyển sang đại hội 3 nội dung (không bầu cấp uỷ)',
      en: 'Three-content congress (no committee election)',
    },
  },
} as const satisfies Record<string, Record<string, Bilingual>>;

/** `schema` carrying the label of the payload field `name` (JSON Schema keyword `label`). */
export function labelled<T extends z.ZodType>(name: FieldName, schema: T): T {
  return schema.meta({ label: FIELD_LABELS[name] });
}

/**
 * An enum of `values`, each named in both languages (JSON Schema keyword `enumLabels`). `labels` must
 * name every value: a value added without its name does not compile.
 */
export function labelledEnum<const V extends readonly [string, ...string[]]>(
  values: V,
  labels: Record<V[number], Bilingual>,
) {
  const named = Object.fromEntries(values.map((v) => [v, labels[v as V[number]]]));
  return z.enum(values).meta({ enumLabels: named });
}
