/* global sessionStorage, navigator */
/**
 * What the dashboard remembers for this browser tab only (sessionStorage): the token, the root unit,
 * the language and the drill-down trail. Closing the tab forgets the token.
 */
import { isLang } from './i18n.js';

const KEYS = {
  token: 'congress.token',
  root: 'congress.root',
  lang: 'congress.lang',
  trail: 'congress.trail',
};

/** @typedef {{ id: string, name: string }} Crumb */

/** @returns {{ token: string, root: string } | null} */
export function readSignIn() {
  const token = sessionStorage.getItem(KEYS.token);
  const root = sessionStorage.getItem(KEYS.root);
  return token && root ? { token, root } : null;
}

/** @param {{ token: string, root: string }} signIn */
export function saveSignIn({ token, root }) {
  sessionStorage.setItem(KEYS.token, token);
  sessionStorage.setItem(KEYS.root, root);
}

export function signOut() {
  for (const key of Object.values(KEYS)) if (key !== KEYS.lang) sessionStorage.removeItem(key);
}

/** @returns {import('./messages.js').Lang} */
export function readLang() {
  const stored = sessionStorage.getItem(KEYS.lang);
  if (isLang(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** @param {import('./messages.js').Lang} lang */
export function saveLang(lang) {
  sessionStorage.setItem(KEYS.lang, lang);
}

/** @returns {Crumb[]} */
export function readTrail() {
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(sessionStorage.getItem(KEYS.trail) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isCrumb) : [];
  } catch {
    return [];
  }
}

/** @param {unknown} value @returns {value is Crumb} */
function isCrumb(value) {
  const crumb = /** @type {Partial<Crumb> | null} */ (value);
  return typeof crumb?.id === 'string' && typeof crumb.name === 'string';
}

/**
 * The trail after visiting `unit`: cut back to it if already on the trail, extend it when the unit is a
 * child of the last crumb, start afresh otherwise. Saved for reloads.
 * @param {{ id: string, name: string, parentId: string | null }} unit
 * @returns {Crumb[]}
 */
export function visit(unit) {
  const trail = readTrail();
  const at = trail.findIndex((crumb) => crumb.id === unit.id);
  const crumb = { id: unit.id, name: unit.name };
  const next =
    at >= 0 ? trail.slice(0, at + 1) : trail.at(-1)?.id === unit.parentId ? [...trail, crumb] : [crumb];
  sessionStorage.setItem(KEYS.trail, JSON.stringify(next));
  return next;
}
