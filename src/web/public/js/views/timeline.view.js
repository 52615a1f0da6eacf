/**
 * A unit's history: seq, event (bilingual label and dotted type, with late / backfilled / corrected
 * badges), actor, when it occurred and when it was recorded (Vietnam time), hash prefix.
 */
import { h } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { eventLabel, roleLabel } from '../labels.js';

/** @typedef {import('../schemas.js').HistoryEntry} HistoryEntry */

/** Enough of the hash to compare by eye; the full value is in the title and the export. */
const HASH_PREFIX = 12;

/** Badges beside the event: recorded late, backfilled, corrected. @param {HistoryEntry} entry */
function badges(entry) {
  const list = [];
  if (entry.late) list.push(h('span', { class: 'badge late' }, t('timeline.late')));
  if (entry.backfilled) list.push(h('span', { class: 'badge' }, t('timeline.backfilled')));
  if (entry.corrections?.length) {
    const seqs = entry.corrections.map((c) => c.seq).join(', ');
    const reasons = entry.corrections.map((c) => c.reason).join('; ');
    list.push(h('span', { class: 'badge corrected', title: reasons }, t('timeline.corrected', { seqs })));
  }
  return list;
}

/** A time cell, or a dash for entries recorded before both times were kept. @param {string | null} iso */
const timeCell = (iso) => h('td', {}, iso === null ? '—' : h('time', { datetime: iso }, formatInstant(iso)));

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
      ...badges(entry),
    ),
    h('td', {}, `${roleLabel(entry.actor.role)} · ${entry.actor.principalId}`),
    timeCell(entry.occurredAt),
    timeCell(entry.recordedAt),
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
    'timeline.recorded',
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
