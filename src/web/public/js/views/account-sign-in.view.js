/**
 * The sign-in page: username and password for people, and (folded away) the token form for
 * operators. After an account signs in, the dashboard starts where `GET /me` says its scope begins.
 */
/* global fetch, location, history */
import { h, replace } from '../dom.js';
import { jsonOf, sessionCredential } from '../auth-headers.js';
import { ta } from '../account-messages.js';
import { createApi } from '../api.js';
import { describeError } from '../labels.js';
import { endServerSession, signInWithPassword } from '../account-session.js';
import { startOf, startsOnWork } from '../start-page.js';
import { signInForm } from './sign-in.view.js';

/** @param {{ status: number, retryAfter: number }} failure */
function refusalText({ status, retryAfter }) {
  if (status === 429) return ta('account.locked', { minutes: Math.max(1, Math.ceil(retryAfter / 60)) });
  if (status === 403) return ta('account.disabled');
  return ta('account.wrong');
}

/**
 * @param {{ onSignedIn: (signIn: import('../start-page.js').SignIn) => void, message?: string }} deps
 * @returns {HTMLElement}
 */
function accountForm({ onSignedIn, message }) {
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { id: 'account-error', class: 'error', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit' }, ta('account.submit'));
  const form = h(
    'form',
    { class: 'card sign-in', id: 'account-sign-in', 'aria-labelledby': 'account-title', novalidate: true },
    h('h1', { id: 'account-title', tabindex: -1 }, ta('account.title')),
    h('label', { for: 'username' }, ta('account.username')),
    username,
    h('label', { for: 'password' }, ta('account.password')),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const result = await signInWithPassword(username.value.trim(), password.value);
      if (!result.ok) return void ((error.textContent = refusalText(result)), password.focus());
      if (result.assignmentId === null) {
        await endServerSession(result.credential);
        return void (error.textContent = ta('account.noAssignment'));
      }
      const me = await createApi(result.credential).me();
      const start = startOf(me);
      if (start === null) return void (error.textContent = ta('account.noAssignment'));
      onSignedIn({ token: result.credential, root: start, work: startsOnWork(me) });
    } catch (failure) {
      error.textContent = describeError(failure);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * Which ways of signing in this server offers (`GET /api/v1/session/options`; 404 when it has no
 * accounts, which leaves the token form alone).
 * @returns {Promise<{ password: boolean, oidc: boolean }>}
 */
async function signInOptions() {
  const res = await fetch('/api/v1/session/options', { headers: { Accept: 'application/json' } }).catch(
    () => null,
  );
  if (!res?.ok) return { password: false, oidc: false };
  const body = /** @type {{ password?: unknown, oidc?: unknown }} */ (await jsonOf(res));
  return { password: body.password === true, oidc: body.oidc === true };
}

/** The organisation's sign-in: a plain link, since the provider's pages take over the browser. */
const oidcButton = () =>
  h(
    'p',
    { class: 'oidc-sign-in' },
    h('a', { id: 'oidc-sign-in', class: 'button', href: '/api/v1/session/oidc' }, ta('account.oidc')),
  );

/**
 * After an organisation sign-in the server lands the browser on `/?signin=oidc` with a session
 * cookie: the CSRF token the dashboard needs comes from `GET /api/v1/session`. Null when there is
 * no such session (the landing was visited by hand, or the session has ended since).
 * @returns {Promise<import('../start-page.js').SignIn | null>}
 */
async function resumeOidcSignIn() {
  if (new URLSearchParams(location.search).get('signin') !== 'oidc') return null;
  history.replaceState(null, '', location.pathname + location.hash);
  const res = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } }).catch(() => null);
  if (!res?.ok) return null;
  const body = /** @type {{ csrfToken?: unknown }} */ (await jsonOf(res));
  if (typeof body.csrfToken !== 'string') return null;
  const token = sessionCredential(body.csrfToken);
  const me = await createApi(token).me();
  const root = startOf(me);
  return root === null ? null : { token, root, work: startsOnWork(me) };
}

/**
 * The token form at once (all a server without accounts offers); when the server offers accounts,
 * the username and password form replaces it, with the token form folded away below.
 * @param {{ onSignedIn: (signIn: import('../start-page.js').SignIn) => void, message?: string }} deps
 * @returns {HTMLElement}
 */
export function signInPage({ onSignedIn, message }) {
  const page = h('div', { class: 'sign-in-page' }, signInForm({ onSignedIn, message }));
  void resumeOidcSignIn()
    .catch(() => null)
    .then(async (resumed) => {
      if (resumed !== null) return onSignedIn(resumed);
      const offered = await signInOptions();
      if (!offered.password || !page.isConnected) return;
      const tokenForm = signInForm({ onSignedIn });
      replace(
        page,
        accountForm({ onSignedIn, message }),
        ...(offered.oidc ? [h('p', { class: 'sign-in-or' }, ta('account.or')), oidcButton()] : []),
        h('details', { class: 'token-sign-in' }, h('summary', {}, ta('account.tokenToggle')), tokenForm),
      );
      page.querySelector('h1')?.focus();
    });
  return page;
}
