/**
 * One input per JSON Schema property, and reading it back with inline messages: text, numbers, yes/no,
 * a choice from an enum, several choices from an enum of items, and JSON for anything nested.
 */
import { h } from '../dom.js';
import { lang, t } from '../i18n.js';

/** @typedef {import('../schemas.js').JsonSchema} JsonSchema */

/**
 * A field's name in the current language, as its zod schema's metadata gives it (`label` in the JSON
 * Schema); the name as written in the schema when it has none. A field typed as JSON says so.
 * @param {string} name
 * @param {JsonSchema} [field]
 */
export function fieldLabel(name, field) {
  const label = field?.label?.[lang()] || name;
  return field && isJson(field) ? `${label} (JSON)` : label;
}

/**
 * One value of an enum in the current language (`enumLabels` in the JSON Schema), else as written.
 * @param {JsonSchema} field
 * @param {unknown} value
 */
export const optionLabel = (field, value) => field.enumLabels?.[String(value)]?.[lang()] || String(value);

/** @param {JsonSchema} field */
const isEnumList = (field) => field.type === 'array' && Array.isArray(field.items?.enum);
/** @param {JsonSchema} field */
const isStringList = (field) =>
  field.type === 'array' && field.items?.type === 'string' && !isEnumList(field);
const SIMPLE_TYPES = ['integer', 'number', 'boolean', 'string'];
/**
 * Entered as JSON: nested objects and lists of objects.
 * @param {JsonSchema} field
 */
const isJson = (field) =>
  !Array.isArray(field.enum) &&
  !isEnumList(field) &&
  !isStringList(field) &&
  !SIMPLE_TYPES.includes(field.type ?? '');

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
      field.enum.map((v) => h('option', { value: String(v) }, optionLabel(field, v))),
    );
  if (isEnumList(field))
    return h(
      'fieldset',
      { id, class: 'choices' },
      (field.items?.enum ?? []).map((v) =>
        h(
          'label',
          {},
          h('input', { type: 'checkbox', value: String(v) }),
          ` ${field.items ? optionLabel(field.items, v) : String(v)}`,
        ),
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
