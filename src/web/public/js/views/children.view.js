/** The direct subordinates of a unit, each with its phase, flags and links to drill down or open its page. */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { blockLabel, levelLabel, phaseLabel } from '../labels.js';
import { treeHref, unitHref } from '../routes.js';

/** @typedef {import('../schemas.js').OrgUnit} OrgUnit */
/** @typedef {import('../schemas.js').ChildStatus} ChildStatus */

/**
 * A cell has no subordinates, so its name leads straight to its unit page.
 * @param {OrgUnit} unit
 */
function nameLink(unit) {
  if (unit.level === 'cell') return h('a', { href: unitHref(unit.id) }, unit.name);
  return h(
    'a',
    { href: treeHref(unit.id), 'aria-label': t('children.drill', { name: unit.name }) },
    unit.name,
  );
}

/** @param {ChildStatus} child */
function phaseCell(child) {
  return h(
    'td',
    { class: 'phase' },
    h('span', { class: `phase-badge phase-${child.phase}` }, phaseLabel(child.phase)),
    child.flags.difficult ? h('span', { class: 'flag flag-difficult' }, ` ${t('flags.difficult')}`) : null,
  );
}

/**
 * The table of subordinates with phase, flags and overdue count, all from the one `/children` answer.
 * @param {ChildStatus[]} children
 */
export function childrenTable(children) {
  const rows = children.map((unit) =>
    h(
      'tr',
      { 'data-unit': unit.id },
      h('th', { scope: 'row' }, nameLink(unit), h('span', { class: 'unit-id' }, unit.id)),
      h('td', {}, levelLabel(unit.level)),
      h('td', {}, blockLabel(unit.block)),
      phaseCell(unit),
      h(
        'td',
        { class: unit.overdueDeadlines > 0 ? 'overdue-count overdue' : 'overdue-count' },
        unit.overdueDeadlines,
      ),
      h('td', {}, h('a', { href: unitHref(unit.id) }, t('children.open'))),
    ),
  );
  const head = /** @type {const} */ ([
    'children.name',
    'children.level',
    'children.block',
    'children.phase',
    'children.overdue',
    'children.open',
  ]);
  return h(
    'table',
    { class: 'children', 'aria-labelledby': 'children-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((key) => h('th', { scope: 'col' }, t(key))),
      ),
    ),
    h('tbody', {}, rows),
  );
}
