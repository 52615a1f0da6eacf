/** The dashboard's addresses: `#/tree/<unit>` (progress and drill-down) and `#/unit/<unit>` (unit page). */

/** @param {string} id */
export const treeHref = (id) => `#/tree/${encodeURIComponent(id)}`;
/** @param {string} id */
export const unitHref = (id) => `#/unit/${encodeURIComponent(id)}`;

/** @typedef {{ view: 'tree' | 'unit', id: string } | { view: 'home' }} Route */

/**
 * @param {string} hash
 * @returns {Route}
 */
export function parseRoute(hash) {
  const match = /^#\/(tree|unit)\/(.+)$/.exec(hash);
  if (!match?.[2]) return { view: 'home' };
  try {
    return { view: match[1] === 'unit' ? 'unit' : 'tree', id: decodeURIComponent(match[2]) };
  } catch {
    return { view: 'home' };
  }
}
