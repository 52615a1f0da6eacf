/* global window, URL, Blob, DOMParser */
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
 * Draws the minutes' page in `win`, a blank window this page opened. That window inherits the
 * dashboard's style policy, which refuses inline style, so the minutes' print style sheet is adopted
 * through the CSSOM instead (the policy governs style elements, not constructed sheets).
 * @param {Window} win
 * @param {string} html
 */
function showMinutes(win, html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const styles = [...parsed.querySelectorAll('style')];
  const css = styles.map((s) => s.textContent ?? '').join('\n');
  for (const style of styles) style.remove();
  const doc = win.document;
  doc.replaceChild(doc.importNode(parsed.documentElement, true), doc.documentElement);
  // A constructed sheet must come from the window that adopts it.
  const Sheet = /** @type {typeof CSSStyleSheet} */ (
    /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (win))['CSSStyleSheet']
  );
  const sheet = new Sheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [sheet];
}

/**
 * A link to a round's minutes. A token is not sent with a plain link, so with one the page is fetched
 * with it and drawn in a new window; an account's cookie goes with the link itself.
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
        if (opened) showMinutes(opened, html);
        // No new window (a pop-up blocker): the page itself, from memory, unstyled.
        else window.location.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
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
