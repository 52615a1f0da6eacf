/* global document, fetch, location */
/**
 * What a signed-in account adds to the header: a link to the account screens for admins and account
 * admins, and, for a person holding several assignments, the choice of which one acts.
 */
import { h } from '../dom.js';
import { ta } from '../account-messages.js';
import { authHeaders, isSession, jsonOf } from '../auth-headers.js';
import { roleLabel } from '../labels.js';
import { managesAccounts } from './accounts.page.js';

export const ACCOUNTS_HREF = '#/accounts';
const NAV_ID = 'account-nav';

/** @param {{ role: string, unitId?: string, workingGroup?: string, subtreeOf?: string }} a */
const label = (a) =>
  `${a.role === 'account_admin' ? ta('role.account_admin') : roleLabel(a.role)} · ${a.unitId ?? a.workingGroup ?? a.subtreeOf ?? '*'}`;

/**
 * @param {string} credential
 * @returns {Promise<HTMLElement | null>}
 */
async function assignmentPicker(credential) {
  if (!isSession(credential)) return null;
  const res = await fetch('/api/v1/session', {
    headers: { ...authHeaders(credential), Accept: 'application/json' },
  });
  if (!res.ok) return null;
  const session =
    /** @type {{ assignments: { id: string, role: string }[], assignmentId: string | null }} */ (
      await jsonOf(res)
    );
  if (session.assignments.length < 2) return null;
  const select = h(
    'select',
    { id: 'assignment', 'aria-label': ta('account.acting') },
    ...session.assignments.map((a) =>
      h('option', { value: a.id, selected: a.id === session.assignmentId }, label(a)),
    ),
  );
  select.addEventListener('change', async () => {
    await fetch('/api/v1/session', {
      method: 'PUT',
      headers: { ...authHeaders(credential), 'Content-Type': 'application/json' },
      body: JSON.stringify({ assignmentId: select.value }),
    });
    location.reload();
  });
  return h('span', {}, h('label', { for: 'assignment' }, ta('account.acting')), ' ', select);
}

export function unmountAccountsNav() {
  document.getElementById(NAV_ID)?.remove();
}

/**
 * @param {string} credential
 * @param {import('../api.js').Api} api
 */
export async function mountAccountsNav(credential, api) {
  unmountAccountsNav();
  const me = await api.me().catch(() => null);
  const picker = await assignmentPicker(credential).catch(() => null);
  const link =
    me && managesAccounts(me.principal.role)
      ? h('a', { id: 'accounts-link', href: ACCOUNTS_HREF }, ta('accounts.link'))
      : null;
  if (!link && !picker) return;
  document.querySelector('.tools')?.prepend(h('span', { id: NAV_ID, class: 'account-nav' }, picker, link));
}
