/* global fetch */
/**
 * The account screens' client of /api/v1/accounts. Refusals come back as the server's problem detail,
 * which says what to do next.
 */
import { authHeaders, jsonOf } from './auth-headers.js';

/**
 * @typedef {{ id: string, role: string, unitId?: string, workingGroup?: string, subtreeOf?: string }} Assignment
 * @typedef {{ id: string, username: string, displayName: string, disabled: boolean, assignments: Assignment[] }} Account
 */

export class AccountsError extends Error {}

/** @param {string} credential */
export function createAccountsApi(credential) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<unknown>}
   */
  async function call(method, path, body) {
    const res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        ...authHeaders(credential),
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = /** @type {{ detail?: unknown }} */ (await jsonOf(res));
    if (!res.ok) throw new AccountsError(typeof parsed.detail === 'string' ? parsed.detail : res.statusText);
    return parsed;
  }
  /** @param {string} username */
  const at = (username) => `/accounts/${encodeURIComponent(username)}`;
  return {
    /** @returns {Promise<Account[]>} */
    list: async () => /** @type {{ accounts: Account[] }} */ (await call('GET', '/accounts')).accounts,
    /** @param {{ username: string, displayName: string, password: string, assignment?: Omit<Assignment, 'id'> }} request */
    create: (request) => call('POST', '/accounts', request),
    /** @param {string} username @param {boolean} disabled */
    setDisabled: (username, disabled) => call('POST', `${at(username)}/${disabled ? 'disable' : 'enable'}`),
    /** @param {string} username @param {string} password */
    resetPassword: (username, password) => call('PUT', `${at(username)}/password`, { password }),
    /** @param {string} username @param {Omit<Assignment, 'id'>} assignment */
    assign: (username, assignment) => call('POST', `${at(username)}/assignments`, assignment),
    /** @param {string} username @param {string} id */
    unassign: (username, id) => call('DELETE', `${at(username)}/assignments/${encodeURIComponent(id)}`),
  };
}

/** The one scope field each role takes (as the server's SCOPE_FIELD). */
export const SCOPE_FIELD = /** @type {const} */ ({
  admin: null,
  secretary: 'unitId',
  working_group: 'workingGroup',
  standing_committee: 'subtreeOf',
  inspection: 'subtreeOf',
  auditor: 'subtreeOf',
  account_admin: 'subtreeOf',
});

/**
 * An assignment request from a role and the one id it needs.
 * @param {string} role
 * @param {string} scopeId
 * @returns {Omit<Assignment, 'id'>}
 */
export function assignmentFrom(role, scopeId) {
  const field = SCOPE_FIELD[/** @type {keyof typeof SCOPE_FIELD} */ (role)] ?? null;
  return field === null ? { role } : { role, [field]: scopeId };
}
