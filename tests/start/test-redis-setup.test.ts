import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOnPath, sparePort } from '../../src/redis/private-server.js';
import { redisAnswers } from '../../src/redis/probe.js';
import { resolveTestRedis, type TestRedis } from '../support/redis.global-setup.js';
import { TEST_REDIS_URL } from '../support/redis.js';

describe('the Redis npm test runs against (vitest global setup)', () => {
  const started: TestRedis[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((redis) => redis.stop()));
  });
  const resolve = async (options: Parameters<typeof resolveTestRedis>[0]) => {
    const redis = await resolveTestRedis(options);
    started.push(redis);
    return redis;
  };
  const deadUrl = async () => `redis://127.0.0.1:${await sparePort()}`;

  it('when nothing answers on the probed address and redis-server is installed, then a private server runs for the run and stops afterwards', async () => {
    const binary = findOnPath('redis-server');
    expect(binary, 'redis-server must be installed for this test').not.toBeNull();
    const redis = await resolveTestRedis({ localUrl: await deadUrl(), pathVar: dirname(binary!) });

    expect(redis.source).toBe('private');
    expect(await redisAnswers(redis.url)).toBe(true);
    expect(existsSync(redis.dataDir)).toBe(true);
    await redis.stop();
    expect(await redisAnswers(redis.url, 300)).toBe(false);
    expect(existsSync(redis.dataDir)).toBe(false);
  });

  it('when the probed address answers, then it is used and left running after the run', async () => {
    const redis = await resolveTestRedis({ localUrl: TEST_REDIS_URL });
    expect(redis).toMatchObject({ source: 'local', url: TEST_REDIS_URL });
    await redis.stop();
    expect(await redisAnswers(TEST_REDIS_URL)).toBe(true);
  });

  it('when TEST_REDIS_URL is set, then it is used as it is and nothing else is tried', async () => {
    const redis = await resolve({ url: TEST_REDIS_URL, localUrl: await deadUrl() });
    expect(redis).toMatchObject({ source: 'REDIS_URL', url: TEST_REDIS_URL });
  });

  it('when TEST_REDIS_URL is empty, then it counts as unset and the probed address is used', async () => {
    const redis = await resolve({ url: '', localUrl: TEST_REDIS_URL });
    expect(redis.source).toBe('local');
  });

  it('when nothing answers and no redis-server is on PATH, then the run stops saying it needs Redis and how to get it', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'cg-no-redis-'));
    try {
      const attempt = resolveTestRedis({ localUrl: await deadUrl(), pathVar: emptyPath });
      await expect(attempt).rejects.toThrow(/^npm test needs Redis\.\nNo Redis is reachable/);
      await expect(attempt).rejects.toThrow('sudo apt-get install redis-server');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
