/**
 * The alerts panel: the caller's open alerts (GET /alerts) and, live, every new one from the stream,
 * grouped by unit and deadline kind, each with its due time and when it was written, acknowledged
 * one by one or the selected ones at once. A status line says whether the stream is connected.
 */
import { byId, h, replace } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { alertTypeLabel, deadlineLabel } from '../labels.js';
import { unitHref } from '../routes.js';

/** @typedef {import('../schemas.js').Alert} Alert */

/** Most alerts kept on screen; older ones stay in the feed on the server. */
const MAX_SHOWN = 50;

/** @type {Alert[]} */
let shown = [];

/** Acknowledges alerts on the server; null for a reader who may not (set by main.js). */
/** @type {((ids: string[]) => Promise<string[]>) | null} */
let acknowledge = null;

/** @param {((ids: string[]) => Promise<string[]>) | null} handler resolves to the ids acknowledged */
export function onAcknowledge(handler) {
  acknowledge = handler;
}

/** @param {string[]} ids */
function ack(ids) {
  if (!acknowledge || ids.length === 0) return;
  void acknowledge(ids).then((done) => {
    shown = shown.filter((a) => !done.includes(a.id));
    render();
    byId('alerts-status').textContent = t('alerts.acked', { count: done.length });
  });
}

/** @param {Alert} alert */
function alertItem(alert) {
  const due = alert.deadline ? t('alerts.due', { due: formatInstant(alert.deadline.dueAt) }) : '';
  const written = alert.createdAt ?? alert.fireAt;
  return h(
    'li',
    { class: `alert alert-${alert.type}`, 'data-alert': alert.id },
    acknowledge
      ? h('input', {
          type: 'checkbox',
          class: 'alert-pick',
          value: alert.id,
          'aria-label': t('alerts.select', { id: alert.id }),
        })
      : null,
    h('strong', {}, alertTypeLabel(alert.type)),
    h('span', { class: 'alert-detail' }, due),
    h('time', { datetime: written }, t('alerts.written', { at: formatInstant(written) })),
    acknowledge
      ? h('button', { type: 'button', class: 'alert-ack', onclick: () => ack([alert.id]) }, t('alerts.ack'))
      : null,
  );
}

/** Alerts of one unit and deadline kind together, under the unit's name. */
function groups() {
  /** @type {Map<string, Alert[]>} */
  const byKey = new Map();
  for (const alert of shown) {
    const key = `${alert.unitId ?? ''}|${alert.deadline?.kind ?? alert.type}`;
    byKey.set(key, [...(byKey.get(key) ?? []), alert]);
  }
  return [...byKey.values()].map((alerts) => {
    const first = /** @type {Alert} */ (alerts[0]);
    const name = first.unitName ?? first.unitId ?? '';
    return h(
      'li',
      { class: 'alert-group', 'data-unit': first.unitId ?? '' },
      h(
        'p',
        { class: 'group-title' },
        first.unitId === null ? name : h('a', { href: unitHref(first.unitId) }, name),
        ' · ',
        deadlineLabel(first.deadline?.kind ?? first.type),
      ),
      h('ul', {}, alerts.map(alertItem)),
    );
  });
}

function render() {
  const list = byId('alerts-list');
  if (shown.length === 0) return replace(list, h('li', { class: 'calm' }, t('alerts.none')));
  const bulk = acknowledge
    ? h(
        'li',
        { class: 'bulk' },
        h(
          'button',
          {
            type: 'button',
            id: 'alerts-ack-selected',
            onclick: () =>
              ack(
                [...list.querySelectorAll('input.alert-pick:checked')].map(
                  (c) => /** @type {HTMLInputElement} */ (c).value,
                ),
              ),
          },
          t('alerts.ackSelected'),
        ),
      )
    : null;
  replace(list, bulk, groups());
}

/** @param {Alert[]} alerts */
export function showAlerts(alerts) {
  shown = [...alerts].sort((a, b) => b.fireAt.localeCompare(a.fireAt)).slice(0, MAX_SHOWN);
  render();
}

/** @param {Alert} alert */
export function addLiveAlert(alert) {
  shown = [alert, ...shown.filter((a) => a.id !== alert.id)].slice(0, MAX_SHOWN);
  render();
}

/** @param {'live' | 'offline' | 'unavailable'} status */
export function showStreamStatus(status) {
  const element = byId('alerts-status');
  element.dataset.status = status;
  element.textContent = t(
    status === 'live' ? 'alerts.live' : status === 'offline' ? 'alerts.offline' : 'alerts.unavailable',
  );
}

/** Re-draws the panel after a language switch. */
export function redrawAlerts() {
  render();
  const status = byId('alerts-status').dataset.status;
  if (status === 'live' || status === 'offline' || status === 'unavailable') showStreamStatus(status);
}
