/* global URL, Blob, crypto */
/**
 * Many units at once: pick an event the role may send, then either fill the table (one row per unit,
 * the payload fields drawn from the event's schema) or upload its CSV template filled in. Both go to
 * POST /events:batch; the answer is shown row by row, refused rows named with their reason.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { eventLabel, eventRolesLabel, eventsOfRole } from '../labels.js';
import { describeError } from '../labels.js';
import { occurredAtOf, payloadFields, readPayload, todayInVietnam } from './event-form.view.js';
import { fieldLabel } from './form-fields.js';

/** @typedef {import('../schemas.js').BatchResult} BatchResult */

/**
 * Why a row was refused, in the reader's language where the answer allows: a unit not at the step
 * that takes the event is told the events it takes now and who sends them (system events left out).
 * The server's own wording follows, for whoever reads the log.
 * @param {BatchResult['results'][number]} r
 * @param {string} type
 */
function refusal(r, type) {
  const allowed = r.details?.allowed;
  if (r.code !== 'not_allowed' || !allowed) return r.reason ?? '';
  const system = new Set(eventsOfRole('system'));
  const next = allowed.filter((a) => !system.has(a)).map((a) => `${eventLabel(a)} (${eventRolesLabel(a)})`);
  const said = t('batch.notAllowed', {
    event: eventLabel(type),
    next: next.length > 0 ? next.join('; ') : t('batch.nothingNext'),
  });
  return `${said} [${r.reason ?? ''}]`;
}

/** @param {BatchResult} result @param {string} type */
function resultView(result, type) {
  const refused = result.results.filter((r) => r.status === 'refused');
  return h(
    'div',
    { id: 'batch-result', role: 'status' },
    h('p', {}, t('batch.result', { accepted: result.accepted, refused: result.refused })),
    refused.length === 0
      ? null
      : h(
          'ul',
          { class: 'refused' },
          refused.map((r) =>
            h(
              'li',
              { 'data-row': r.row },
              t('batch.row', { row: r.row, unit: r.unitId, reason: refusal(r, type) }),
            ),
          ),
        ),
  );
}

/**
 * @param {{ api: import('../api.js').Api, role: string, unitIds: string[] }} deps
 * @returns {HTMLElement[]}
 */
export function batchPage({ api, role, unitIds }) {
  const types = eventsOfRole(role);
  if (types.length === 0) return [h('h1', { tabindex: -1 }, t('batch.title')), h('p', {}, t('batch.none'))];
  const out = h('div', { id: 'batch-out' });
  const tableSlot = h('div', { id: 'batch-table' });
  const select = h(
    'select',
    { id: 'batch-event', onchange: () => drawTable() },
    types.map((type) => h('option', { value: type }, eventLabel(type))),
  );
  const show = (/** @type {Promise<BatchResult>} */ sent) => {
    const type = select.value;
    void sent.then(
      (r) => replace(out, resultView(r, type)),
      (e) => replace(out, h('p', { class: 'error', role: 'alert' }, describeError(e))),
    );
  };

  const template = h('button', { type: 'button', id: 'batch-template' }, t('batch.template'));
  template.addEventListener('click', () => {
    void api.template(select.value).then((csv) => {
      const link = h('a', {
        href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
        download: `${select.value}.csv`,
      });
      link.click();
    });
  });
  const file = h('input', { type: 'file', id: 'batch-file', accept: '.csv,text/csv' });
  const upload = h(
    'form',
    { id: 'batch-upload', class: 'card' },
    h('label', { for: 'batch-file' }, t('batch.file')),
    file,
    h('button', { type: 'submit' }, t('batch.upload')),
  );
  upload.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = /** @type {HTMLInputElement} */ (file).files?.[0];
    if (chosen) show(chosen.text().then((csv) => api.batchCsv(select.value, csv)));
  });

  /** One row per unit: the unit, its payload fields, the date it happened. */
  function drawTable() {
    const type = select.value;
    const rows = unitIds.map((unitId, n) => ({
      unitId,
      fields: payloadFields(type, `b${n}`),
      date: h('input', {
        type: 'date',
        value: todayInVietnam(),
        'aria-label': `${t('form.occurredOn')} ${unitId}`,
      }),
    }));
    const head = rows[0]?.fields.map((f) => h('th', { scope: 'col' }, fieldLabel(f.name, f.field))) ?? [];
    const form = h(
      'form',
      { id: 'batch-table-form' },
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('batch.unit')),
              head,
              h('th', { scope: 'col' }, t('form.occurredOn')),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                { 'data-unit': r.unitId },
                h('th', { scope: 'row' }, r.unitId),
                r.fields.map((f) => h('td', {}, relabel(f, r.unitId), f.input, f.message)),
                h('td', {}, r.date),
              ),
            ),
          ),
        ),
      ),
      h('button', { type: 'submit' }, t('batch.sendTable')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const read = rows.map((r) => ({ r, payload: readPayload(r.fields) }));
      if (read.some((x) => x.payload === null)) return;
      const batchRows = read.map(({ r, payload }) => {
        const occurredAt = occurredAtOf(/** @type {HTMLInputElement} */ (r.date).value);
        return {
          unitId: r.unitId,
          type,
          payload,
          idempotencyKey: crypto.randomUUID(),
          ...(occurredAt ? { occurredAt } : {}),
        };
      });
      show(api.batch(batchRows));
    });
    replace(tableSlot, h('h2', {}, t('batch.table')), form);
  }
  drawTable();
  return [
    h('h1', { tabindex: -1 }, t('batch.title')),
    h('p', {}, h('label', { for: 'batch-event' }, t('batch.event')), ' ', select, ' ', template),
    upload,
    tableSlot,
    out,
  ];
}

/**
 * A table cell's input needs a name of its own: the field and the unit.
 * @param {{ name: string, field: import('../schemas.js').JsonSchema, input: HTMLElement }} field
 * @param {string} unitId
 */
function relabel(field, unitId) {
  field.input.setAttribute('aria-label', `${fieldLabel(field.name, field.field)} ${unitId}`);
  return null;
}
