/**
 * The list of units needing attention in the subtree shown, each with why. The server decides what
 * "at risk" means (GET /units/:id/at-risk); this view only words its reasons.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { unitHref } from '../routes.js';

/** @typedef {import('../schemas.js').AtRiskUnit} AtRiskUnit */

/** Longer lists start folded. */
const FOLD_AFTER = 12;

/** @param {string} reason */
function describe(reason) {
  switch (reason) {
    case 'overdue':
    case 'postponed':
    case 'annulled':
    case 'difficult':
    case 'irregularity':
    case 'complaint':
      return t(`risk.why.${reason}`);
    default:
      return reason;
  }
}

/**
 * @param {AtRiskUnit[]} units
 * @returns {HTMLElement}
 */
export function atRiskList(units) {
  if (units.length === 0) return h('p', { class: 'calm' }, t('risk.none'));
  const list = h(
    'ul',
    { class: 'risks' },
    units.map((unit) =>
      h(
        'li',
        { 'data-unit': unit.id },
        h('a', { href: unitHref(unit.id) }, unit.name),
        h(
          'ul',
          {},
          unit.riskReasons.map((reason) => h('li', { class: `reason-${reason}` }, describe(reason))),
        ),
      ),
    ),
  );
  // A long list (a whole district overdue) would push the subordinates table off screen; fold it.
  if (units.length <= FOLD_AFTER) return list;
  return h('details', {}, h('summary', {}, t('risk.count', { count: units.length })), list);
}
