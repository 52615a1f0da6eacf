/**
 * How the dashboard proves who it is. A pasted token goes in `Authorization: Bearer`; a signed-in
 * account rides on its HttpOnly cookie, and the dashboard keeps only the CSRF token the sign-in
 * returned, as `session:<csrf>` where a token would be, so the rest of the code need not care.
 */
const SESSION = 'session:';

/** @param {string} csrf */
export const sessionCredential = (csrf) => `${SESSION}${csrf}`;

/** @param {string} credential */
export const isSession = (credential) => credential.startsWith(SESSION);

/**
 * Headers for a request with `credential`: the bearer token, or the CSRF header (sent on reads too;
 * the server checks it on writes).
 * @param {string} credential
 * @returns {Record<string, string>}
 */
export function authHeaders(credential) {
  return isSession(credential)
    ? { 'X-CSRF-Token': credential.slice(SESSION.length) }
    : { Authorization: `Bearer ${credential}` };
}

/**
 * A response's JSON body as `unknown`, for the account screens to narrow (`{}` when it is not JSON).
 * @param {Response} res
 * @returns {Promise<unknown>}
 */
export const jsonOf = (res) => res.json().catch(() => ({}));
