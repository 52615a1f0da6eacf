/**
 * Stored open deadline sets, read back for the reconciler: the index set names the units, a
 * pipelined batch reads each set with the unit's version.
 */
import type { Redis } from 'ioredis';
import type { Deadline } from '../../machines/domain.js';
import type { KeySpace } from './keys.js';
import { deadlineSetSchema } from './records.js';
import { scanSet } from './unit-store.js';

/** One unit's stored open deadlines and the version they were derived at. */
export interface StoredDeadlineSet {
  unitId: string;
  version: number;
  deadlines: Deadline[];
}

/** Every unit listed in the deadline index with a non-empty stored set, each once. */
export async function* scanDeadlineSets(redis: Redis, keys: KeySpace): AsyncGenerator<StoredDeadlineSet> {
  const seen = new Set<string>();
  for await (const batch of scanSet(redis, keys.unitsWithDeadlines)) {
    const ids = batch.filter((id) => !seen.has(id));
    ids.forEach((id) => seen.add(id));
    const replies = await Promise.all(
      ids.flatMap((id) => [redis.get(keys.deadlines(id)), redis.hget(keys.snap(id), 'v')]),
    );
    for (let i = 0; i < ids.length; i++) {
      const json = replies[2 * i];
      if (typeof json !== 'string') continue;
      yield {
        unitId: ids[i]!,
        version: Number(replies[2 * i + 1]),
        deadlines: deadlineSetSchema.parse(json),
      };
    }
  }
}
