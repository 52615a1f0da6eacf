/**
 * Stored open deadline sets, read back for the reconciler: the index set names the units, a
 * pipelined batch reads each set with the unit's version.
 */
import type { Redis } from 'ioredis';
import type { Deadline } from '../../machines/domain.js';
import type { KeySpace } from './keys.js';
import { deadlineSetSchema } from './records.js';
import { execPipeline, scanSet } from './unit-store.js';

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
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.get(keys.deadlines(id)).hget(keys.snap(id), 'v');
    const replies = await execPipeline(pipeline);
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
