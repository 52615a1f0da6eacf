/**
 * The statechart at a glance: the procedure's phases in order with the current one highlighted and the
 * earlier ones marked done. Side paths (postponed, annulled) are shown as a note beside the line.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { phaseLabel, procedurePhases } from '../labels.js';

/**
 * Phases this unit does not go through: the pilot unless the superior designated it, and the bodies
 * phase for cells (DOMAIN.md §2: cells form no subcommittees).
 * @param {string} level
 * @param {{ type: string }[]} history
 * @returns {Set<string>}
 */
export function skippedPhases(level, history) {
  /** @type {Set<string>} */
  const skipped = new Set();
  if (!history.some((e) => e.type === 'pilot.designated')) skipped.add('pilot');
  if (level === 'cell') skipped.add('bodies');
  return skipped;
}

/** @type {Record<string, import('../messages.js').MessageKey>} */
const STEP_NOTES = { done: 'stepper.done', current: 'stepper.current', skipped: 'stepper.skipped' };

/**
 * @param {string} phase the unit's current (or replayed) phase
 * @param {Set<string>} skipped phases the unit does not go through
 * @returns {HTMLElement}
 */
export function phaseStepper(phase, skipped) {
  const order = procedurePhases();
  const at = order.indexOf(phase);
  const steps = order.map((step, i) => {
    const state = i === at ? 'current' : skipped.has(step) ? 'skipped' : i < at ? 'done' : 'todo';
    const key = STEP_NOTES[state];
    const note = key === undefined ? '' : ` (${t(key)})`;
    return h(
      'li',
      {
        class: `step step-${state}`,
        'aria-current': state === 'current' ? 'step' : false,
        'data-phase': step,
      },
      h('span', { class: 'step-name' }, phaseLabel(step)),
      h('span', { class: 'visually-hidden' }, note),
    );
  });
  return h(
    'div',
    { class: 'stepper-wrap' },
    h('ol', { class: 'stepper', 'aria-label': t('stepper.title') }, steps),
    at < 0 ? h('p', { class: 'side-path' }, t('stepper.side', { phase: phaseLabel(phase) })) : null,
  );
}

/**
 * The nested state value as readable paths, e.g. "procedure › preparation › documents › drafting".
 * Parallel regions give one path each.
 * @param {unknown} value
 * @returns {string[]}
 */
export function statePaths(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const below = statePaths(child);
    return below.length === 0 ? [key] : below.map((path) => `${key} › ${path}`);
  });
}
