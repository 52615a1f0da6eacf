/* global crypto */
/**
 * A form for any event, drawn from the JSON Schema of its zod payload schema (the catalogue): one
 * field per property, checked as typed, with the "occurred on" date (today by default). It is sent
 * with an Idempotency-Key made once per form and If-Match on the version it was drawn at, so sending
 * again after a failure or a 409 never records twice. No event has form code of its own.
 */
import { h, replace } from '../dom.js';
import { lang, t } from '../i18n.js';
import { eventLabel, eventSchema, phaseLabel } from '../labels.js';
import { ApiError } from '../api.js';
import { fieldLabel, readField, fieldInput } from './form-fields.js';

/** @typedef {import('../schemas.js').JsonSchema} JsonSchema */

/** Today in Vietnam time, as YYYY-MM-DD (business dates are Vietnamese). */
export function todayInVietnam() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/**
 * When the step happened: today means now (the server's time); another day, noon Vietnam time that day.
 * @param {string} date YYYY-MM-DD
 * @returns {string | undefined}
 */
export function occurredAtOf(date) {
  return date === '' || date === todayInVietnam() ? undefined : `${date}T12:00:00+07:00`;
}

/**
 * The payload fields of `type`, each with its input and a place for its message.
 * @param {string} type
 * @param {string} idPrefix unique per form on the page
 */
export function payloadFields(type, idPrefix) {
  const schema = eventSchema(type);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const id = `${idPrefix}-${name}`;
    const input = fieldInput(id, field, required.has(name));
    const message = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', `${id}-error`);
    return { name, field, input, message, required: required.has(name) };
  });
}

/**
 * Reads every field; marks the bad ones inline. Null when any is invalid.
 * @param {ReturnType<typeof payloadFields>} fields
 */
export function readPayload(fields) {
  /** @type {Record<string, unknown>} */
  const payload = {};
  let ok = true;
  for (const f of fields) {
    const read = readField(f.input, f.field, f.required);
    f.message.textContent = read.error ?? '';
    f.input.setAttribute('aria-invalid', read.error ? 'true' : 'false');
    if (read.error) ok = false;
    else if (read.value !== undefined) payload[f.name] = read.value;
  }
  return ok ? payload : null;
}

/**
 * Words a refusal: a 409 with the unit's current state, a 422 with its field issues (shown inline too).
 * @param {unknown} error
 * @param {ReturnType<typeof payloadFields>} fields
 * @param {{ version: number, phase: string } | null} current the unit as read after a 409
 */
function explain(error, fields, current) {
  if (!(error instanceof ApiError)) return t('form.failed', { detail: String(error) });
  const body = error.body;
  const phase = phaseLabel(current?.phase ?? '');
  if (error.status === 409 && error.code === 'version_conflict')
    return t('form.conflict', {
      version:
        current?.version ?? (typeof body['currentVersion'] === 'number' ? body['currentVersion'] : '?'),
      phase,
    });
  if (error.status === 409) return t('form.notAllowed', { phase, detail: error.message });
  if (error.status === 422) {
    const issues = /** @type {{ path?: string, message?: string }[]} */ (
      Array.isArray(body['issues']) ? body['issues'] : []
    );
    for (const issue of issues) {
      const field = fields.find((f) => issue.path === `payload.${f.name}` || issue.path === f.name);
      if (field) field.message.textContent = issue.message ?? '';
    }
    return t('form.invalid', { detail: error.message });
  }
  return t('form.failed', { detail: error.message });
}

/**
 * @param {{ api: import('../api.js').Api, unitId: string, version: number, type: string,
 *   onDone: (result: { seq: number, version: number }) => void, onCancel?: () => void }} deps
 * @returns {HTMLFormElement}
 */
export function eventForm({ api, unitId, version, type, onDone, onCancel }) {
  const idPrefix = `f-${unitId}-${type}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const key = crypto.randomUUID();
  // If-Match: the version the person saw; after a 409 it becomes the version they were shown.
  let expected = version;
  const fields = payloadFields(type, idPrefix);
  const date = h('input', {
    type: 'date',
    id: `${idPrefix}-on`,
    value: todayInVietnam(),
    required: true,
    'aria-describedby': `${idPrefix}-on-hint`,
  });
  const status = h('p', { class: 'form-status', role: 'status' });
  const send = h('button', { type: 'submit' }, t('form.send'));
  const form = h(
    'form',
    { class: 'event-form card', 'data-event': type, 'data-unit': unitId, lang: lang(), novalidate: true },
    h('h3', {}, eventLabel(type)),
    fields.map((f) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: f.input.id }, fieldLabel(f.name, f.field)),
        f.input,
        f.message,
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: date.id }, t('form.occurredOn')),
      date,
      h('p', { class: 'hint', id: `${idPrefix}-on-hint` }, t('form.occurredOnHint')),
    ),
    h(
      'div',
      { class: 'actions' },
      send,
      onCancel ? h('button', { type: 'button', onclick: onCancel }, t('form.cancel')) : null,
    ),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const payload = readPayload(fields);
    if (payload === null) return;
    const occurredAt = occurredAtOf(date.value);
    send.disabled = true;
    api
      .send(unitId, { type, payload, ...(occurredAt ? { occurredAt } : {}) }, { key, version: expected })
      .then(
        (result) => {
          replace(status, t(result.duplicate ? 'form.duplicate' : 'form.sent', { seq: result.seq }));
          onDone(result);
        },
        async (error) => {
          const current =
            error instanceof ApiError && error.status === 409
              ? await api.unit(unitId).catch(() => null)
              : null;
          if (current) expected = current.version;
          const state = current ? { version: current.version, phase: current.phase } : null;
          replace(status, h('span', { class: 'error', role: 'alert' }, explain(error, fields, state)));
          send.textContent = t('form.resend');
        },
      )
      .finally(() => (send.disabled = false));
  });
  return form;
}
