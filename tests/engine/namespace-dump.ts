import type { Redis } from 'ioredis';

/** Every key under `prefix` with its serialized value (DUMP), to prove an operation wrote nothing. */
export async function namespaceDump(redis: Redis, prefix: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const dump: Record<string, string> = {};
  for (const key of keys.sort()) {
    const value = await redis.dumpBuffer(key);
    dump[key] = value ? value.toString('base64') : '';
  }
  return dump;
}
