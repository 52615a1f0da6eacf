import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createTokenStore, hashToken, type TokenStore } from '../../src/auth/token-store.js';
import { tokenRequestSchema } from '../../src/auth/principal.schema.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createTestRedis } from '../support/redis.js';

describe('token store', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  let store: TokenStore;

  beforeEach(async () => {
    ({ redis, prefix, cleanup } = await createTestRedis('tok'));
    store = createTokenStore(redis, prefix, createManualClock('2026-01-02T03:04:05Z'));
  });
  afterEach(async () => cleanup());

  it('when a token is issued, then it resolves to its principal and only its SHA-256 is stored', async () => {
    const { token, record } = await store.create({
      role: 'secretary',
      unitId: 'cell-1',
      label: 'Bí thư chi bộ 1',
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const resolved = await store.resolve(token);
    expect(resolved?.principal).toEqual({ id: record.id, role: 'secretary', unitId: 'cell-1' });
    expect(resolved?.createdAt).toBe('2026-01-02T03:04:05.000Z');
    const keys = await redis.keys(`${prefix}:*`);
    const values = await Promise.all(keys.map(async (k) => JSON.stringify(await redis.dump(k))));
    expect(keys.join() + values.join()).not.toContain(token);
    expect(keys).toContain(`${prefix}:auth:token:${hashToken(token)}`);
  });

  it('when a token is revoked, then it no longer resolves and is gone from the list', async () => {
    const kept = await store.create({ role: 'admin' });
    const revoked = await store.create({ role: 'auditor', subtreeOf: 'district-1' });
    expect(await store.revoke(revoked.record.id)).toBe(true);
    expect(await store.resolve(revoked.token)).toBeNull();
    expect((await store.list()).map((r) => r.id)).toEqual([kept.record.id]);
    expect(await store.revoke(revoked.record.id)).toBe(false);
  });

  it('when an unknown token is presented, then it resolves to null', async () => {
    await store.create({ role: 'admin' });
    expect(await store.resolve('not-a-real-token-value-at-all')).toBeNull();
  });

  it('when the stored record is corrupted, then resolving fails loudly instead of trusting it', async () => {
    const { token } = await store.create({ role: 'admin' });
    await redis.set(`${prefix}:auth:token:${hashToken(token)}`, JSON.stringify({ role: 'admin' }));
    await expect(store.resolve(token)).rejects.toThrow();
  });

  it.each([
    [{ role: 'secretary' }, 'unitId'],
    [{ role: 'working_group', subtreeOf: 'x' }, 'workingGroup'],
    [{ role: 'admin', unitId: 'x' }, 'unitId'],
    [{ role: 'system' }, 'role'],
  ])('when a token request %j does not fit its role, then the issue names %s', (request, field) => {
    const parsed = tokenRequestSchema.safeParse(request);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});
