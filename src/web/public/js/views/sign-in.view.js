/**
 * Sign-in: a bearer token and, optionally, the unit to start from. Without a unit the dashboard starts
 * where `GET /me` says the token's scope begins. The pair is checked against the API (reading that unit)
 * before it is kept, so a wrong token or a unit outside the token's scope is reported at once.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { createApi } from '../api.js';
import { describeError } from '../labels.js';
import { startOf, startsOnWork } from '../start-page.js';

const UNIT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * @param {{ onSignedIn: (signIn: import('../start-page.js').SignIn) => void, message?: string }} deps
 * @returns {HTMLElement}
 */
export function signInForm({ onSignedIn, message }) {
  const token = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    required: true,
    autocomplete: 'off',
    'aria-describedby': 'token-hint',
    spellcheck: 'false',
  });
  const root = h('input', {
    id: 'root',
    name: 'root',
    type: 'text',
    pattern: UNIT_ID.source,
    'aria-describedby': 'root-hint',
    spellcheck: 'false',
  });
  const error = h('p', { id: 'sign-in-error', class: 'error', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit' }, t('signin.submit'));
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title', novalidate: true },
    h('h1', { id: 'sign-in-title', tabindex: -1 }, t('signin.title')),
    h('label', { for: 'token' }, t('signin.token')),
    token,
    h('p', { id: 'token-hint', class: 'hint' }, t('signin.tokenHint')),
    h('label', { for: 'root' }, t('signin.root')),
    root,
    h('p', { id: 'root-hint', class: 'hint' }, t('signin.rootHint')),
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const secret = token.value.trim();
    const given = root.value.trim();
    if (given !== '' && !UNIT_ID.test(given))
      return void ((error.textContent = t('error.404', { id: given })), root.focus());
    submit.disabled = true;
    let start = given;
    try {
      const api = createApi(secret);
      const me = await api.me();
      start = given || (startOf(me) ?? '');
      if (start === '') return void ((error.textContent = t('signin.needUnit')), root.focus());
      await api.unit(start);
      // A unit named here opens; otherwise those who act start on their work.
      onSignedIn({ token: secret, root: start, work: given === '' && startsOnWork(me) });
    } catch (failure) {
      error.textContent = describeError(failure, start);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
