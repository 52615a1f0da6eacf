/**
 * One input per JSON Schema property, and reading it back with inline messages: text, numbers, yes/no,
 * a choice from an enum, several choices from an enum of items, and JSON for anything nested.
 */
import { h } from '../dom.js';
import { lang, t } from '../i18n.js';

/** @typedef {import('../schemas.js').JsonSchema} JsonSchema */

/** Field names in both languages; a name not listed is shown as written in the schema. */
const FIELD_LABELS = /** @type {Record<string, { vi: string, en: string }>} */ ({
  reason: { vi: 'Lý do', en: 'Reason' },
  reference: { vi: 'Số hiệu văn bản', en: 'Reference' },
  note: { vi: 'Ghi chú', en: 'Note' },
  until: { vi: 'Hoãn đến ngày', en: 'Postponed until' },
  openingDate: { vi: 'Ngày khai mạc', en: 'Opening date' },
  officialDelegates: { vi: 'Số đại biểu chính thức', en: 'Official delegates' },
  draft: { vi: 'Dự thảo số', en: 'Draft number' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  unitId: { vi: 'Mã đơn vị', en: 'Unit id' },
  unitIds: { vi: 'Mã các đơn vị', en: 'Unit ids' },
  comments: { vi: 'Số ý kiến', en: 'Comments' },
  subcommittees: { vi: 'Tiểu ban', en: 'Subcommittees' },
  workingGroups: { vi: 'Số tổ công tác', en: 'Working groups' },
  inspectionDelegations: { vi: 'Số đoàn kiểm tra', en: 'Inspection delegations' },
  track: { vi: 'Diện', en: 'Track' },
  step: { vi: 'Bước', en: 'Step' },
  summoned: { vi: 'Số được triệu tập', en: 'Summoned' },
  attended: { vi: 'Số có mặt', en: 'Attended' },
  votes: { vi: 'Số phiếu (JSON)', en: 'Votes (JSON)' },
  round: { vi: 'Lần bầu', en: 'Round' },
  seats: { vi: 'Số ghế', en: 'Seats' },
  exclusions: { vi: 'Phiếu loại (JSON)', en: 'Exclusions (JSON)' },
  keyPostCandidateIds: { vi: 'Ứng viên chức danh chủ chốt', en: 'Key-post candidates' },
  tieBreak: { vi: 'Thứ tự khi bằng phiếu', en: 'Tie break' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  resolution: { vi: 'Nghị quyết', en: 'Resolution' },
  form: { vi: 'Hình thức', en: 'Form' },
  conferenceDate: { vi: 'Ngày hội nghị', en: 'Conference date' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  childId: { vi: 'Đơn vị cấp dưới', en: 'Subordinate unit' },
  childSeq: { vi: 'Số thứ tự sự kiện', en: 'Event seq' },
  added: { vi: 'Thêm (mã đơn vị)', en: 'Added (unit ids)' },
  removed: { vi: 'Bớt (mã đơn vị)', en: 'Removed (unit ids)' },
});

/** @param {string} name */
export const fieldLabel = (name) => FIELD_LABELS[name]?.[lang()] ?? name;

/** @param {JsonSchema} field */
const isEnumList = (field) => field.type === 'array' && Array.isArray(field.items?.enum);
/** @param {JsonSchema} field */
const isStringList = (field) =>
  field.type === 'array' && field.items?.type === 'string' && !isEnumList(field);

/**
 * @param {string} id
 * @param {JsonSchema} field
 * @param {boolean} required
 * @returns {HTMLElement}
 */
export function fieldInput(id, field, required) {
  if (Array.isArray(field.enum))
    return h(
      'select',
      { id, required },
      h('option', { value: '' }, '—'),
      field.enum.map((v) => h('option', { value: String(v) }, String(v))),
    );
  if (isEnumList(field))
    return h(
      'fieldset',
      { id, class: 'choices' },
      (field.items?.enum ?? []).map((v) =>
        h('label', {}, h('input', { type: 'checkbox', value: String(v) }), ` ${String(v)}`),
      ),
    );
  if (field.type === 'integer' || field.type === 'number')
    return h('input', {
      id,
      type: 'number',
      inputmode: 'numeric',
      step: field.type === 'integer' ? 1 : 'any',
      min: field.minimum,
      required,
    });
  if (field.type === 'boolean') return h('input', { id, type: 'checkbox' });
  if (field.type === 'string' && field.format === 'date') return h('input', { id, type: 'date', required });
  if (field.type === 'string' && (field.maxLength ?? 0) > 200)
    return h('textarea', { id, rows: 3, maxlength: field.maxLength, required });
  if (field.type === 'string') return h('input', { id, type: 'text', maxlength: field.maxLength, required });
  if (isStringList(field)) return h('input', { id, type: 'text', placeholder: 'A, B, C' });
  return h('textarea', { id, rows: 3, class: 'json', placeholder: field.type === 'array' ? '[]' : '{}' });
}

/**
 * @param {HTMLElement} input
 * @param {JsonSchema} field
 * @param {boolean} required
 * @returns {{ value?: unknown, error?: string }}
 */
export function readField(input, field, required) {
  if (isEnumList(field)) {
    const picked = [...input.querySelectorAll('input:checked')].map(
      (c) => /** @type {HTMLInputElement} */ (c).value,
    );
    return picked.length === 0 && required
      ? { error: t('form.required') }
      : { value: picked.length ? picked : undefined };
  }
  if (field.type === 'boolean') return { value: /** @type {HTMLInputElement} */ (input).checked };
  const text = /** @type {HTMLInputElement} */ (input).value.trim();
  if (text === '') return required ? { error: t('form.required') } : {};
  if (field.type === 'integer' || field.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) && (field.type === 'number' || Number.isInteger(n))
      ? { value: n }
      : { error: t('form.number') };
  }
  if (field.type === 'string') {
    if (field.maxLength !== undefined && text.length > field.maxLength)
      return { error: t('form.tooLong', { max: field.maxLength }) };
    return { value: text };
  }
  if (isStringList(field))
    return {
      value: text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  try {
    return { value: /** @type {unknown} */ (JSON.parse(text)) };
  } catch {
    return { error: t('form.json', { example: field.type === 'array' ? '[]' : '{}' }) };
  }
}
