import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient } from '../../src/auth/oidc-client.js';
import { sessionKeyPrefix } from '../../src/auth/account-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { PASSWORD, startAccountsApp, type AccountsTestApp } from './accounts-harness.js';
import { startLocalProvider, type LocalProvider } from './local-oidc-provider.js';
import { TestBrowser, type Hop } from './oidc-browser.js';

const CALLBACK = '/api/v1/session/oidc/callback';

describe('sign-in with an OpenID Connect provider, over real HTTP', () => {
  let t: AccountsTestApp;
  let provider: LocalProvider;
  const app = (path: string) => new URL(path, `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  /** Stops at the redirect back to this server's callback, so the test decides whether to follow it. */
  const atCallback = (next: URL) => next.pathname === CALLBACK;

  /** Starts the sign-in and passes the provider's login as `login`; returns the callback URL it sends back. */
  async function throughProvider(browser: TestBrowser, login: string): Promise<URL> {
    const page = await browser.follow(app('/api/v1/session/oidc'), atCallback);
    expect(page.url.origin).toBe(provider.issuer);
    const back = await browser.passInteractions(page, login, atCallback);
    expect(back.url.pathname).toBe(CALLBACK);
    return back.url;
  }

  /** The whole flow as `login`: the callback's answer (a redirect to the dashboard, or a refusal page). */
  async function signInAs(browser: TestBrowser, login: string): Promise<Hop> {
    const callback = await throughProvider(browser, login);
    return browser.follow(callback, (next) => next.origin === app('/').origin && next.pathname === '/');
  }

  const sessionsInRedis = async () => (await t.redis.keys(`${sessionKeyPrefix(t.prefix)}*`)).length;

  beforeAll(async () => {
    provider = await startLocalProvider();
    const settings = { ...provider, usernameClaim: 'preferred_username' };
    t = await startAccountsApp({}, { oidc: { client: createOidcClient(settings) } });
    provider.serve(app(CALLBACK).href);
    await t.person('oidc-sec', { role: 'secretary', unitId: 'C1' });
    await t.person('oidc-off', { role: 'secretary', unitId: 'C1' });
    await t.admin.setDisabled(LOCAL_ADMIN, 'oidc-off', true);
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  it('when OIDC is configured, then /session/options offers it', async () => {
    const res = await fetch(app('/api/v1/session/options'));
    expect(await res.json()).toEqual({ password: true, oidc: true });
  });

  it('when the provider vouches for an existing account, then it is signed in as that account, CSRF token included', async () => {
    const browser = new TestBrowser();
    const landed = await signInAs(browser, 'oidc-sec');
    expect(landed).toMatchObject({ status: 0 });
    expect(landed.url.search).toBe('?signin=oidc');
    const me = await browser.request(app('/api/v1/me'));
    expect(me.status).toBe(200);
    const account = await t.accounts.byUsername('oidc-sec');
    expect(((await me.json()) as { principal: unknown }).principal).toMatchObject({
      kind: 'account',
      id: account!.id,
      role: 'secretary',
    });
    const session = (await (await browser.request(app('/api/v1/session'))).json()) as Record<string, string>;
    const put = (csrf: string) =>
      browser.request(app('/api/v1/session'), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ assignmentId: session.assignmentId }),
      });
    expect((await put('not the token')).status).toBe(403);
    expect((await put(session.csrfToken!)).status).toBe(200);
  });

  it('when no account has the username, then a page says to ask an account admin and no session is made', async () => {
    const browser = new TestBrowser();
    const before = await sessionsInRedis();
    const refused = await signInAs(browser, 'nobody-here');
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('ask your account admin to create it');
    expect(refused.body).toContain('nhờ quản trị tài khoản');
    expect((await browser.request(app('/api/v1/me'))).status).toBe(401);
    expect(await sessionsInRedis()).toBe(before);
  });

  it('when the account is disabled, then the page says so and no session is made', async () => {
    const browser = new TestBrowser();
    const refused = await signInAs(browser, 'oidc-off');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('is disabled; ask your account admin to enable it');
    expect((await browser.request(app('/api/v1/me'))).status).toBe(401);
  });

  it('when the state coming back is not the one sent, then the sign-in is refused, and the real one no longer works', async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, 'oidc-sec');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'a-state-this-browser-never-sent');
    const refused = await browser.follow(forged);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('start again');
    expect((await browser.request(app('/api/v1/me'))).status).toBe(401);
    // The attempt was spent: replaying the genuine callback finds no sign-in under way.
    expect((await browser.follow(callback)).status).toBe(401);
    expect((await browser.request(app('/api/v1/me'))).status).toBe(401);
  });

  /** Signs out here as the dashboard does: DELETE /session with the session's CSRF token. */
  async function signOutHere(browser: TestBrowser): Promise<Response> {
    const session = (await (await browser.request(app('/api/v1/session'))).json()) as { csrfToken: string };
    return browser.request(app('/api/v1/session'), {
      method: 'DELETE',
      headers: { 'x-csrf-token': session.csrfToken },
    });
  }

  it('when a person signed in at the provider signs out here only, then the next sign-in passes straight through the provider', async () => {
    const browser = new TestBrowser();
    await signInAs(browser, 'oidc-sec');
    expect((await signOutHere(browser)).status).toBe(200);
    // The provider still knows the person: no login form, straight back to the callback.
    const again = await browser.follow(app('/api/v1/session/oidc'), atCallback);
    expect(again.status).toBe(0);
    expect(again.url.pathname).toBe(CALLBACK);
  });

  it('when a person signed in at the provider signs out, then the answer names the provider sign-out; following it, the next sign-in asks for the login again', async () => {
    const browser = new TestBrowser();
    await signInAs(browser, 'oidc-sec');
    const out = await signOutHere(browser);
    expect(out.status).toBe(200);
    const { providerSignOutUrl } = (await out.json()) as { providerSignOutUrl: string };
    const end = new URL(providerSignOutUrl);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(app('/').href);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await browser.request(app('/api/v1/me'))).status).toBe(401);
    // The provider asks to confirm; confirming ends its session and comes back to the dashboard.
    const confirm = await browser.follow(end);
    expect(confirm.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    const back = await browser.follow(new URL(action!, end), (next) => next.href === app('/').href, {
      method: 'POST',
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(back.url.href).toBe(app('/').href);
    const again = await browser.follow(app('/api/v1/session/oidc'), atCallback);
    expect(again.status).toBe(200);
    expect(again.url.pathname).toContain('/interaction/');
    expect(again.body).toContain('name="prompt" value="login"');
  });

  it('when a person signed in with a password signs out, then the answer is a plain 204 with no provider to visit', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(app('/api/v1/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'oidc-sec', password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    const out = await signOutHere(browser);
    expect(out.status).toBe(204);
    expect(await out.text()).toBe('');
  });

  it('when a callback arrives in a browser that never started a sign-in, then it is refused', async () => {
    const res = await new TestBrowser().follow(app(`${CALLBACK}?code=stolen&state=any`));
    expect(res.status).toBe(401);
    expect(res.body).toContain('No sign-in with your organisation is under way');
  });
});

describe('failed OIDC sign-ins and the per-address limit', () => {
  let t: AccountsTestApp;
  const url = (path: string) => `http://127.0.0.1:${(t.server.address() as AddressInfo).port}${path}`;

  beforeAll(async () => {
    // No provider is reached: a callback without a sign-in under way is refused before that.
    const settings = {
      issuer: 'http://127.0.0.1:9',
      clientId: 'x',
      clientSecret: 'y',
      usernameClaim: 'preferred_username',
    };
    t = await startAccountsApp(
      { authFailuresPerMinute: 2 },
      { oidc: { client: createOidcClient(settings) } },
    );
  });
  afterAll(async () => t.close());

  it('when the provider does not answer, then starting a sign-in says so in both languages (503), and redirects nowhere', async () => {
    const res = await fetch(url('/api/v1/session/oidc'), { redirect: 'manual' });
    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    const page = await res.text();
    expect(page).toContain('does not answer; try again later, or sign in with your password');
    expect(page).toContain('đăng nhập bằng mật khẩu');
  });

  it('when an address fails twice (the limit), then the third attempt and a password sign-in get 429', async () => {
    const callback = (state: string) => fetch(url(`/api/v1/session/oidc/callback?code=c&state=${state}`));
    expect((await callback('one')).status).toBe(401);
    expect((await callback('two')).status).toBe(401);
    const third = await callback('three');
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('Hãy đợi rồi thử lại');
    const password = await fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anyone', password: 'anything' }),
    });
    expect(password.status).toBe(429);
  });
});
