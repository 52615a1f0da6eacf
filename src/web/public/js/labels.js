/** Labels that depend on the language and on the machines' catalogue. */
import { lang, t } from './i18n.js';
import { ALERT_TYPES, BLOCKS, DEADLINE_KINDS, LEVELS, PHASES, ROLES, RULES, word } from './vocabulary.js';
import { ApiError, ShapeError } from './api.js';

/** @type {import('./schemas.js').Catalogue} */
let catalogue = { events: {}, procedure: [], sidePhases: [] };

/** @param {import('./schemas.js').Catalogue} loaded */
export function useCatalogue(loaded) {
  catalogue = loaded;
}

export function procedurePhases() {
  return catalogue.procedure;
}

/**
 * The JSON Schema of an event's payload, from which its form is drawn (an empty object when unknown).
 * @param {string} type
 * @returns {import('./schemas.js').JsonSchema}
 */
export const eventSchema = (type) => catalogue.events[type]?.schema ?? { type: 'object', properties: {} };
/**
 * Events a role may send, in catalogue order.
 * @param {string} role
 */
export const eventsOfRole = (role) =>
  Object.entries(catalogue.events)
    .filter(([, e]) => e.roles.includes(role))
    .map(([type]) => type);
/** @param {string} type */
export const eventLabel = (type) => catalogue.events[type]?.[lang()] ?? type;
/**
 * Who may send an event, e.g. "Ban thường vụ" or "Bí thư, Ban thường vụ".
 * @param {string} type
 */
export const eventRolesLabel = (type) => (catalogue.events[type]?.roles ?? []).map(roleLabel).join(', ');
/** @param {string} phase */
export const phaseLabel = (phase) => word(PHASES, phase, lang());
/** @param {string} level */
export const levelLabel = (level) => word(LEVELS, level, lang());
/** @param {string} block */
export const blockLabel = (block) => word(BLOCKS, block, lang());
/** @param {string} role */
export const roleLabel = (role) => word(ROLES, role, lang());
/** @param {string} rule a rule id of machines/rules/rule-ids.ts */
export const ruleLabel = (rule) => word(RULES, rule, lang());
/**
 * One value of an enum field of an event's payload, as its schema names it (`enumLabels`), e.g. an
 * election kind; the value itself when unnamed.
 * @param {string} type
 * @param {string} field
 * @param {string} value
 */
export const payloadValueLabel = (type, field, value) =>
  eventSchema(type).properties?.[field]?.enumLabels?.[value]?.[lang()] || value;
const IRREGULARITY = 'irregularity.';
/**
 * What a deadline owes; an irregularity's kind names the breached rule after its prefix.
 * @param {string} kind
 */
export const deadlineLabel = (kind) =>
  kind.startsWith(IRREGULARITY)
    ? `${word(DEADLINE_KINDS, 'irregularity', lang())}: ${ruleLabel(kind.slice(IRREGULARITY.length))}`
    : word(DEADLINE_KINDS, kind, lang());
/** @param {string} type */
export const alertTypeLabel = (type) => word(ALERT_TYPES, type, lang());

/**
 * What to tell the user about a failed load.
 * @param {unknown} error
 * @param {string} [unitId]
 */
export function describeError(error, unitId = '') {
  if (error instanceof ShapeError) return t('error.shape', { where: error.where });
  if (!(error instanceof ApiError)) return t('error.network');
  if (error.status === 0) return t('error.network');
  if (error.status === 401) return t('error.401');
  if (error.status === 403) return t('error.403');
  if (error.status === 404) return t('error.404', { id: unitId });
  if (error.status === 429) return t('error.429');
  return t('error.other', { status: error.status, detail: error.message });
}
