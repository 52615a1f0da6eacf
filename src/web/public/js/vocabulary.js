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
 * The word for `key` in `lang`; an unknown key (a block or role this list does not know yet) is shown as
 * it is stored, which is still readable.
 * @param {Vocabulary} vocabulary
 * @param {string} key
 * @param {Lang} lang
 */
export function word(vocabulary, key, lang) {
  return vocabulary[key]?.[lang] ?? key;
}
