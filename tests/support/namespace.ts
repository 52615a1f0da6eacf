import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A key's logical content, as JSON. Not DUMP: a hash's serialised field order follows Redis's internal
 * table, which reads alone can reshuffle (incremental rehashing), so equal contents could differ in bytes.
 */
async function contentOf(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return JSON.stringify([type, await redis.get(key)]);
    case 'hash':
      return JSON.stringify([
        type,
        Object.entries(await redis.hgetall(key)).sort(([a], [b]) => (a < b ? -1 : 1)),
      ]);
    case 'set':
      return JSON.stringify([type, (await redis.smembers(key)).sort()]);
    case 'zset':
      return JSON.stringify([type, await redis.zrange(key, 0, '-1', 'WITHSCORES')]);
    case 'list':
      return JSON.stringify([type, await redis.lrange(key, 0, -1)]);
    case 'stream':
      return JSON.stringify([type, await redis.xrange(key, '-', '+')]);
    default:
      return JSON.stringify([type, (await redis.dumpBuffer(key))?.toString('base64') ?? null]);
  }
}

/** Every key under `prefix` with its content, to prove an operation wrote nothing (compare with toEqual). */
export async function namespaceContents(redis: Redis, prefix: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const contents: Record<string, string> = {};
  // When each token last authenticated is touched by any authenticated request, refused ones included:
  // bookkeeping, not something a request writes (src/auth/token-store.ts).
  const bookkeeping = `${prefix}:auth:token-used`;
  for (const key of keys.sort()) if (key !== bookkeeping) contents[key] = await contentOf(redis, key);
  return contents;
}

/** SHA-256 over every key and its content under the prefix: one value to compare before and after. */
export async function namespaceDigest(redis: Redis, prefix: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [key, content] of Object.entries(await namespaceContents(redis, prefix))) {
    hash.update(JSON.stringify([key, content])).update('\n');
  }
  return hash.digest('hex');
}
