/**
 * vitest global setup: finds the Redis the tests use, with the resolution `npm start` uses
 * (src/redis/bootstrap.ts), and hands its URL to every test file (`inject('testRedisUrl')`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootstrapRedis, RedisUnavailableError, type RedisSource } from '../../src/redis/bootstrap.js';

/** The tests' Redis, and how to let go of it after the run. */
export interface TestRedis {
  url: string;
  source: RedisSource;
  /** Temporary data directory of a private server (removed by `stop()`). */
  dataDir: string;
  /** Disconnects; stops and removes the private redis-server if this run started one. */
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** TEST_REDIS_URL: when set (and not empty), used as it is. */
  url?: string | undefined;
  /** The shared Redis probed otherwise (CONGRESS_LOCAL_REDIS_URL; 127.0.0.1:6379 by default). */
  localUrl?: string;
  /** PATH to look for `redis-server` on. */
  pathVar?: string;
}

/**
 * TEST_REDIS_URL if set; else the local Redis when it answers; else, when `redis-server`
 * is installed, a private server for this run, with its data in a temporary directory that `stop()`
 * removes; else a RedisUnavailableError saying how to get Redis.
 */
export async function resolveTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-test-redis-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const connection = await bootstrapRedis({
      url: options.url === '' ? undefined : options.url,
      localUrl: options.localUrl,
      dataDir,
      pathVar: options.pathVar,
    });
    const stop = async () => {
      await connection.close();
      removeDir();
    };
    return { url: connection.url, source: connection.source, dataDir, stop };
  } catch (error) {
    removeDir();
    if (!(error instanceof RedisUnavailableError)) throw error;
    throw new RedisUnavailableError(`npm test needs Redis.\n${error.message}`);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the Redis every test uses (tests/support/redis.ts). */
    testRedisUrl: string;
  }
}

/** Resolves the tests' Redis once per run, provides its URL, and lets go of it after the last test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The same variables as npm start, so a machine whose Redis answers elsewhere tests against it too.
  const localUrl = process.env.CONGRESS_LOCAL_REDIS_URL || 'redis://127.0.0.1:6379';
  const redis = await resolveTestRedis({ url: process.env.TEST_REDIS_URL, localUrl });
  if (redis.source === 'private')
    console.info(`Nothing answers at ${localUrl}: this run uses a private redis-server at ${redis.url}.`);
  project.provide('testRedisUrl', redis.url);
  return () => redis.stop();
}
