import * as client from 'openid-client';
import { AppError, UnauthorizedError } from '../shared/errors.js';

/** OIDC_* from the environment: the provider, this server's client there, and the username claim. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  usernameClaim: string;
  /** OIDC_REDIRECT_URL; absent, the callback URL is derived from each request. */
  redirectUrl?: string;
}

/** What the start of a sign-in leaves in the browser's session for the callback to check. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface OidcClient {
  /** The provider's authorization URL to send the browser to, and the checks to keep until it returns. */
  start(redirectUri: string): Promise<{ url: string; checks: OidcChecks }>;
  /**
   * Exchanges the code in `callbackUrl` (state, nonce and PKCE checked) and returns the username claim,
   * with the raw ID token kept for signing out at the provider later.
   */
  finish(callbackUrl: URL, checks: OidcChecks): Promise<{ username: string; idToken: string }>;
  /**
   * Where to send the browser so the provider ends its own session too (RP-initiated logout), coming
   * back to `postLogoutRedirectUri`; null when the provider publishes no end-session endpoint.
   */
  endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | null>;
}

/** Plain HTTP is accepted only for a provider on this machine (a local test or development provider). */
const isLoopback = (issuer: URL) =>
  issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);

const refused = (why: string) =>
  new UnauthorizedError(`Sign-in with your organisation failed (${why}); start again from the sign-in page`);

/** The provider's discovery document could not be read: a 503 the sign-in page explains. */
const unavailable = (err: unknown) =>
  new AppError(
    'Your organisation’s sign-in service does not answer; try again later, or sign in with your password',
    503,
    'oidc_unavailable',
    { cause: err instanceof Error ? err.message : String(err) },
  );

/**
 * An OpenID Connect relying party on openid-client (authorization code flow with PKCE, state and
 * nonce, client_secret_basic). The provider's metadata is discovered on first use and kept; a
 * failed discovery is retried on the next sign-in rather than failing the server's start.
 */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<client.Configuration> | null = null;
  const configuration = () => {
    const issuer = new URL(settings.issuer);
    const auth = client.ClientSecretBasic(settings.clientSecret);
    const options = isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {};
    config ??= client.discovery(issuer, settings.clientId, undefined, auth, options).catch((err: unknown) => {
      config = null;
      throw unavailable(err);
    });
    return config;
  };
  return {
    async start(redirectUri) {
      const codeVerifier = client.randomPKCECodeVerifier();
      const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, redirectUri };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, checks };
    },
    async finish(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await client
        .authorizationCodeGrant(config, callbackUrl, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        })
        .catch((err: unknown) => {
          throw refused(err instanceof Error ? err.message : 'the provider refused');
        });
      const idToken = tokens.claims();
      if (idToken === undefined || tokens.id_token === undefined)
        throw refused('the provider sent no ID token');
      // Providers that keep profile claims out of the ID token (as the spec allows when an access
      // token is issued) give them at the userinfo endpoint, for the same subject.
      const claims =
        typeof idToken[settings.usernameClaim] === 'string'
          ? idToken
          : await client.fetchUserInfo(config, tokens.access_token, idToken.sub).catch((err: unknown) => {
              throw refused(err instanceof Error ? err.message : 'the userinfo endpoint refused');
            });
      const username = claims[settings.usernameClaim];
      if (typeof username !== 'string' || username === '')
        throw refused(`the identity carries no ${settings.usernameClaim}`);
      return { username, idToken: tokens.id_token };
    },
    async endSessionUrl(idToken, postLogoutRedirectUri) {
      const config = await configuration();
      if (config.serverMetadata().end_session_endpoint === undefined) return null;
      return client.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
      }).href;
    },
  };
}
