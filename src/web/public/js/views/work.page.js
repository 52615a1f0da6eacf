/* global setTimeout */
/**
 * The work waiting on the signed-in person (GET /me/work): per unit, by due time, the steps it owes
 * with a button per event it may send (each opens the generated form), and other people's steps as
 * waiting text, never as buttons. A unit switcher narrows the list for people with many units.
 */
import { h, replace } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { deadlineLabel, eventLabel, phaseLabel } from '../labels.js';
import { unitHref } from '../routes.js';
import { eventForm } from './event-form.view.js';

/** @typedef {import('../schemas.js').WorkItem} WorkItem */
/** @typedef {import('../schemas.js').WorkStep} WorkStep */

/** @param {WorkStep} step */
function waitingText(step) {
  const name = step.by?.unitName ?? '';
  const who = step.owner === 'superior' ? t('work.who.superior', { name }) : t('work.who.unit', { name });
  return t('work.waiting', { who, kind: deadlineLabel(step.kind), due: formatInstant(step.dueAt) });
}

/**
 * @param {import('../api.js').Api} api
 * @param {WorkItem} item
 * @param {() => void} reload
 */
function workCard(api, item, reload) {
  const formSlot = h('div', { class: 'form-slot' });
  const open = (/** @type {string} */ type) =>
    replace(
      formSlot,
      eventForm({
        api,
        unitId: item.unitId,
        version: item.version,
        type,
        onDone: () => setTimeout(reload, 800),
        onCancel: () => replace(formSlot),
      }),
    );
  return h(
    'li',
    { class: 'work-item card', 'data-unit': item.unitId },
    h(
      'h2',
      {},
      h('a', { href: unitHref(item.unitId) }, item.unitName),
      ' ',
      h('span', { class: `phase-badge phase-${item.phase}` }, phaseLabel(item.phase)),
    ),
    item.dueAt ? h('p', { class: 'due' }, t('work.due', { due: formatInstant(item.dueAt) })) : null,
    h('ul', { class: 'steps' }, [
      ...item.owed.map((s) =>
        h(
          'li',
          { class: 'owed' },
          t('work.owed', { kind: deadlineLabel(s.kind), due: formatInstant(s.dueAt) }),
        ),
      ),
      ...item.waiting.map((s) => h('li', { class: 'waiting' }, waitingText(s))),
    ]),
    item.actions.length === 0
      ? null
      : h(
          'div',
          { class: 'actions', role: 'group', 'aria-label': t('work.actions') },
          item.actions.map((type) =>
            h('button', { type: 'button', 'data-event': type, onclick: () => open(type) }, eventLabel(type)),
          ),
        ),
    formSlot,
  );
}

/**
 * @param {{ api: import('../api.js').Api, items: WorkItem[], reload: () => void }} deps
 * @returns {(HTMLElement | null)[]}
 */
export function workPage({ api, items, reload }) {
  const list = h('ul', { class: 'work', id: 'work-list' });
  // The server lists what the person owes first; a heading marks where each part starts.
  const heading = (/** @type {'work.yours' | 'work.others'} */ key) =>
    h('li', { class: 'work-part' }, h('h2', {}, t(key)));
  const draw = (/** @type {string} */ only) => {
    const shown = items.filter((i) => only === '' || i.unitId === only);
    const yours = shown.filter((i) => i.owed.length > 0);
    const others = shown.filter((i) => i.owed.length === 0);
    const both = yours.length > 0 && others.length > 0;
    replace(list, [
      ...(both ? [heading('work.yours')] : []),
      ...yours.map((i) => workCard(api, i, reload)),
      ...(both ? [heading('work.others')] : []),
      ...others.map((i) => workCard(api, i, reload)),
    ]);
  };
  draw('');
  const units = [...new Map(items.map((i) => [i.unitId, i.unitName])).entries()];
  const switcher = h(
    'select',
    {
      id: 'work-unit',
      onchange: (/** @type {Event} */ e) => draw(/** @type {HTMLSelectElement} */ (e.target).value),
    },
    h('option', { value: '' }, t('work.allUnits')),
    units.map(([id, name]) => h('option', { value: id }, name)),
  );
  return [
    h('h1', { tabindex: -1 }, t('work.title')),
    items.length === 0 ? h('p', { class: 'calm' }, t('work.none')) : null,
    units.length > 1
      ? h('p', { class: 'switcher' }, h('label', { for: 'work-unit' }, t('work.switch')), ' ', switcher)
      : null,
    list,
  ];
}
