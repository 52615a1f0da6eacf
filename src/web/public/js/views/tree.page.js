/**
 * The progress page of one unit's subtree: roll-up by level and block, the direct subordinates with their
 * phases (drill down by clicking), and the units needing attention among them and in the alerts feed.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { describeError, phaseLabel } from '../labels.js';
import { risksOf } from '../risk.js';
import { unitHref } from '../routes.js';
import { atRiskList } from './at-risk.view.js';
import { childrenTable } from './children.view.js';
import { progressTable } from './progress.view.js';

/** @typedef {import('../schemas.js').UnitView} UnitView */
/** @typedef {import('../schemas.js').Alert} Alert */

/** Parallel unit reads when filling in children's phases: quick, yet gentle on the per-token rate limit. */
const CONCURRENCY = 6;

/**
 * Reads every child's unit view, a few at a time, reporting each as it arrives.
 * @param {import('../api.js').Api} api
 * @param {string[]} ids
 * @param {(view: UnitView) => void} onView
 * @param {(id: string, error: unknown) => void} onError
 */
async function loadViews(api, ids, onView, onError) {
  /** @type {UnitView[]} */
  const views = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = /** @type {string} */ (ids[next++]);
      await api.unit(id).then(
        (view) => (views.push(view), onView(view)),
        (error) => onError(id, error),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return views;
}

/**
 * @param {{ api: import('../api.js').Api, view: UnitView, progress: import('../schemas.js').Progress,
 *   children: import('../schemas.js').OrgUnit[], alerts: () => Alert[], now: () => number }} deps
 * @returns {HTMLElement[]}
 */
export function treePage({ api, view, progress, children, alerts, now }) {
  const table = childrenTable(children);
  const risks = h('div', { id: 'risk-list', 'aria-busy': 'true' }, t('loading'));
  void loadViews(
    api,
    children.map((c) => c.id),
    table.showPhase,
    (id, error) => table.showError(id, describeError(error, id)),
  ).then((views) => {
    replace(risks, atRiskList(risksOf([view, ...views], alerts(), now())));
    risks.setAttribute('aria-busy', 'false');
  });
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
      children.length === 0 ? h('p', {}, t('progress.empty')) : h('div', { class: 'scroll' }, table.element),
    ),
  ];
}
