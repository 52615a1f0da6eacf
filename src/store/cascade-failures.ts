import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';

/** Records a cascade the parent did not accept (capped stream; operators follow up from it). */
export async function recordCascadeFailure(
  redis: Redis,
  keys: KeySpace,
  fields: Record<string, string>,
): Promise<void> {
  await redis.xadd(keys.cascadeFailures, 'MAXLEN', '~', 10_000, '*', ...Object.entries(fields).flat());
}

/** The recorded cascade failures, oldest first. */
export async function readCascadeFailures(redis: Redis, keys: KeySpace): Promise<Record<string, string>[]> {
  const rows = await redis.xrange(keys.cascadeFailures, '-', '+');
  return rows.map(([, flat]) => {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    return fields;
  });
}
