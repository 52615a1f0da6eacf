import { RedisStore } from 'connect-redis';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { AccountStore } from '../auth/account-store.js';
import { sessionKeyPrefix } from '../auth/account-store.js';
import type { ScopeOracle } from '../auth/account-scope.js';
import type { OidcChecks, OidcClient } from '../auth/oidc-client.js';
import type { SignInLockout } from '../auth/sign-in-lockout.js';

/** What the session lives on: its Redis record, beside express-session's own cookie data. */
declare module 'express-session' {
  interface SessionData {
    accountId: string;
    /** The assignment chosen for requests that do not name one (`X-Assignment-Id`). */
    assignmentId?: string;
    csrfToken: string;
    /** Milliseconds on the app's clock: when it was signed in, and its last request. */
    createdAt: number;
    lastSeenAt: number;
    /** An OpenID Connect sign-in under way: what its callback must match. */
    oidc?: OidcChecks;
    /** The provider's ID token of an OpenID Connect sign-in: the hint that signs out there too. */
    oidcIdToken?: string;
  }
}

/** Accounts and sessions, as the composition root builds them (absent: bearer tokens only). */
export interface AccountsDeps {
  store: AccountStore;
  lockout: SignInLockout;
  oracle: ScopeOracle;
  /** The product's ioredis client, shared with connect-redis. */
  sessionRedis: object;
  /** CONGRESS_SESSION_SECRET: signs the session cookie. */
  secret: string;
  idleMinutes: number;
  absoluteHours: number;
  /** OpenID Connect sign-in, when OIDC_* are set; `redirectUrl` is OIDC_REDIRECT_URL. */
  oidc?: { client: OidcClient; redirectUrl?: string };
}

/** The cookie's name: `__Host-` would need Secure, which plain-HTTP deployments cannot give. */
export const SESSION_COOKIE = 'congress.sid';

/**
 * express-session on Redis (connect-redis 8 over the product's ioredis client). The cookie is
 * HttpOnly and SameSite=Lax, Secure when the request came over TLS as Express sees it through
 * TRUST_PROXY (`secure: 'auto'`). Its lifetime is the idle limit, renewed by each request
 * (`rolling`); idle and absolute limits are also checked on the app's clock (session-auth.ts), so
 * a manual clock can test them.
 */
export function sessionLayer(deps: AccountsDeps, prefix: string): RequestHandler {
  const idleMs = deps.idleMinutes * 60_000;
  return session({
    name: SESSION_COOKIE,
    secret: deps.secret,
    store: new RedisStore({ client: deps.sessionRedis, prefix: sessionKeyPrefix(prefix) }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
  });
}
