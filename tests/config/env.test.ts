import { describe, expect, it } from 'vitest';
import { InvalidEnvironmentError, loadEnv } from '../../src/config/env.js';

describe('environment', () => {
  it('when the live stream limits are not set, then 5 per token and 1,000 per process apply', () => {
    const env = loadEnv({});
    expect(env.SSE_MAX_PER_TOKEN).toBe(5);
    expect(env.SSE_MAX_PER_PROCESS).toBe(1_000);
  });

  it('when a live stream limit is set, then it is used, and zero is refused naming the variable', () => {
    expect(loadEnv({ SSE_MAX_PER_TOKEN: '1', SSE_MAX_PER_PROCESS: '20' })).toMatchObject({
      SSE_MAX_PER_TOKEN: 1,
      SSE_MAX_PER_PROCESS: 20,
    });
    expect(() => loadEnv({ SSE_MAX_PER_TOKEN: '0' })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ SSE_MAX_PER_PROCESS: '0' })).toThrow(/SSE_MAX_PER_PROCESS/);
  });
});

describe('fail-fast settings', () => {
  it('when the time-outs are not set, then Redis commands get 2 s and requests 30 s', () => {
    expect(loadEnv({})).toMatchObject({ REDIS_COMMAND_TIMEOUT_MS: 2_000, REQUEST_TIMEOUT_MS: 30_000 });
  });

  it('when a time-out is not a positive whole number, then the variable is named', () => {
    expect(() => loadEnv({ REDIS_COMMAND_TIMEOUT_MS: '0' })).toThrow(/REDIS_COMMAND_TIMEOUT_MS/);
    expect(() => loadEnv({ REQUEST_TIMEOUT_MS: '1.5' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(loadEnv({ REQUEST_TIMEOUT_MS: '1' }).REQUEST_TIMEOUT_MS).toBe(1);
  });
});

describe('TRUST_PROXY', () => {
  it('when it is not set, then no proxy is trusted', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.7,loopback', '10.0.0.0/8,192.168.1.7,loopback'],
    ['fd00::/8', 'fd00::/8'],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/255.0.0.0'],
  ])('when it is %j, then Express gets %j', (raw, expected) => {
    expect(loadEnv({ TRUST_PROXY: raw }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', 'loopback, nope'])(
    'when it is %j, then start-up stops naming TRUST_PROXY',
    (raw) => {
      expect(() => loadEnv({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY: not an address/);
    },
  );
});

describe('SHUTDOWN_TIMEOUT_MS and WEBHOOK_ALLOW_HOSTS', () => {
  it('when they are not set, then shutdown has 8 s and no private host is allowed for webhooks', () => {
    expect(loadEnv({})).toMatchObject({ SHUTDOWN_TIMEOUT_MS: 8_000, WEBHOOK_ALLOW_HOSTS: [] });
  });

  it('when WEBHOOK_ALLOW_HOSTS lists hosts, then each is kept, blanks dropped', () => {
    expect(loadEnv({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1, hooks.internal,,' }).WEBHOOK_ALLOW_HOSTS).toEqual([
      '127.0.0.1',
      'hooks.internal',
    ]);
  });

  describe('OpenID Connect', () => {
    const oidc = {
      OIDC_ISSUER: 'https://id.example.org/realms/hanoi',
      OIDC_CLIENT_ID: 'congress',
      OIDC_CLIENT_SECRET: 'secret',
    };

    it('when none of OIDC_* is set, then sign-in is by password only and the claim defaults', () => {
      const env = loadEnv({});
      expect(env.OIDC_ISSUER).toBeUndefined();
      expect(env.OIDC_USERNAME_CLAIM).toBe('preferred_username');
    });

    it('when issuer, client id and secret are all set, then they are read with the chosen claim', () => {
      expect(loadEnv({ ...oidc, OIDC_USERNAME_CLAIM: 'email' })).toMatchObject({
        ...oidc,
        OIDC_USERNAME_CLAIM: 'email',
      });
    });

    it('when one of the three is missing, then the missing one is named and nothing loads', () => {
      const { OIDC_CLIENT_SECRET: _secret, ...partial } = oidc;
      expect(() => loadEnv(partial)).toThrow(/OIDC_CLIENT_SECRET: required with .*all or none/);
      expect(() => loadEnv({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
        /OIDC_CLIENT_ID[\s\S]*OIDC_CLIENT_SECRET/,
      );
    });

    it('when the issuer is not https (plain http only on localhost), then it is refused', () => {
      expect(() => loadEnv({ ...oidc, OIDC_ISSUER: 'ftp://id.example.org' })).toThrow(/OIDC_ISSUER/);
      expect(() => loadEnv({ ...oidc, OIDC_ISSUER: 'http://id.example.org' })).toThrow(
        /OIDC_ISSUER: https required/,
      );
      expect(loadEnv({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:8080' }).OIDC_ISSUER).toBe(
        'http://127.0.0.1:8080',
      );
    });
  });
});
