import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * Redis used by the tests, as the global setup found it (redis.global-setup.ts): TEST_REDIS_URL if set,
 * else the server on 127.0.0.1:6379, else a private redis-server started for the run.
 */
export const TEST_REDIS_URL = inject('testRedisUrl');

/** A fresh key prefix so concurrent tests never see each other's keys. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** Deletes only the keys under `prefix`: the server is shared, so a test never empties a whole database. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/** A connected client plus its prefix and a cleanup that removes that prefix's keys and disconnects. */
export async function createTestRedis(
  label?: string,
  url = TEST_REDIS_URL,
): Promise<{
  redis: Redis;
  prefix: string;
  cleanup: () => Promise<void>;
}> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix(label);
  await redis.ping();
  return {
    redis,
    prefix,
    cleanup: async () => {
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
