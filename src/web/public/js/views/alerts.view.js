/**
 * The alerts panel: the caller's open alerts (GET /alerts) and, live, every new one from the stream,
 * newest first. A status line says whether the stream is connected; both are announced politely.
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

/** @param {Alert} alert */
function alertItem(alert) {
  const due = alert.deadline ? ` · ${t('alerts.due', { due: formatInstant(alert.deadline.dueAt) })}` : '';
  return h(
    'li',
    { class: `alert alert-${alert.type}`, 'data-alert': alert.id },
    h('strong', {}, alertTypeLabel(alert.type)),
    ' ',
    alert.unitId === null ? null : h('a', { href: unitHref(alert.unitId) }, alert.unitId),
    h('span', { class: 'alert-detail' }, `${deadlineLabel(alert.deadline?.kind ?? '')}${due}`),
    h('time', { datetime: alert.fireAt }, t('alerts.fired', { at: formatInstant(alert.fireAt) })),
  );
}

function render() {
  const list = byId('alerts-list');
  if (shown.length === 0) replace(list, h('li', { class: 'calm' }, t('alerts.none')));
  else replace(list, shown.map(alertItem));
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
