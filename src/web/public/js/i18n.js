/* global document */
/**
 * The current language and every formatter that depends on it. Vietnamese numbers use a decimal comma
 * ("81/82 (98,78%)", DOMAIN.md §6); times are shown in Vietnam time whatever the browser's zone,
 * because deadlines and congress dates are Vietnamese business dates.
 */
import { MESSAGES } from './messages.js';

/** @typedef {import('./messages.js').Lang} Lang */
/** @typedef {import('./messages.js').MessageKey} MessageKey */

const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** @type {Lang} */
let current = 'vi';

/** @param {unknown} value @returns {value is Lang} */
export function isLang(value) {
  return value === 'vi' || value === 'en';
}

/** @param {Lang} lang */
export function setLang(lang) {
  current = lang;
  document.documentElement.lang = lang;
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/**
 * The message `key` with `{name}` placeholders filled in.
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  const template = MESSAGES[current][key];
  return template.replace(/\{(\w+)\}/g, (/** @type {string} */ whole, /** @type {string} */ name) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** @param {number} value */
function percent(value) {
  const format = new Intl.NumberFormat(LOCALES[current], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return format.format(value);
}

/**
 * "done/total (percent%)" in the current language: "81/82 (98,78%)" or "81/82 (98.78%)".
 * @param {number} done
 * @param {number} total
 */
export function formatRatio(done, total) {
  return `${done}/${total} (${percent(total === 0 ? 0 : (done / total) * 100)}%)`;
}

/**
 * An ISO instant as a Vietnam-time date and time.
 * @param {string} iso
 */
export function formatInstant(iso) {
  const format = new Intl.DateTimeFormat(LOCALES[current], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
  return format.format(new Date(iso));
}

/** Fills every element carrying `data-i18n="<key>"` with its message (static parts of the page). */
export function translateStatic(root = document) {
  document.title = t('app.title');
  for (const element of root.querySelectorAll('[data-i18n]')) {
    const key = /** @type {MessageKey} */ (element.getAttribute('data-i18n'));
    if (key in MESSAGES[current]) element.textContent = t(key);
  }
  // Accessible names of landmarks, which have no text of their own to translate.
  for (const element of root.querySelectorAll('[data-i18n-label]')) {
    const key = /** @type {MessageKey} */ (element.getAttribute('data-i18n-label'));
    if (key in MESSAGES[current]) element.setAttribute('aria-label', t(key));
  }
}
