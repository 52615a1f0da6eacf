/* global window, URL, Blob */
/**
 * The unit's recorded election rounds (from its history), each named by its election in the current
 * language and linked to its vote-count minutes, the printable page the server renders.
 */
import { h, replace } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { describeError, payloadValueLabel } from '../labels.js';
import { minutesPath } from '../api.js';

/** @typedef {import('../schemas.js').HistoryEntry} HistoryEntry */

const RECORDED = 'election.recorded';

/**
 * Each election's rounds, once each: after an annulment a round number recurs and its minutes are the
 * last recording's, so the last one is kept.
 * @param {HistoryEntry[]} history
 */
export function recordedRounds(history) {
  /** @type {Map<string, { election: string, round: number, occurredAt: string }>} */
  const rounds = new Map();
  for (const entry of history) {
    const election = entry.payload?.['election'];
    const round = entry.payload?.['round'];
    // Rounds of machine versions 1–3 name no election, so they have no minutes.
    if (entry.type !== RECORDED || typeof election !== 'string' || typeof round !== 'number') continue;
    rounds.set(`${election}/${round}`, { election, round, occurredAt: entry.occurredAt });
  }
  return [...rounds.values()];
}

/**
 * A link to a round's minutes. A token is not sent with a plain link, so with one the page is fetched
 * with it and opened from memory; an account's cookie goes with the link itself.
 * @param {import('../api.js').Api} api
 * @param {string} unitId
 * @param {{ election: string, round: number }} r
 * @param {HTMLElement} status
 */
function minutesLink(api, unitId, r, status) {
  const label = `${payloadValueLabel(RECORDED, 'election', r.election)}, ${t('rounds.round', { round: r.round })}`;
  const link = h(
    'a',
    { href: minutesPath(unitId, r.election, r.round), target: '_blank', rel: 'noopener', class: 'minutes' },
    label,
  );
  if (api.cookieSession) return link;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const opened = window.open('', '_blank');
    api.minutes(unitId, r.election, r.round).then(
      (html) => {
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        if (opened) opened.location.href = url;
        else window.location.href = url;
      },
      (error) => {
        opened?.close();
        replace(status, h('span', { class: 'error', role: 'alert' }, describeError(error, unitId)));
      },
    );
  });
  return link;
}

/**
 * @param {{ api: import('../api.js').Api, unitId: string, history: HistoryEntry[] }} deps
 */
export function electionRoundsCard({ api, unitId, history }) {
  const rounds = recordedRounds(history);
  // Most units hold no election for most of the procedure: no empty card for them.
  if (rounds.length === 0) return null;
  const status = h('p', { class: 'form-status', role: 'status' });
  return h(
    'section',
    { class: 'card', id: 'election-rounds', 'aria-labelledby': 'rounds-title' },
    h('h2', { id: 'rounds-title' }, t('rounds.title')),
    h('p', { class: 'hint' }, t('rounds.hint')),
    h(
      'ul',
      { class: 'rounds' },
      rounds.map((r) =>
        h(
          'li',
          { 'data-election': r.election, 'data-round': String(r.round) },
          minutesLink(api, unitId, r, status),
          ' — ',
          h('time', { datetime: r.occurredAt }, formatInstant(r.occurredAt)),
        ),
      ),
    ),
    status,
  );
}
