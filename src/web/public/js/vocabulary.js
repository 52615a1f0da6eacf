/** Domain words (levels, blocks, phases, roles, alert types) in both languages (DOMAIN.md §1, §2, §8). */

/** @typedef {import('./messages.js').Lang} Lang */
/** @typedef {Record<string, { vi: string, en: string }>} Vocabulary */

/** @type {Vocabulary} */
export const LEVELS = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  district: { vi: 'Cấp huyện', en: 'District' },
  base: { vi: 'Tổ chức cơ sở đảng', en: 'Base organisations' },
  cell: { vi: 'Chi bộ trực thuộc', en: 'Cells' },
};

/** @type {Vocabulary} */
export const BLOCKS = {
  ward: { vi: 'Phường', en: 'Wards' },
  commune: { vi: 'Xã', en: 'Communes' },
  district: { vi: 'Quận, huyện', en: 'Districts' },
  urban_district: { vi: 'Quận', en: 'Urban districts' },
  city: { vi: 'Thành phố', en: 'Cities' },
  agencies: { vi: 'Cơ quan', en: 'Agencies' },
  enterprises: { vi: 'Doanh nghiệp', en: 'Enterprises' },
  schools: { vi: 'Trường học', en: 'Schools' },
  armed_forces: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
  residential: { vi: 'Khu dân cư', en: 'Residential' },
  other: { vi: 'Khối khác', en: 'Other' },
};

/** @type {Vocabulary} */
export const PHASES = {
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  bodies: { vi: 'Tiểu ban, tổ công tác', en: 'Bodies' },
  pilot: { vi: 'Đại hội điểm', en: 'Pilot' },
  preparation: { vi: 'Văn kiện, nhân sự', en: 'Documents and personnel' },
  superior_review: { vi: 'Cấp trên duyệt', en: 'Superior review' },
  convening: { vi: 'Triệu tập', en: 'Convening' },
  congress: { vi: 'Đại hội', en: 'Congress' },
  first_meeting: { vi: 'Hội nghị lần thứ nhất', en: 'First meeting' },
  report: { vi: 'Báo cáo kết quả', en: 'Result report' },
  confirmation: { vi: 'Chuẩn y', en: 'Confirmation' },
  completed: { vi: 'Hoàn thành', en: 'Completed' },
  postponed: { vi: 'Hoãn đại hội', en: 'Postponed' },
  annulled: { vi: 'Bác bỏ kết quả bầu cử, chỉ đạo bầu lại', en: 'Annulled' },
};

/** @type {Vocabulary} */
export const ROLES = {
  secretary: { vi: 'Bí thư', en: 'Secretary' },
  standing_committee: { vi: 'Ban thường vụ', en: 'Standing committee' },
  working_group: { vi: 'Tổ công tác', en: 'Working group' },
  inspection: { vi: 'Đoàn kiểm tra', en: 'Inspection' },
  auditor: { vi: 'Kiểm toán', en: 'Auditor' },
  admin: { vi: 'Quản trị', en: 'Administrator' },
  system: { vi: 'Hệ thống', en: 'System' },
};

/** @type {Vocabulary} */
export const ALERT_TYPES = {
  reminder: { vi: 'Nhắc hạn', en: 'Reminder' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  escalation: { vi: 'Báo cấp trên', en: 'Escalation' },
  digest: { vi: 'Tổng hợp', en: 'Digest' },
};

/** Deadline kinds of machines/deadlines (what is owed, and by whom). */
/** @type {Vocabulary} */
export const DEADLINE_KINDS = {
  'plan.approval': { vi: 'Cấp trên duyệt kế hoạch', en: 'Superior approves the plan' },
  'plan.resubmission': { vi: 'Trình lại kế hoạch', en: 'Plan resubmitted' },
  'consultation.replies': { vi: 'Thu ý kiến góp ý của cấp dưới', en: 'Comments from subordinate units' },
  'documents.approval': { vi: 'Cấp trên duyệt dự thảo văn kiện', en: 'Superior approves the documents' },
  'documents.resubmission': { vi: 'Trình lại văn kiện', en: 'Documents resubmitted' },
  'personnel_plan.approval': {
    vi: 'Cấp trên duyệt đề án nhân sự',
    en: 'Superior approves the personnel plan',
  },
  'personnel_plan.resubmission': { vi: 'Trình lại đề án nhân sự', en: 'Personnel plan resubmitted' },
  'review.decision': { vi: 'Cấp trên duyệt hồ sơ', en: 'Superior review decision' },
  'review.resubmission': { vi: 'Trình lại hồ sơ duyệt', en: 'Review resubmitted' },
  'opening_date.approval': { vi: 'Cấp trên đồng ý ngày khai mạc', en: 'Superior approves the opening date' },
  'key_post.direction': {
    vi: 'Cấp trên chỉ đạo về chức danh chủ chốt',
    en: 'Superior direction on a key post',
  },
  'committee.appointment': { vi: 'Cấp trên chỉ định cấp uỷ', en: 'Superior appoints the committee' },
  'report.due': { vi: 'Báo cáo kết quả đại hội', en: 'Result report to the superior' },
  'confirmation.due': { vi: 'Chuẩn y kết quả bầu cử', en: 'Confirmation of the results' },
  'postponement.until': { vi: 'Hết thời hạn hoãn đại hội', en: 'End of the postponement' },
  'congress.held': { vi: 'Tổ chức đại hội theo hạn của chỉ thị', en: "Congress by the directive's date" },
  // Prefix of `irregularity.<rule>`: a local-policy rule breached, flagged but never refused.
  irregularity: {
    vi: 'Vi phạm quy định của địa phương (chỉ cảnh báo)',
    en: 'Local-policy rule breached (flag only)',
  },
};

/**
 * Rules of a term's rule set (machines/rules/rule-ids.ts), by id, for irregularities: a local-policy
 * rule breached is flagged, never refused. The per-level rules are named with the level.
 * @type {Vocabulary}
 */
export const RULES = {
  ...Object.fromEntries(
    Object.entries(LEVELS).flatMap(([level, name]) => [
      [
        `congressDeadlines.${level}`,
        { vi: `Hạn tổ chức đại hội (${name.vi})`, en: `Congress deadline (${name.en})` },
      ],
      [
        `maxCongressDays.${level}`,
        { vi: `Số ngày tối đa của đại hội (${name.vi})`, en: `Longest congress (${name.en})` },
      ],
    ]),
  ),
  'clocks.superiorDecision': { vi: 'Thời hạn cấp trên cho ý kiến', en: 'Time for the superior’s decision' },
  'clocks.resubmission': {
    vi: 'Thời hạn trình lại sau khi bị trả lại',
    en: 'Time to resubmit after a return',
  },
  'clocks.consultationReply': {
    vi: 'Thời hạn đơn vị trực thuộc góp ý dự thảo',
    en: 'Time for subordinate units’ comments',
  },
  'clocks.superiorReviewBeforeOpening': {
    vi: 'Cấp trên duyệt văn kiện, nhân sự trước ngày khai mạc',
    en: 'Superior’s review ahead of the opening',
  },
  'clocks.convocationNotice': {
    vi: 'Thông báo triệu tập đại hội trước ngày khai mạc',
    en: 'Convening notice ahead of the opening',
  },
  'clocks.resultReport': { vi: 'Thời hạn báo cáo kết quả đại hội', en: 'Time to report the results' },
  'clocks.confirmation': { vi: 'Thời hạn cấp trên chuẩn y kết quả', en: 'Time to confirm the results' },
  'clocks.keyPostDirection': {
    vi: 'Thời hạn cấp trên chỉ đạo khi không bầu được chức danh chủ chốt',
    en: 'Time for the superior’s direction after a key-post failure',
  },
  'clocks.lateRecording': { vi: 'Ghi nhận chậm so với ngày diễn ra', en: 'Recorded late' },
  'clocks.correctionWindow': { vi: 'Thời hạn đính chính', en: 'Correction window' },
  'variants.threeContent': { vi: 'Đại hội 3 nội dung', en: 'Three-content congress' },
  'variants.twoContent': { vi: 'Đại hội 2 nội dung', en: 'Two-content congress' },
  'postponement.cellMonths': { vi: 'Thời gian hoãn tối đa của chi bộ', en: 'Longest postponement of a cell' },
  'postponement.otherMonths': {
    vi: 'Thời gian hoãn tối đa của các cấp khác',
    en: 'Longest postponement of other levels',
  },
  subordinateThreshold: {
    vi: 'Số đơn vị trực thuộc phải đại hội trước',
    en: 'Subordinate congresses held first',
  },
  'alerts.remindersBefore': { vi: 'Nhắc trước hạn', en: 'Reminders before a deadline' },
  'alerts.escalationsAfter': { vi: 'Báo cấp trên sau hạn', en: 'Escalations after a deadline' },
  'election.majorityBase': {
    vi: 'Tổng số làm căn cứ tính kết quả bầu cử',
    en: 'Majority base of an election',
  },
  'election.exclusions': { vi: 'Các trường hợp trừ khỏi tổng số', en: 'Exclusions from the base' },
  'election.ballots': { vi: 'Kiểm phiếu (phát ra, thu vào, hợp lệ)', en: 'Ballot count' },
  'election.quorum': { vi: 'Số có mặt tối thiểu để đại hội hợp lệ', en: 'Quorum of the congress' },
  'election.surplus': { vi: 'Số dư trong danh sách bầu cử', en: 'Candidate surplus' },
  'election.smallBodySurplus': { vi: 'Số dư khi bầu cơ quan ít thành viên', en: 'Surplus for small bodies' },
  'election.floorNomination': { vi: 'Giới thiệu, đề cử tại đại hội', en: 'Nominations from the floor' },
  'election.furtherRounds': { vi: 'Bầu các lần tiếp theo', en: 'Further rounds' },
  'election.roundLimit': { vi: 'Số lần bầu tối đa', en: 'Round limit' },
  'election.tieRule': { vi: 'Bằng phiếu ở vị trí cuối', en: 'Tie at the last seat' },
  'election.cellCommitteeMinMembers': {
    vi: 'Số đảng viên tối thiểu để chi bộ bầu chi uỷ',
    en: 'Members needed for a cell committee',
  },
  'election.delegateSeats': {
    vi: 'Số đại biểu được cấp trên phân bổ',
    en: 'Delegate seats allocated by the superior',
  },
  'personnel.keyCadresQuorum': {
    vi: 'Số có mặt tối thiểu tại hội nghị cán bộ chủ chốt',
    en: 'Key cadres conference quorum',
  },
  'personnel.stepApproval': {
    vi: 'Tỷ lệ tán thành ở mỗi bước nhân sự',
    en: 'Approval needed at each personnel step',
  },
  'personnel.tracks': { vi: 'Các diện nhân sự', en: 'Personnel tracks' },
  'gate.reviewApproved': {
    vi: 'Cấp trên duyệt văn kiện và đề án nhân sự trước khai mạc',
    en: 'Documents and personnel plan approved before the opening',
  },
  'gate.openingNotBeforeAnnounced': {
    vi: 'Khai mạc không sớm hơn ngày đã thông báo',
    en: 'Opening not before the announced date',
  },
  'gate.pilotLessons': {
    vi: 'Khai mạc sau hội nghị rút kinh nghiệm đại hội điểm',
    en: 'Opening after the pilot lessons conference',
  },
};

/**
 * The word for `key` in `lang`; an unknown key (a block or role this list does not know yet) is shown as
 * it is stored, which is still readable.
 * @param {Vocabulary} vocabulary
 * @param {string} key
 * @param {Lang} lang
 */
export function word(vocabulary, key, lang) {
  return vocabulary[key]?.[lang] ?? key;
}
