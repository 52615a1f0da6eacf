/**
 * B6 breakdown: the two halves of `verify` run alone over the same logs, so the report shows which
 * half bounds the audit rate: checking the hash chain (parse + SHA-256 of the stored canonical text,
 * as verify does) and replaying the events through the machine (parse + one transition each).
 */
import type { Redis } from 'ioredis';
import { startReplay } from '../machines/index.js';
import { applyRecorded } from '../src/engine/replay.js';
import { contentHash } from '../src/engine/verify.js';
import { createKeySpace, iterateRawLog, parseLogEntry, readUnits } from '../src/store/index.js';

/** Runs `perUnit` over `ids`, `batch` units at a time, and sums what it returns. */
async function inBatches(
  ids: string[],
  batch: number,
  perUnit: (id: string) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (let i = 0; i < ids.length; i += batch) {
    const counts = await Promise.all(ids.slice(i, i + batch).map(perUnit));
    total += counts.reduce((a, b) => a + b, 0);
  }
  return total;
}

/** Recomputes every event hash the way verify does and checks it; returns the number of events checked. */
export function hashOnly(redis: Redis, prefix: string, ids: string[], batch: number): Promise<number> {
  const keys = createKeySpace(prefix);
  return inBatches(ids, batch, async (id) => {
    let n = 0;
    for await (const raw of iterateRawLog(redis, keys, id)) {
      const entry = parseLogEntry(raw);
      if (contentHash(raw, entry) !== entry.hash) throw new Error(`hash mismatch in ${id}`);
      n++;
    }
    return n;
  });
}

/** Replays every event through the machine from the unit's creation input; returns the events applied. */
export function replayOnly(redis: Redis, prefix: string, ids: string[], batch: number): Promise<number> {
  const keys = createKeySpace(prefix);
  return inBatches(ids, batch, async (id) => {
    const [unit] = await readUnits(redis, keys, [id]);
    if (!unit) throw new Error(`unit ${id} missing`);
    const replayer = startReplay(unit.input);
    let n = 0;
    for await (const raw of iterateRawLog(redis, keys, id)) {
      const outcome = applyRecorded(replayer, parseLogEntry(raw));
      if (!outcome.ok) throw new Error(`replay refused event ${n + 1} of ${id}`);
      n++;
    }
    return n;
  });
}
