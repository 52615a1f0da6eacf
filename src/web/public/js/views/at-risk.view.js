/** The list of units needing attention, each with why (see risk.js). */
import { h } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { alertTypeLabel, deadlineLabel } from '../labels.js';
import { unitHref } from '../routes.js';

/** @typedef {import('../risk.js').RiskItem} RiskItem */
/** @typedef {import('../risk.js').Reason} Reason */

/** Longer lists start folded. */
const FOLD_AFTER = 12;

/** @param {Reason} reason */
function describe(reason) {
  switch (reason.kind) {
    case 'overdue':
      return t('risk.overdue', {
        kind: deadlineLabel(reason.deadlineKind),
        due: formatInstant(reason.dueAt),
      });
    case 'overdueCount':
      return t('risk.overdueCount', { count: reason.count });
    case 'alert':
      return t('risk.alert', {
        type: alertTypeLabel(reason.alert.type),
        kind: deadlineLabel(reason.alert.deadline?.kind ?? ''),
      });
    default:
      return t(/** @type {const} */ (`risk.${reason.kind}`));
  }
}

/**
 * @param {RiskItem[]} items
 * @returns {HTMLElement}
 */
export function atRiskList(items) {
  if (items.length === 0) return h('p', { class: 'calm' }, t('risk.none'));
  const list = riskItems(items);
  // A long list (a whole district overdue) would push the subordinates table off screen; fold it.
  if (items.length <= FOLD_AFTER) return list;
  return h('details', {}, h('summary', {}, t('risk.count', { count: items.length })), list);
}

/** @param {RiskItem[]} items */
function riskItems(items) {
  return h(
    'ul',
    { class: 'risks' },
    items.map((item) =>
      h(
        'li',
        { 'data-unit': item.unitId },
        h('a', { href: unitHref(item.unitId) }, item.name),
        h(
          'ul',
          {},
          item.reasons.map((reason) => h('li', { class: `reason-${reason.kind}` }, describe(reason))),
        ),
      ),
    ),
  );
}
