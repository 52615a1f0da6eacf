/**
 * B3's POST bodies: each request toggles one unit's difficulty flag, cycling through the units, so a
 * unit's next event is thousands of requests behind its previous one and always allowed.
 */
import type autocannon from 'autocannon';
import type { Redis } from 'ioredis';
import { createKeySpace } from '../src/store/index.js';

/** POST events set up so far in this process: numbers each request's Idempotency-Key uniquely. */
let sentEvents = 0;

/** Whether each unit is flagged difficult, read from Redis before each load. */
export type FlagState = Map<string, boolean>;

/**
 * Each unit's difficulty flag as stored (milestones of its snapshot hash), once the requests still in
 * flight when the previous load stopped have been answered.
 */
export async function readFlags(redis: Redis, prefix: string, ids: string[]): Promise<FlagState> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const keys = createKeySpace(prefix);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(keys.snap(id), 'm');
  const replies = (await pipeline.exec()) ?? [];
  return new Map(
    ids.map((id, i) => [id, (JSON.parse(String(replies[i]?.[1])) as { difficult: boolean }).difficult]),
  );
}

/**
 * Requests toggling the units' flags in turn, starting from `flagged` (read from Redis before each
 * load, since requests set up as a load ends are never sent). Each request carries its own
 * Idempotency-Key, as the API requires.
 */
export function eventRequests(ids: string[], flagged: FlagState): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const unitId = ids[next++ % ids.length]!;
        const wasFlagged = flagged.get(unitId) ?? false;
        flagged.set(unitId, !wasFlagged);
        const type = wasFlagged ? 'unit.difficulty_cleared' : 'unit.flagged_difficult';
        return {
          ...request,
          path: `/api/v1/units/${encodeURIComponent(unitId)}/events`,
          headers: { ...request.headers, 'idempotency-key': `bench-${sentEvents++}` },
          body: JSON.stringify({ type, payload: { reason: 'http benchmark' } }),
        };
      },
    },
  ];
}
