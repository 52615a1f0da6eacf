/* global fetch */
/**
 * The account side of signing in and out: `POST /api/v1/session` and `DELETE /api/v1/session`.
 * Sign-out is best effort: the dashboard forgets the session whatever the server answers.
 */
import { authHeaders, isSession, sessionCredential, jsonOf } from './auth-headers.js';

/**
 * @typedef {{ id: string, role: string, unitId?: string, workingGroup?: string, subtreeOf?: string }} Assignment
 * @typedef {{ ok: true, credential: string, assignments: Assignment[], assignmentId: string | null }
 *   | { ok: false, status: number, retryAfter: number }} SignInResult
 */

/**
 * @param {string} username
 * @param {string} password
 * @returns {Promise<SignInResult>}
 */
export async function signInWithPassword(username, password) {
  const res = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok)
    return { ok: false, status: res.status, retryAfter: Number(res.headers.get('Retry-After') ?? 0) };
  const body = /** @type {{ csrfToken?: unknown, assignments?: unknown, assignmentId?: unknown }} */ (
    await jsonOf(res)
  );
  return {
    ok: true,
    credential: sessionCredential(String(body.csrfToken)),
    assignments: Array.isArray(body.assignments) ? /** @type {Assignment[]} */ (body.assignments) : [],
    assignmentId: typeof body.assignmentId === 'string' ? body.assignmentId : null,
  };
}

/**
 * Ends the server's session. After a sign-in with the organisation's provider, the answer names the
 * provider's sign-out page, where the browser must go so that the provider's session ends too.
 * @param {string | undefined} credential
 * @returns {Promise<string | null>} the provider's sign-out URL, if there is one
 */
export async function endServerSession(credential) {
  if (credential === undefined || !isSession(credential)) return null;
  const res = await fetch('/api/v1/session', { method: 'DELETE', headers: authHeaders(credential) }).catch(
    () => null,
  );
  if (res === null || res.status !== 200) return null;
  const body = /** @type {{ providerSignOutUrl?: unknown }} */ (await jsonOf(res));
  return typeof body.providerSignOutUrl === 'string' ? body.providerSignOutUrl : null;
}
