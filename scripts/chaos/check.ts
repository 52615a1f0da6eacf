/**
 * What a chaos run checks once the faults stop and everything settled: every acknowledged event is in
 * its unit's log at the acknowledged seq with the acknowledged hash, no event is in a log twice, and
 * every alert point due by now was recorded, exactly once.
 */
import type { Redis } from 'ioredis';
import { alertKeys } from '../../src/alerts/alert-keys.js';
import { createAlertStore } from '../../src/alerts/alert-store.js';
import { schedulablePoints } from '../../src/deadlines/alert-points.js';
import { recipientsFor, type UnitLineage } from '../../src/alerts/recipients.js';
import type { Engine } from '../../src/engine/engine.types.js';
import type { Principal } from '../../src/domain/index.js';
import type { Ack } from './load.js';

const AUDITOR: Principal = { id: 'chaos-check', role: 'admin' };

export interface EventCheck {
  acknowledged: number;
  found: number;
  /** Events whose key is in a log more than once. */
  duplicated: number;
  /** Acknowledged events missing, or at another seq or hash than acknowledged. */
  missing: string[];
}

/** Keys of the events in `unitId`'s log, by the `chaos <key>` reason the load writes. */
async function loggedKeys(
  engine: Engine,
  unitId: string,
): Promise<Map<string, { seq: number; hash: string }[]>> {
  const byKey = new Map<string, { seq: number; hash: string }[]>();
  for (let fromSeq: number | null = 1; fromSeq !== null;) {
    const page: Awaited<ReturnType<Engine['history']>> = await engine.history(
      unitId,
      { fromSeq, limit: 500 },
      AUDITOR,
    );
    for (const entry of page.entries) {
      const key = /^chaos (\S+)$/.exec(
        typeof entry.payload.reason === 'string' ? entry.payload.reason : '',
      )?.[1];
      if (key !== undefined)
        byKey.set(key, [...(byKey.get(key) ?? []), { seq: entry.seq, hash: entry.hash }]);
    }
    fromSeq = page.nextSeq;
  }
  return byKey;
}

export async function checkEvents(engine: Engine, acks: readonly Ack[]): Promise<EventCheck> {
  const units = [...new Set(acks.map((a) => a.unitId))];
  const logged = new Map<string, { seq: number; hash: string }[]>();
  for (const unitId of units) for (const [key, at] of await loggedKeys(engine, unitId)) logged.set(key, at);
  const missing = acks
    .filter((a) => !(logged.get(a.key) ?? []).some((e) => e.seq === a.seq && e.hash === a.hash))
    .map((a) => a.key);
  const acknowledged = new Set(acks.map((a) => a.key)).size;
  return {
    acknowledged,
    found: acknowledged - new Set(missing).size,
    duplicated: [...logged.values()].filter((entries) => entries.length > 1).length,
    missing,
  };
}

export interface AlertCheck {
  /** Alert points due by now with someone to tell (overdue and escalations of every open deadline, reminders not superseded). */
  due: number;
  lost: number;
  /** A few of the lost alerts' ids, to look into. */
  lostIds: string[];
  /** Alerts announced on the live stream more than once (each is written there only when first stored). */
  duplicated: number;
}

/** The unit and its ancestors, as addressing reads them. */
async function lineageOf(engine: Engine, unitId: string): Promise<UnitLineage> {
  const [{ unit }, ancestors] = await Promise.all([
    engine.getUnit(unitId, AUDITOR),
    engine.ancestors(unitId),
  ]);
  return { unit, ancestors };
}

/**
 * Alert ids of every point due by `now` that raises an alert: a rung above the root has nobody to
 * tell, and the worker skips it by design (recipientsFor).
 */
async function duePoints(engine: Engine, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for await (const set of engine.scanDeadlineSets()) {
    const lineage = await lineageOf(engine, set.unitId);
    for (const deadline of set.deadlines)
      for (const p of schedulablePoints(set.unitId, deadline, now))
        if (
          Date.parse(p.fireAt) <= now.getTime() &&
          recipientsFor(p.point, deadline.owner, lineage).length > 0
        )
          ids.push(p.jobId);
  }
  return ids;
}

export async function checkAlerts(redis: Redis, prefix: string, engine: Engine): Promise<AlertCheck> {
  const due = await duePoints(engine, new Date());
  const exist = await createAlertStore(redis, prefix).exist(due);
  const entries = await redis.xrange(alertKeys(prefix).liveLog(), '-', '+');
  const ids = entries.map(([, fields]) => fields[fields.indexOf('id') + 1]);
  const lost = due.filter((_, i) => !exist[i]);
  return {
    due: due.length,
    lost: lost.length,
    lostIds: lost.slice(0, 10),
    duplicated: ids.length - new Set(ids).size,
  };
}
