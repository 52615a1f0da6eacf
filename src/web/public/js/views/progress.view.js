/** The roll-up table of a subtree: per level, then per block, done/total (percent), on time, at risk. */
import { h } from '../dom.js';
import { formatRatio, t } from '../i18n.js';
import { blockLabel, levelLabel } from '../labels.js';

/** @typedef {import('../schemas.js').Progress} Progress */
/** @typedef {{ done: number, total: number, onTime: number, atRisk: number }} Totals */

/**
 * A bar for sighted users; the numbers next to it carry the same information for everyone.
 * (A native element, because the page's Content-Security-Policy forbids inline style widths.)
 * @param {number} done
 * @param {number} total
 */
function bar(done, total) {
  return h('progress', { max: Math.max(total, 1), value: done, 'aria-hidden': 'true' });
}

/**
 * @param {Totals} totals
 * @param {Record<string, string>} data
 * @param {string} levelText
 * @param {string} blockText
 */
function row(totals, data, levelText, blockText) {
  return h(
    'tr',
    data,
    h('th', { scope: 'row' }, levelText),
    h('td', {}, blockText),
    h(
      'td',
      { class: 'ratio' },
      h('span', { class: 'done' }, formatRatio(totals.done, totals.total)),
      bar(totals.done, totals.total),
    ),
    h('td', { class: 'ratio on-time' }, formatRatio(totals.onTime, totals.total)),
    h('td', { class: totals.atRisk > 0 ? 'num at-risk' : 'num' }, totals.atRisk),
  );
}

/**
 * @param {Progress} progress
 * @returns {HTMLElement}
 */
export function progressTable(progress) {
  if (progress.byLevel.length === 0) return h('p', {}, t('progress.empty'));
  const body = progress.byLevel.flatMap((level) => {
    const blocks = progress.rows.filter((r) => r.level === level.level);
    return [
      row(
        level,
        { class: 'level-total', 'data-level': level.level, 'data-block': '*' },
        levelLabel(level.level),
        t('progress.allBlocks'),
      ),
      ...blocks.map((r) => row(r, { 'data-level': r.level, 'data-block': r.block }, '', blockLabel(r.block))),
    ];
  });
  return h(
    'table',
    { class: 'progress', 'aria-labelledby': 'progress-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['progress.level', 'progress.block', 'progress.done', 'progress.onTime', 'progress.atRisk'].map(
          (key) => h('th', { scope: 'col' }, t(/** @type {import('../messages.js').MessageKey} */ (key))),
        ),
      ),
    ),
    h('tbody', {}, body),
  );
}
