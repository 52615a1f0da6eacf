/**
 * Pages of alerts across several team feeds, newest first by fire time, filtered by acknowledgement,
 * deadline kind, unit and fire-time window. Keyset paging on (fire time, id): an alert recorded
 * between two pages neither repeats nor hides another, and no page size caps the whole list.
 */
import type { Redis } from 'ioredis';
import type { AlertKeys } from './alert-keys.js';
import { ackSchema, alertSchema, type Ack, type Alert } from './alert.schema.js';

/** Where a page ended: the last alert's fire time (epoch ms) and id. */
export interface FeedCursor {
  fireAt: number;
  id: string;
}

export interface FeedFilter {
  /** Teams whose feeds are merged. */
  teams: readonly string[];
  /** true: acknowledged only; false: open only; undefined: both. */
  acknowledged?: boolean;
  /** Deadline kind (`plan.approval`), or `digest` for digests. */
  kind?: string;
  unitId?: string;
  /** Fire-time window, epoch ms, both inclusive. */
  from?: number;
  to?: number;
  limit: number;
  after?: FeedCursor;
}

export interface FeedEntry {
  alert: Alert;
  /** The team whose feed it was read from first, and that team's acknowledgement. */
  team: string;
  ack: Ack | null;
}

const CHUNK = 200;

/** (fireAt, id) descending: true when a comes before b. */
const before = (a: FeedCursor, b: FeedCursor) =>
  a.fireAt > b.fireAt || (a.fireAt === b.fireAt && a.id > b.id);

/** One sorted set read newest first from the cursor on, in chunks; yields (fireAt, id, source). */
async function* scanSet(redis: Redis, key: string, filter: FeedFilter): AsyncGenerator<FeedCursor> {
  const max = filter.after?.fireAt ?? filter.to ?? '+inf';
  const min = filter.from ?? '-inf';
  for (let offset = 0; ; offset += CHUNK) {
    const reply = await redis.zrange(
      key,
      String(max),
      String(min),
      'BYSCORE',
      'REV',
      'LIMIT',
      offset,
      CHUNK,
      'WITHSCORES',
    );
    for (let i = 0; i < reply.length; i += 2) {
      const entry = { id: reply[i]!, fireAt: Number(reply[i + 1]) };
      if (filter.to !== undefined && entry.fireAt > filter.to) continue;
      if (!filter.after || before(filter.after, entry)) yield entry;
    }
    if (reply.length < CHUNK * 2) return;
  }
}

interface Source {
  team: string;
  iterator: AsyncGenerator<FeedCursor>;
  head: FeedCursor | undefined;
}

/** The next position of a source, undefined once it is exhausted. */
async function advance(iterator: AsyncGenerator<FeedCursor>): Promise<FeedCursor | undefined> {
  const next = await iterator.next();
  return next.done === true ? undefined : next.value;
}

/** Merges the sources newest first; an alert in several feeds comes once (same key, so adjacent). */
async function* merged(sources: Source[]): AsyncGenerator<{ key: FeedCursor; team: string }> {
  for (const s of sources) s.head = await advance(s.iterator);
  let last: string | undefined;
  for (;;) {
    let best: Source | undefined;
    for (const s of sources) if (s.head && (!best?.head || before(s.head, best.head))) best = s;
    if (!best?.head) return;
    const key = best.head;
    best.head = await advance(best.iterator);
    if (key.id === last) continue;
    last = key.id;
    yield { key, team: best.team };
  }
}

function keep(alert: Alert, filter: FeedFilter): boolean {
  if (filter.unitId !== undefined && alert.unitId !== filter.unitId) return false;
  if (filter.kind === undefined) return true;
  return filter.kind === 'digest' ? alert.type === 'digest' : alert.deadline?.kind === filter.kind;
}

/** One page of `filter.limit` alerts and the cursor of the next, null on the last page. */
export async function readFeedPage(
  redis: Redis,
  keys: AlertKeys,
  filter: FeedFilter,
): Promise<{ entries: FeedEntry[]; next: FeedCursor | null }> {
  const sets = filter.teams.flatMap((team) => [
    ...(filter.acknowledged !== true ? [{ team, key: keys.openFeed(team) }] : []),
    ...(filter.acknowledged !== false ? [{ team, key: keys.ackedFeed(team) }] : []),
  ]);
  const sources = sets.map(({ team, key }) => ({
    team,
    iterator: scanSet(redis, key, filter),
    head: undefined,
  }));
  const entries: FeedEntry[] = [];
  let batch: { key: FeedCursor; team: string }[] = [];
  const flush = async () => {
    const found = await fetch(redis, keys, batch);
    batch = [];
    for (const entry of found) if (keep(entry.alert, filter)) entries.push(entry);
  };
  for await (const item of merged(sources)) {
    batch.push(item);
    if (batch.length >= CHUNK) await flush();
    if (entries.length > filter.limit) break;
  }
  if (batch.length > 0 && entries.length <= filter.limit) await flush();
  const page = entries.slice(0, filter.limit);
  const last = page.at(-1);
  const next =
    entries.length > filter.limit && last
      ? { fireAt: Date.parse(last.alert.fireAt), id: last.alert.id }
      : null;
  return { entries: page, next };
}

/** The alerts of `items` with their team's acknowledgement, in order; missing records are skipped. */
async function fetch(
  redis: Redis,
  keys: AlertKeys,
  items: { key: FeedCursor; team: string }[],
): Promise<FeedEntry[]> {
  if (items.length === 0) return [];
  const [raws, acks] = await Promise.all([
    redis.mget(...items.map((i) => keys.alert(i.key.id))),
    Promise.all(items.map((i) => redis.hget(keys.acks(i.team), i.key.id))),
  ]);
  const out: FeedEntry[] = [];
  items.forEach((item, n) => {
    const raw = raws[n];
    if (raw === null || raw === undefined) return;
    const ack = acks[n];
    out.push({
      alert: alertSchema.parse(JSON.parse(raw)),
      team: item.team,
      ack: ack === null || ack === undefined ? null : ackSchema.parse(JSON.parse(ack)),
    });
  });
  return out;
}
