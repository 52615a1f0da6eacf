/**
 * Failed authentications are limited per credential and per client address: one bad client does not
 * lock out the valid tokens behind its address, and X-Forwarded-For counts only when TRUST_PROXY
 * says whose to trust.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './api-harness.js';

const junk = () => randomBytes(32).toString('base64url');

describe('failed authentication limits', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const get = (app: TestApp, token: string, forwardedFor?: string) => {
    const req = app.http().get('/api/v1/units/C1').auth(token, { type: 'bearer' });
    return forwardedFor === undefined ? req : req.set('X-Forwarded-For', forwardedFor);
  };

  it('when one credential has failed as often as its limit, then it is refused with 429, and a valid token from the same address still works', async () => {
    t = await startTestApp({ authFailuresPerMinute: 100, authFailuresPerTokenPerMinute: 3 });
    const revoked = junk();
    for (let i = 0; i < 3; i++) expect((await get(t, revoked)).status).toBe(401);
    const fourth = await get(t, revoked);
    expect(fourth.status).toBe(429);
    expect(fourth.body.detail).toMatch(/This token was refused too often/);
    expect(fourth.headers['retry-after']).toBeDefined();
    expect((await get(t, t.token.secretary)).status).toBe(200);
    expect((await get(t, junk())).status).toBe(401);
  });

  it('when an address has failed as often as its limit, then new credentials from it are refused, and a token that authenticated this minute still works', async () => {
    t = await startTestApp({ authFailuresPerMinute: 3, authFailuresPerTokenPerMinute: 100 });
    expect((await get(t, t.token.secretary)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get(t, junk())).status).toBe(401);
    const guess = await get(t, junk());
    expect(guess.status).toBe(429);
    expect(guess.body.detail).toMatch(/from this address/);
    expect((await get(t, t.token.auditor)).status).toBe(429);
    expect((await get(t, t.token.secretary)).status).toBe(200);
  });

  it('when TRUST_PROXY is off (the default), then a client varying X-Forwarded-For is still one address', async () => {
    t = await startTestApp({ authFailuresPerMinute: 2 });
    expect((await get(t, junk(), '203.0.113.1')).status).toBe(401);
    expect((await get(t, junk(), '203.0.113.2')).status).toBe(401);
    expect((await get(t, junk(), '203.0.113.3')).status).toBe(429);
  });

  it('when TRUST_PROXY trusts the loopback proxy, then each forwarded client address has its own limit', async () => {
    t = await startTestApp({ authFailuresPerMinute: 2, trustProxy: 'loopback' });
    expect((await get(t, junk(), '203.0.113.1')).status).toBe(401);
    expect((await get(t, junk(), '203.0.113.1')).status).toBe(401);
    expect((await get(t, junk(), '203.0.113.1')).status).toBe(429);
    expect((await get(t, junk(), '203.0.113.2')).status).toBe(401);
  });
});
