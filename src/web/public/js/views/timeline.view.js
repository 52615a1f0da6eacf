/** A unit's history: seq, event (bilingual label and dotted type), actor, Vietnam time, hash prefix. */
import { h } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { eventLabel, roleLabel } from '../labels.js';

/** @typedef {import('../schemas.js').HistoryEntry} HistoryEntry */

/** Enough of the hash to compare by eye; the full value is in the title and the export. */
const HASH_PREFIX = 12;

/** @param {HistoryEntry} entry */
function entryRow(entry) {
  return h(
    'tr',
    { 'data-seq': entry.seq },
    h('td', { class: 'num' }, entry.seq),
    h(
      'td',
      {},
      h('span', { class: 'event-label' }, eventLabel(entry.type)),
      h('code', { class: 'event-type' }, entry.type),
    ),
    h('td', {}, `${roleLabel(entry.actor.role)} · ${entry.actor.principalId ?? entry.actor.id}`),
    h('td', {}, h('time', { datetime: entry.at }, formatInstant(entry.at))),
    h('td', {}, h('code', { title: entry.hash }, entry.hash.slice(0, HASH_PREFIX))),
  );
}

/**
 * @param {HistoryEntry[]} entries
 * @returns {{ element: HTMLElement, markReplayed: (seq: number) => void }}
 */
export function timelineTable(entries) {
  const rows = entries.map(entryRow);
  const keys = /** @type {const} */ ([
    'timeline.seq',
    'timeline.type',
    'timeline.actor',
    'timeline.time',
    'timeline.hash',
  ]);
  const element =
    entries.length === 0
      ? h('p', {}, t('timeline.empty'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'timeline', 'aria-labelledby': 'timeline-title' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                keys.map((key) => h('th', { scope: 'col' }, t(key))),
              ),
            ),
            h('tbody', {}, rows),
          ),
        );
  return {
    element,
    /** Greys out the events after the replayed position. */
    markReplayed: (seq) => {
      rows.forEach((row, i) => row.classList.toggle('after-replay', (entries[i]?.seq ?? 0) > seq));
    },
  };
}
