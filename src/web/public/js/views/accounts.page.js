/**
 * Account administration (`#/accounts`), for admins and account admins: list, create, disable or
 * enable, reset a password, give or remove a role. The server decides what lies within the admin's
 * scope; a refusal is shown with its reason, which says what to do instead.
 */
import { h, replace } from '../dom.js';
import { ta } from '../account-messages.js';
import { assignmentFrom, createAccountsApi, SCOPE_FIELD } from '../accounts-api.js';
import { roleLabel } from '../labels.js';

/** @typedef {import('../accounts-api.js').Account} Account */
/** @typedef {import('../accounts-api.js').Assignment} Assignment */

/** @param {string} role */
const roleName = (role) => (role === 'account_admin' ? ta('role.account_admin') : roleLabel(role));

/** @param {Assignment} a */
const describe = (a) =>
  `${roleName(a.role)}${(a.unitId ?? a.workingGroup ?? a.subtreeOf) ? ` · ${a.unitId ?? a.workingGroup ?? a.subtreeOf}` : ''}`;

/**
 * A role select and the id field beside it; an account admin is never offered `admin`.
 * @param {string} prefix
 * @param {boolean} isAdmin
 */
function roleFields(prefix, isAdmin) {
  const roles = Object.keys(SCOPE_FIELD).filter((r) => isAdmin || r !== 'admin');
  const role = h(
    'select',
    { id: `${prefix}-role`, name: 'role' },
    ...roles.map((r) => h('option', { value: r }, roleName(r))),
  );
  const scope = h('input', { id: `${prefix}-scope`, name: 'scope', spellcheck: 'false' });
  return {
    role,
    scope,
    nodes: [
      h('label', { for: `${prefix}-role` }, ta('accounts.role')),
      role,
      h('label', { for: `${prefix}-scope` }, ta('accounts.scopeId')),
      scope,
    ],
    value: () => assignmentFrom(role.value, scope.value.trim()),
  };
}

/**
 * @param {{ credential: string, me: import('../schemas.js').Me }} deps
 * @returns {HTMLElement}
 */
export function accountsPage({ credential, me }) {
  const api = createAccountsApi(credential);
  const isAdmin = me.principal.role === 'admin';
  const status = h('p', { id: 'accounts-status', role: 'status' });
  const table = h('div', { id: 'accounts-table' });

  /** @param {() => Promise<unknown>} action @param {string} done */
  async function attempt(action, done) {
    try {
      await action();
      status.className = 'status';
      status.textContent = done;
      await redraw();
    } catch (error) {
      status.className = 'error';
      status.textContent = ta('accounts.refused', {
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** @param {Account} account */
  function row(account) {
    const fields = roleFields(`assign-${account.username}`, isAdmin);
    const password = h('input', {
      type: 'password',
      'aria-label': ta('accounts.newPassword'),
      autocomplete: 'new-password',
    });
    const done = ta('accounts.done', { username: account.username });
    return h(
      'tr',
      { 'data-username': account.username },
      h('td', {}, account.username),
      h('td', {}, account.displayName),
      h('td', {}, account.disabled ? ta('accounts.disabledState') : ta('accounts.active')),
      h(
        'td',
        {},
        h(
          'ul',
          {},
          ...account.assignments.map((a) =>
            h(
              'li',
              {},
              describe(a),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => attempt(() => api.unassign(account.username, a.id), done),
                },
                ta('accounts.unassign'),
              ),
            ),
          ),
        ),
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            onclick: () => attempt(() => api.setDisabled(account.username, !account.disabled), done),
          },
          account.disabled ? ta('accounts.enable') : ta('accounts.disable'),
        ),
        h(
          'form',
          {
            class: 'inline',
            onsubmit: (/** @type {Event} */ e) => (
              e.preventDefault(),
              attempt(() => api.resetPassword(account.username, password.value), done)
            ),
          },
          password,
          h('button', { type: 'submit' }, ta('accounts.reset')),
        ),
        h(
          'form',
          {
            class: 'inline',
            onsubmit: (/** @type {Event} */ e) => (
              e.preventDefault(),
              attempt(() => api.assign(account.username, fields.value()), done)
            ),
          },
          ...fields.nodes,
          h('button', { type: 'submit' }, ta('accounts.assign')),
        ),
      ),
    );
  }

  async function redraw() {
    const accounts = await api.list();
    if (accounts.length === 0) return replace(table, h('p', {}, ta('accounts.none')));
    const head = [
      'accounts.username',
      'accounts.name',
      'accounts.status',
      'accounts.roles',
      'accounts.actions',
    ];
    replace(
      table,
      h(
        'table',
        { class: 'accounts' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...head.map((k) =>
              h(
                'th',
                { scope: 'col' },
                ta(/** @type {import('../account-messages.js').AccountMessageKey} */ (k)),
              ),
            ),
          ),
        ),
        h('tbody', {}, ...accounts.map(row)),
      ),
    );
  }

  const username = h('input', {
    id: 'new-username',
    name: 'username',
    required: true,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const name = h('input', { id: 'new-name', name: 'displayName', required: true });
  const password = h('input', {
    id: 'new-password',
    name: 'password',
    type: 'password',
    required: true,
    autocomplete: 'new-password',
  });
  const fields = roleFields('new', isAdmin);
  const create = h(
    'form',
    { class: 'card', id: 'create-account' },
    h('h2', {}, ta('accounts.create')),
    h('label', { for: 'new-username' }, ta('accounts.username')),
    username,
    h('label', { for: 'new-name' }, ta('accounts.name')),
    name,
    h('label', { for: 'new-password' }, ta('accounts.newPassword')),
    password,
    ...fields.nodes,
    h('button', { type: 'submit' }, ta('accounts.create')),
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = {
      username: username.value.trim(),
      displayName: name.value.trim(),
      password: password.value,
      assignment: fields.value(),
    };
    void attempt(() => api.create(request), ta('accounts.created', { username: request.username }));
  });

  const scope = isAdmin ? ta('accounts.all') : (me.principal.subtreeOf ?? '');
  const page = h(
    'section',
    { 'aria-labelledby': 'accounts-title' },
    h('h1', { id: 'accounts-title', tabindex: -1 }, ta('accounts.title')),
    h('p', {}, ta('accounts.scope', { scope })),
    status,
    create,
    table,
  );
  void redraw().catch((error) => {
    status.className = 'error';
    status.textContent = ta('accounts.refused', {
      detail: error instanceof Error ? error.message : String(error),
    });
  });
  return page;
}

/** True for the roles that see the account screens. @param {string} role */
export const managesAccounts = (role) => role === 'admin' || role === 'account_admin';
