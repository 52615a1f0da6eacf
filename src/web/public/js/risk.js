/**
 * Which units need a supervisor's attention (DOMAIN.md §6): overdue deadlines, postponed or annulled
 * congresses, units flagged difficult (the API's explicit flags), and overdue or escalation alerts.
 */

/** @typedef {import('./schemas.js').UnitView} UnitView */
/** @typedef {import('./schemas.js').ChildStatus} ChildStatus */
/** @typedef {import('./schemas.js').Alert} Alert */
/**
 * @typedef {{ kind: 'overdue', deadlineKind: string, dueAt: string }
 *   | { kind: 'overdueCount', count: number }
 *   | { kind: 'postponed' | 'annulled' | 'difficult' }
 *   | { kind: 'alert', alert: Alert }} Reason
 */
/** @typedef {{ unitId: string, name: string, reasons: Reason[] }} RiskItem */

/**
 * Phase and flags as both the unit view and a child's status carry them.
 * @param {{ phase: string, flags: UnitView['flags'] }} unit
 * @returns {Reason[]}
 */
function reasonsOfStatus(unit) {
  /** @type {Reason[]} */
  const reasons = [];
  if (unit.phase === 'postponed' || unit.flags.postponed) reasons.push({ kind: 'postponed' });
  if (unit.phase === 'annulled') reasons.push({ kind: 'annulled' });
  if (unit.flags.difficult) reasons.push({ kind: 'difficult' });
  return reasons;
}

/**
 * The unit shown: each overdue deadline by name (its view lists them), as of the browser's clock.
 * @param {UnitView} view
 * @param {number} now epoch ms
 * @returns {Reason[]}
 */
function reasonsOfView(view, now) {
  /** @type {Reason[]} */
  const overdue = view.deadlines
    .filter((d) => Date.parse(d.dueAt) < now)
    .map((d) => ({ kind: 'overdue', deadlineKind: d.kind, dueAt: d.dueAt }));
  return [...overdue, ...reasonsOfStatus({ phase: view.phase, flags: view.flags })];
}

/**
 * A subordinate: the number of overdue deadlines the server counted at its own clock.
 * @param {ChildStatus} child
 * @returns {Reason[]}
 */
function reasonsOfChild(child) {
  /** @type {Reason[]} */
  const overdue = child.overdueDeadlines > 0 ? [{ kind: 'overdueCount', count: child.overdueDeadlines }] : [];
  return [...overdue, ...reasonsOfStatus(child)];
}

/**
 * Units at risk: the unit shown, its direct subordinates, and units named by overdue and escalation
 * alerts; most reasons first.
 * @param {UnitView} view
 * @param {ChildStatus[]} children
 * @param {Alert[]} alerts
 * @param {number} now epoch ms
 * @returns {RiskItem[]}
 */
export function risksOf(view, children, alerts, now) {
  /** @type {Map<string, RiskItem>} */
  const items = new Map();
  /** @param {string} unitId @param {string} name @param {Reason[]} reasons */
  const add = (unitId, name, reasons) => {
    if (reasons.length === 0) return;
    const item = items.get(unitId) ?? { unitId, name, reasons: [] };
    items.set(unitId, item);
    item.reasons.push(...reasons);
  };
  add(view.unit.id, view.unit.name, reasonsOfView(view, now));
  for (const child of children) add(child.id, child.name, reasonsOfChild(child));
  /** @type {Map<string, string>} */
  const names = new Map([[view.unit.id, view.unit.name]]);
  for (const child of children) names.set(child.id, child.name);
  for (const alert of alerts) {
    if (alert.unitId === null || (alert.type !== 'overdue' && alert.type !== 'escalation')) continue;
    add(alert.unitId, names.get(alert.unitId) ?? alert.unitId, [{ kind: 'alert', alert }]);
  }
  return [...items.values()].sort((a, b) => b.reasons.length - a.reasons.length);
}
