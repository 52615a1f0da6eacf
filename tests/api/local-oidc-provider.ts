import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface LocalProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the relying party's callback (known only once its server listens) and starts answering. */
  serve(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on a spare loopback port, with one static
 * confidential client and an account behind any login whose claims carry `preferred_username`
 * equal to that login. Its development login, consent and sign-out forms are left on: the test submits them.
 * The port is taken first so the issuer is known before the relying party is configured.
 */
export async function startLocalProvider(): Promise<LocalProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'congress-engine';
  const clientSecret = 'a client secret for the local provider only';
  return {
    issuer,
    clientId,
    clientSecret,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            // Signing out at the provider comes back to the dashboard's sign-in page.
            post_logout_redirect_uris: [new URL('/', redirectUri).href],
          },
        ],
        claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
        findAccount: (_ctx, sub) => ({
          accountId: sub,
          claims: () => ({ sub, preferred_username: sub, name: `Person ${sub}` }),
        }),
        cookies: { keys: ['a cookie key for the local provider only'] },
      });
      server.on('request', provider.callback());
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
