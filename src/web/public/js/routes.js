/** The dashboard's addresses: `#/tree/<unit>` (progress and drill-down) and `#/unit/<unit>` (unit page). */

/** @param {string} id */
export const treeHref = (id) => `#/tree/${encodeURIComponent(id)}`;
/** @param {string} id */
export const unitHref = (id) => `#/unit/${encodeURIComponent(id)}`;

/** The waiting list and the many-units page. */
export const workHref = '#/work';
export const batchHref = '#/batch';

/** @typedef {{ view: 'tree' | 'unit', id: string } | { view: 'home' | 'work' | 'batch' }} Route */

/**
 * @param {string} hash
 * @returns {Route}
 */
export function parseRoute(hash) {
  if (hash === workHref) return { view: 'work' };
  if (hash === batchHref) return { view: 'batch' };
  const match = /^#\/(tree|unit)\/(.+)$/.exec(hash);
  if (!match?.[2]) return { view: 'home' };
  try {
    return { view: match[1] === 'unit' ? 'unit' : 'tree', id: decodeURIComponent(match[2]) };
  } catch {
    return { view: 'home' };
  }
}
