/**
 * The unit's irregularities: local-policy rules it breached (a number one province or this product
 * chose), which are flagged for supervisors and never refuse anything. Each names the rule, when, the
 * rule's basis (for local policy, who set it) and, where the rule alone does not say it, what was found.
 */
import { h } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { ruleLabel } from '../labels.js';

/** @typedef {import('../schemas.js').Irregularity} Irregularity */

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' ? value : '');

/**
 * Where the rule comes from, as the rule set records it.
 * @param {unknown} source
 */
function basisText(source) {
  const s = /** @type {Record<string, unknown> | null} */ (typeof source === 'object' ? source : null);
  if (s?.['basis'] === 'local-policy') return t('irregularities.localPolicy', { setBy: text(s['setBy']) });
  const national = /** @type {Record<string, unknown> | null} */ (
    typeof s?.['source'] === 'object' ? s['source'] : null
  );
  if (national) return `${text(national['document'])}, ${text(national['article'])}`;
  return t('irregularities.noSource');
}

/**
 * What was found, which the engine writes in English; in Vietnamese it is marked as such.
 * @param {string | undefined} message
 */
function found(message) {
  if (!message) return '—';
  const note = t('events.reasonLang');
  return h('span', {}, h('span', { lang: 'en' }, message), note === '' ? null : ` ${note}`);
}

/**
 * Open until the superior closes it; then when, in which entry, and the superior's note.
 * @param {Irregularity} i
 */
function statusText(i) {
  if (!i.closedAt) return t('irregularities.open');
  return t('irregularities.closed', {
    when: formatInstant(i.closedAt),
    seq: i.closedSeq ?? '?',
    note: i.closingNote ?? '',
  });
}

/** @param {Irregularity[]} irregularities */
export function irregularitiesCard(irregularities) {
  const title = h('h2', { id: 'irregularities-title' }, t('irregularities.title'));
  const intro = h('p', { class: 'hint' }, t('irregularities.intro'));
  if (irregularities.length === 0)
    return h(
      'section',
      { class: 'card', id: 'irregularities', 'aria-labelledby': 'irregularities-title' },
      title,
      h('p', {}, t('irregularities.none')),
    );
  const head = /** @type {const} */ ([
    'irregularities.rule',
    'irregularities.when',
    'irregularities.basis',
    'irregularities.found',
    'irregularities.status',
  ]);
  return h(
    'section',
    { class: 'card wide', id: 'irregularities', 'aria-labelledby': 'irregularities-title' },
    title,
    intro,
    // On a phone the table scrolls inside its card (focusable, so the keyboard can scroll it too).
    h(
      'div',
      { class: 'scroll', tabindex: 0, 'aria-labelledby': 'irregularities-title' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            head.map((k) => h('th', { scope: 'col' }, t(k))),
          ),
        ),
        h(
          'tbody',
          {},
          irregularities.map((i) =>
            h(
              'tr',
              { 'data-rule': i.rule },
              h('td', {}, ruleLabel(i.rule), ' ', h('code', { class: 'event-type' }, i.rule)),
              h(
                'td',
                {},
                i.occurredAt === ''
                  ? '—'
                  : h('time', { datetime: i.occurredAt }, formatInstant(i.occurredAt)),
                ' ',
                h('span', { class: 'hint' }, t('irregularities.seq', { seq: i.seq })),
              ),
              h('td', {}, basisText(i.source)),
              h('td', {}, found(i.message)),
              h('td', { class: i.closedAt ? 'closed' : 'open' }, statusText(i)),
            ),
          ),
        ),
      ),
    ),
  );
}
