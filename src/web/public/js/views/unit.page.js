/**
 * The unit page: status, the phase stepper, open deadlines, allowed and blocked events (with why),
 * irregularities, recorded election rounds with their minutes, the timeline and the auditor replay.
 */
import { h } from '../dom.js';
import { formatInstant, t } from '../i18n.js';
import { deadlineLabel, eventLabel, eventRolesLabel, levelLabel, phaseLabel } from '../labels.js';
import { treeHref } from '../routes.js';
import { replayPanel } from './replay.view.js';
import { phaseStepper, skippedPhases, statePaths } from './stepper.view.js';
import { timelineTable } from './timeline.view.js';
import { unitActions } from './unit-actions.view.js';
import { irregularitiesCard } from './irregularities.view.js';
import { electionRoundsCard } from './election-rounds.view.js';

/** @typedef {import('../schemas.js').UnitView} UnitView */
/** @typedef {import('../schemas.js').HistoryEntry} HistoryEntry */

/**
 * @param {string} titleKey
 * @param {string} id
 * @param {...import('../dom.js').Children} content
 */
function card(titleKey, id, ...content) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, t(/** @type {import('../messages.js').MessageKey} */ (titleKey))),
    ...content,
  );
}

/**
 * @param {UnitView} view
 * @param {Set<string>} skipped
 */
function summary(view, skipped) {
  /** @type {[import('../messages.js').MessageKey, import('../dom.js').Children][]} */
  const facts = [
    ['unit.id', h('code', {}, view.unit.id)],
    ['unit.level', levelLabel(view.unit.level)],
    [
      'unit.phase',
      h('span', { id: 'unit-phase', class: `phase-badge phase-${view.phase}` }, phaseLabel(view.phase)),
    ],
    [
      'unit.state',
      h(
        'ul',
        { class: 'state-paths' },
        statePaths(view.state).map((p) => h('li', {}, h('code', {}, p))),
      ),
    ],
    ['unit.flags', flagList(view.flags)],
    ['unit.version', view.version],
    ['unit.lastHash', h('code', { title: view.lastHash }, view.lastHash.slice(0, 12))],
  ];
  return card(
    'unit.summary',
    'summary-title',
    h(
      'dl',
      { class: 'facts' },
      facts.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    ),
    phaseStepper(view.phase, skipped),
  );
}

/**
 * @param {UnitView} view
 * @param {number} now
 */
function deadlines(view, now) {
  if (view.deadlines.length === 0)
    return card('deadlines.title', 'deadlines-title', h('p', {}, t('deadlines.none')));
  const rows = view.deadlines.map((d) => {
    const overdue = Date.parse(d.dueAt) < now;
    return h(
      'tr',
      { class: overdue ? 'overdue' : false },
      h('td', {}, deadlineLabel(d.kind), h('code', { class: 'event-type' }, d.kind)),
      h(
        'td',
        {},
        h('time', { datetime: d.dueAt }, formatInstant(d.dueAt)),
        overdue ? h('strong', { class: 'tag-overdue' }, ` ${t('deadlines.overdue')}`) : null,
      ),
      h('td', {}, t(d.owner === 'unit' ? 'owner.unit' : 'owner.superior')),
    );
  });
  const head = /** @type {const} */ (['deadlines.kind', 'deadlines.due', 'deadlines.owner']);
  return card(
    'deadlines.title',
    'deadlines-title',
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
      h('tbody', {}, rows),
    ),
  );
}

/**
 * The machine's reason, which is English text; in Vietnamese it is labelled as such rather than translated.
 * @param {string} reason
 */
function reasonText(reason) {
  const note = t('events.reasonLang');
  return h(
    'span',
    { class: 'reason' },
    ` — `,
    h('span', { lang: 'en' }, reason),
    note === '' ? null : h('span', { class: 'reason-lang' }, ` ${note}`),
  );
}

/** @param {UnitView['flags']} flags */
function flagList(flags) {
  const set = /** @type {const} */ ([
    'difficult',
    'postponed',
    'congressHeld',
    'heldOnTime',
    'resultsConfirmed',
  ]).filter((key) => flags[key]);
  if (set.length === 0) return t('flags.none');
  return h(
    'ul',
    { id: 'unit-flags', class: 'flags' },
    set.map((key) => h('li', { 'data-flag': key }, t(`flags.${key}`))),
  );
}

/** @param {UnitView} view */
function events(view) {
  const allowed = view.allowedEvents.filter((e) => e.allowed);
  const blocked = view.allowedEvents.filter((e) => !e.allowed);
  /** @param {typeof allowed} list */
  const items = (list) =>
    list.length === 0
      ? h('p', {}, t('events.none'))
      : h(
          'ul',
          { class: 'events' },
          list.map((e) =>
            h(
              'li',
              { 'data-event': e.type },
              h('span', {}, eventLabel(e.type)),
              ' ',
              h('code', {}, e.type),
              h('span', { class: 'roles' }, ` · ${eventRolesLabel(e.type)}`),
              e.reason ? reasonText(e.reason) : null,
            ),
          ),
        );
  return card(
    'events.title',
    'events-title',
    h('h3', {}, t('events.allowed')),
    items(allowed),
    h('details', {}, h('summary', {}, `${t('events.blocked')} (${blocked.length})`), items(blocked)),
  );
}

/**
 * @param {{ api: import('../api.js').Api, view: UnitView, history: HistoryEntry[], now: number }} deps
 * @returns {HTMLElement[]}
 */
export function unitPage({ api, view, history, now }) {
  const timeline = timelineTable(history);
  const skipped = skippedPhases(view.unit.level, history);
  return [
    h('h1', { tabindex: -1 }, view.unit.name),
    view.unit.level === 'cell'
      ? null
      : h('p', {}, h('a', { href: treeHref(view.unit.id) }, t('unit.subtree'))),
    unitActions({ api, view }),
    h(
      'div',
      { class: 'grid' },
      summary(view, skipped),
      deadlines(view, now),
      events(view),
      irregularitiesCard(view.irregularities ?? []),
      electionRoundsCard({ api, unitId: view.unit.id, history }),
      replayPanel({
        api,
        unitId: view.unit.id,
        version: view.version,
        skipped,
        onReplayed: (seq) => timeline.markReplayed(seq),
      }),
    ),
    h(
      'section',
      { class: 'card wide', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, t('timeline.title')),
      timeline.element,
    ),
  ].filter((e) => e !== null);
}
