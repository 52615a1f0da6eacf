import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapRedis, RedisUnavailableError, type RedisConnection } from '../../src/redis/bootstrap.js';
import { findOnPath, sparePort } from '../../src/redis/private-server.js';
import { redisAnswers } from '../../src/redis/probe.js';
import { TEST_REDIS_URL } from '../support/redis.js';

describe('Redis bootstrap', () => {
  const opened: RedisConnection[] = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-redis-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('when REDIS_URL is given, then it is used as is', async () => {
    const conn = await bootstrapRedis({ url: TEST_REDIS_URL, dataDir: tempDir() });
    opened.push(conn);
    expect(conn.source).toBe('REDIS_URL');
    expect(await conn.redis.ping()).toBe('PONG');
  });

  it('when REDIS_URL does not answer, then start-up fails naming it instead of falling back', async () => {
    const url = `redis://127.0.0.1:${await sparePort()}`;
    await expect(bootstrapRedis({ url, dataDir: tempDir() })).rejects.toThrow(
      /does not answer PING.*REDIS_URL/,
    );
  });

  it('when no URL is given and the local Redis answers, then the local one is used', async () => {
    const conn = await bootstrapRedis({ localUrl: TEST_REDIS_URL, dataDir: tempDir() });
    opened.push(conn);
    expect(conn.source).toBe('local');
  });

  it('when nothing answers and redis-server is installed, then a private AOF server is started and stopped on close', async () => {
    const binary = findOnPath('redis-server');
    expect(binary, 'redis-server must be installed for this test').not.toBeNull();
    const dataDir = tempDir();
    const localUrl = `redis://127.0.0.1:${await sparePort()}`;
    const conn = await bootstrapRedis({ localUrl, dataDir, pathVar: dirname(binary!) });
    expect(conn.source).toBe('private');
    expect(await conn.redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await conn.redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await conn.redis.set('probe', '1');
    expect(readdirSync(dataDir).some((f) => f.startsWith('appendonly'))).toBe(true);
    await conn.close();
    expect(await redisAnswers(conn.url, 300)).toBe(false);
  });

  it('when nothing answers and no redis-server is on PATH, then start-up fails with how to get Redis', async () => {
    const localUrl = `redis://127.0.0.1:${await sparePort()}`;
    const attempt = bootstrapRedis({ localUrl, dataDir: tempDir(), pathVar: tempDir() });
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server[\s\S]*REDIS_URL=/);
  });
});
