/** The drill-down trail (breadcrumb) from the unit the user started at. */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { treeHref } from '../routes.js';

/**
 * @param {import('../session.js').Crumb[]} trail
 * @returns {HTMLElement}
 */
export function trailNav(trail) {
  return h(
    'nav',
    { class: 'trail', 'aria-label': t('nav.trail') },
    h(
      'ol',
      {},
      trail.map((crumb, i) =>
        h(
          'li',
          {},
          i === trail.length - 1
            ? h('span', { 'aria-current': 'page' }, crumb.name)
            : h('a', { href: treeHref(crumb.id) }, crumb.name),
        ),
      ),
    ),
  );
}
