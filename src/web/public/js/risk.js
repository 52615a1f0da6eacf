/**
 * Which units need a supervisor's attention (DOMAIN.md §6): overdue deadlines, postponed or annulled
 * congresses, units flagged difficult, and overdue or escalation alerts from the alerts feed.
 */

/** @typedef {import('./schemas.js').UnitView} UnitView */
/** @typedef {import('./schemas.js').Alert} Alert */
/**
 * @typedef {{ kind: 'overdue', deadlineKind: string, dueAt: string }
 *   | { kind: 'postponed' | 'annulled' | 'difficult' }
 *   | { kind: 'alert', alert: Alert }} Reason
 */
/** @typedef {{ unitId: string, name: string, reasons: Reason[] }} RiskItem */

/**
 * The API has no explicit flag for difficult units; the machine accepts `unit.difficulty_cleared`
 * exactly when the unit is flagged, so that event being allowed is the flag.
 * @param {UnitView} view
 */
export function isFlaggedDifficult(view) {
  return view.allowedEvents.some((e) => e.type === 'unit.difficulty_cleared' && e.allowed);
}

/**
 * @param {UnitView} view
 * @param {number} now epoch ms
 * @returns {Reason[]}
 */
function reasonsOfUnit(view, now) {
  /** @type {Reason[]} */
  const reasons = view.deadlines
    .filter((d) => Date.parse(d.dueAt) < now)
    .map((d) => ({ kind: 'overdue', deadlineKind: d.kind, dueAt: d.dueAt }));
  if (view.phase === 'postponed') reasons.push({ kind: 'postponed' });
  if (view.phase === 'annulled') reasons.push({ kind: 'annulled' });
  if (isFlaggedDifficult(view)) reasons.push({ kind: 'difficult' });
  return reasons;
}

/**
 * Units at risk among `views`, plus units named by overdue and escalation alerts; most reasons first.
 * @param {UnitView[]} views
 * @param {Alert[]} alerts
 * @param {number} now epoch ms
 * @returns {RiskItem[]}
 */
export function risksOf(views, alerts, now) {
  /** @type {Map<string, RiskItem>} */
  const items = new Map();
  /** @param {string} unitId @param {string} name */
  const itemOf = (unitId, name) => {
    const item = items.get(unitId) ?? { unitId, name, reasons: [] };
    items.set(unitId, item);
    return item;
  };
  for (const view of views) {
    const reasons = reasonsOfUnit(view, now);
    if (reasons.length > 0) itemOf(view.unit.id, view.unit.name).reasons.push(...reasons);
  }
  for (const alert of alerts) {
    if (alert.unitId === null || (alert.type !== 'overdue' && alert.type !== 'escalation')) continue;
    const known = views.find((v) => v.unit.id === alert.unitId);
    itemOf(alert.unitId, known?.unit.name ?? alert.unitId).reasons.push({ kind: 'alert', alert });
  }
  return [...items.values()].sort((a, b) => b.reasons.length - a.reasons.length);
}
