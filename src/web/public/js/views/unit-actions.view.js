/* global window, HashChangeEvent, setTimeout */
/**
 * What the signed-in person may do on this unit now (the server's `actions`: the allowed events of
 * its role and scope), one button per event, each opening the form generated from its schema.
 * Nothing is offered to a reader, nor events of other roles.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { eventLabel } from '../labels.js';
import { eventForm } from './event-form.view.js';

/**
 * @param {{ api: import('../api.js').Api, view: import('../schemas.js').UnitView }} deps
 * @returns {HTMLElement | null}
 */
export function unitActions({ api, view }) {
  const actions = view.actions ?? [];
  if (actions.length === 0) return null;
  const slot = h('div', { class: 'form-slot' });
  // After a recording the page is drawn again, so the history shows the new entry.
  const reload = () => setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')), 600);
  const open = (/** @type {string} */ type) =>
    replace(
      slot,
      eventForm({
        api,
        unitId: view.unit.id,
        version: view.version,
        type,
        onDone: reload,
        onCancel: () => replace(slot),
      }),
    );
  return h(
    'section',
    { class: 'card wide', id: 'unit-actions', 'aria-labelledby': 'unit-actions-title' },
    h('h2', { id: 'unit-actions-title' }, t('work.actions')),
    h(
      'div',
      { class: 'actions' },
      actions.map((type) =>
        h('button', { type: 'button', 'data-event': type, onclick: () => open(type) }, eventLabel(type)),
      ),
    ),
    slot,
  );
}
