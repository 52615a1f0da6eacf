import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import { cacheTokenStore } from '../../src/api/token-cache.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createTestRedis } from '../support/redis.js';
import { startTestApp, type TestApp } from './api-harness.js';

describe('in-process cache of resolved tokens', () => {
  let cleanup: () => Promise<void>;
  let store: TokenStore;
  let clock: ReturnType<typeof createManualClock>;
  let cached: TokenStore;

  beforeEach(async () => {
    const test = await createTestRedis('tokcache');
    cleanup = test.cleanup;
    store = createTokenStore(test.redis, test.prefix);
    clock = createManualClock('2026-01-02T03:04:05Z');
    cached = cacheTokenStore(store, { ttlMs: 2_000, clock });
  });
  afterEach(async () => cleanup());

  it('when a token is revoked elsewhere, then it still resolves until the delay passes, and not after', async () => {
    const { token, record } = await store.create({ role: 'auditor', subtreeOf: 'D1' });
    expect((await cached.resolve(token))?.id).toBe(record.id);
    expect(await store.revoke(record.id)).toBe(true);
    clock.advance(1_999);
    expect((await cached.resolve(token))?.principal).toEqual(record.principal);
    clock.advance(1);
    expect(await cached.resolve(token)).toBeNull();
  });

  it('when a token is revoked through the cached store, then it is refused at once', async () => {
    const { token, record } = await store.create({ role: 'secretary', unitId: 'C1' });
    await cached.resolve(token);
    expect(await cached.revoke(record.id)).toBe(true);
    expect(await cached.resolve(token)).toBeNull();
    expect(await cached.revoke(record.id)).toBe(false);
  });

  it('when an unknown token is asked, then the miss is not remembered', async () => {
    const missing = await cached.resolve('A'.repeat(43));
    expect(missing).toBeNull();
    const { token } = await cached.create({ role: 'admin' });
    expect((await cached.resolve(token))?.principal.role).toBe('admin');
  });

  it('when more tokens are resolved than it holds, then the oldest is asked of the store again', async () => {
    const small = cacheTokenStore(store, { ttlMs: 60_000, maxEntries: 1, clock });
    const first = await store.create({ role: 'admin' });
    const second = await store.create({ role: 'admin' });
    await small.resolve(first.token);
    await small.resolve(second.token);
    await store.revoke(first.record.id);
    await store.revoke(second.record.id);
    expect(await small.resolve(first.token)).toBeNull();
  });
});

describe('token cache in the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ rateLimitPerMinute: 1000, tokenCacheMs: 60_000 });
  });
  afterEach(async () => t.close());

  it('when a token is revoked through the API, then its next request is 401 although it was cached', async () => {
    const admin = { Authorization: `Bearer ${t.token.admin}` };
    const created = await t
      .http()
      .post('/api/v1/tokens')
      .set(admin)
      .send({ role: 'auditor', subtreeOf: 'D1' });
    const auth = { Authorization: `Bearer ${created.body.token as string}` };
    expect((await t.http().get('/api/v1/units/C1').set(auth)).status).toBe(200);
    expect(
      (
        await t
          .http()
          .delete(`/api/v1/tokens/${created.body.id as string}`)
          .set(admin)
      ).status,
    ).toBe(204);
    expect((await t.http().get('/api/v1/units/C1').set(auth)).status).toBe(401);
  });

  it('when a cached token is revoked in the store behind the API, then it keeps working within the delay', async () => {
    const created = await t.tokens.create({ role: 'auditor', subtreeOf: 'D1' });
    const auth = { Authorization: `Bearer ${created.token}` };
    expect((await t.http().get('/api/v1/units/C1').set(auth)).status).toBe(200);
    await t.tokens.revoke(created.record.id);
    expect((await t.http().get('/api/v1/units/C1').set(auth)).status).toBe(200);
  });
});
