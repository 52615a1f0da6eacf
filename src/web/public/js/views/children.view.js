/** The direct subordinates of a unit, each with its phase and links to drill down or open its page. */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { blockLabel, levelLabel, phaseLabel } from '../labels.js';
import { treeHref, unitHref } from '../routes.js';

/** @typedef {import('../schemas.js').OrgUnit} OrgUnit */
/** @typedef {import('../schemas.js').UnitView} UnitView */

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

/**
 * The table, with phases shown as "…" until `showPhase` fills them in.
 * @param {OrgUnit[]} children
 */
export function childrenTable(children) {
  /** @type {Map<string, HTMLElement>} */
  const phaseCells = new Map();
  const rows = children.map((unit) => {
    const phase = h('td', { class: 'phase' }, t('loading'));
    phaseCells.set(unit.id, phase);
    return h(
      'tr',
      { 'data-unit': unit.id },
      h('th', { scope: 'row' }, nameLink(unit), h('span', { class: 'unit-id' }, unit.id)),
      h('td', {}, levelLabel(unit.level)),
      h('td', {}, blockLabel(unit.block)),
      phase,
      h('td', {}, h('a', { href: unitHref(unit.id) }, t('children.open'))),
    );
  });
  const head = ['children.name', 'children.level', 'children.block', 'children.phase', 'children.open'];
  const element = h(
    'table',
    { class: 'children', 'aria-labelledby': 'children-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((key) =>
          h('th', { scope: 'col' }, t(/** @type {import('../messages.js').MessageKey} */ (key))),
        ),
      ),
    ),
    h('tbody', {}, rows),
  );
  return {
    element,
    /** @param {UnitView} view */
    showPhase: (view) => {
      const cell = phaseCells.get(view.unit.id);
      if (cell)
        replace(cell, h('span', { class: `phase-badge phase-${view.phase}` }, phaseLabel(view.phase)));
    },
    /** @param {string} unitId @param {string} message */
    showError: (unitId, message) => {
      const cell = phaseCells.get(unitId);
      if (cell) replace(cell, h('span', { class: 'error' }, message));
    },
  };
}
