/**
 * The progress page of one unit's subtree: roll-up by level and block, the direct subordinates with their
 * phases (drill down by clicking), and the units of the subtree at risk, as the server defines it.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { phaseLabel } from '../labels.js';
import { unitHref } from '../routes.js';
import { atRiskList } from './at-risk.view.js';
import { childrenTable } from './children.view.js';
import { progressTable } from './progress.view.js';

/** @typedef {import('../schemas.js').UnitView} UnitView */

/**
 * Everything comes from four requests (the unit, its roll-up, a page of its children with their status,
 * the subtree's units at risk).
 * @param {{ view: UnitView, progress: import('../schemas.js').Progress,
 *   children: import('../schemas.js').ChildStatus[], atRisk: import('../schemas.js').AtRiskUnit[] }} deps
 * @returns {HTMLElement[]}
 */
export function treePage({ view, progress, children, atRisk }) {
  const table = childrenTable(children);
  const risks = h('div', { id: 'risk-list' }, atRiskList(atRisk));
  return [
    h('h1', { tabindex: -1 }, t('progress.title', { name: view.unit.name })),
    h(
      'p',
      { class: 'lead' },
      h('span', { class: `phase-badge phase-${view.phase}` }, phaseLabel(view.phase)),
      ' ',
      h('a', { href: unitHref(view.unit.id) }, t('children.open')),
    ),
    h(
      'section',
      { class: 'card wide', 'aria-labelledby': 'progress-title' },
      h('h2', { id: 'progress-title' }, t('progress.caption')),
      h('div', { class: 'scroll' }, progressTable(progress)),
    ),
    h(
      'section',
      { class: 'card wide', 'aria-labelledby': 'risk-title' },
      h('h2', { id: 'risk-title' }, t('risk.title')),
      risks,
    ),
    h(
      'section',
      { class: 'card wide', 'aria-labelledby': 'children-title' },
      h('h2', { id: 'children-title' }, t('children.title')),
      children.length === 0 ? h('p', {}, t('progress.empty')) : h('div', { class: 'scroll' }, table),
    ),
  ];
}
