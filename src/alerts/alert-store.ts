import type { Redis } from 'ioredis';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { alertKeys } from './alert-keys.js';
import { ackAlertScript, recordAlertScript, type AckOutcome } from './alert-scripts.js';
import { ackSchema, alertSchema, teamIdSchema, type Ack, type Alert } from './alert.schema.js';
import { readFeedPage, type FeedCursor, type FeedEntry, type FeedFilter } from './feed-pages.js';
import { createKeySpace } from '../store/keys.js';

export type { FeedCursor, FeedEntry, FeedFilter } from './feed-pages.js';

/** An alert as a team sees it in its feed, with the team's acknowledgement if any. */
export interface FeedItem {
  alert: Alert;
  ack: Ack | null;
}

export interface FeedPage {
  items: FeedItem[];
  /** Open (unacknowledged) alerts in the feed, whatever the page. */
  open: number;
  total: number;
  nextOffset: number | null;
}

export type FeedStatus = 'open' | 'acked' | 'all';

const pageSchema = z.object({
  status: z.enum(['open', 'acked', 'all']).default('all'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

/** Alerts stored in Redis: records, per-unit lists, per-team feeds with acknowledgement. */
export interface AlertStore {
  /** Writes the alert once (SET NX on its deterministic id); true when it was new. */
  record(alert: Alert): Promise<boolean>;
  get(id: string): Promise<Alert | null>;
  /** Which of these alert ids are already recorded, in order. */
  exist(ids: readonly string[]): Promise<boolean[]>;
  /** A unit's alerts, oldest fire time first. */
  listUnit(unitId: string): Promise<Alert[]>;
  /** A team's feed: unacknowledged first (newest first within each group), paged. */
  listFeed(team: string, page?: { status?: FeedStatus; offset?: number; limit?: number }): Promise<FeedPage>;
  /** Acknowledges an alert for a team; unknown teams or alerts are refused and change nothing. */
  ack(team: string, alertId: string, by: string): Promise<AckOutcome>;
  /** Every team that has received at least one alert. */
  teams(): Promise<string[]>;
  /** Digest alerts, oldest first. */
  listDigests(): Promise<Alert[]>;
  /** A page of several teams' feeds merged, newest first, filtered (see feed-pages.ts). */
  page(filter: FeedFilter): Promise<{ entries: FeedEntry[]; next: FeedCursor | null }>;
  /** Names of units as their organisation hashes give them; unknown ids are left out. */
  unitNames(ids: readonly string[]): Promise<Map<string, string>>;
}

function parseStored(raw: string): Alert {
  return alertSchema.parse(JSON.parse(raw));
}

function invalid(message: string, error: z.ZodError): ValidationError {
  return new ValidationError(
    message,
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

/** Creates the Redis alert store for one deployment prefix. */
export function createAlertStore(redis: Redis, prefix: string, clock: Clock = systemClock): AlertStore {
  const keys = alertKeys(prefix);

  const getMany = async (ids: readonly string[]): Promise<Alert[]> => {
    if (ids.length === 0) return [];
    const raws = await redis.mget(...ids.map((id) => keys.alert(id)));
    return raws.filter((r): r is string => r !== null).map(parseStored);
  };

  const record = async (alert: Alert): Promise<boolean> => {
    const parsed = alertSchema.safeParse(alert);
    if (!parsed.success) throw invalid('invalid alert record', parsed.error);
    const a = parsed.data;
    return recordAlertScript(redis, keys, {
      id: a.id,
      json: JSON.stringify(a),
      score: Date.parse(a.fireAt),
      indexKey: a.unitId === null ? keys.digests() : keys.unitAlerts(a.unitId),
      teams: [...new Set(a.recipients)],
    });
  };

  const get = async (id: string): Promise<Alert | null> => {
    const raw = await redis.get(keys.alert(id));
    return raw === null ? null : parseStored(raw);
  };

  const exist = async (ids: readonly string[]): Promise<boolean[]> => {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.exists(keys.alert(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, n]) => {
      if (error) throw error;
      return n === 1;
    });
  };

  const listUnit = async (unitId: string): Promise<Alert[]> =>
    getMany(await redis.zrange(keys.unitAlerts(unitId), 0, '-1'));

  const listDigests = async (): Promise<Alert[]> => getMany(await redis.zrange(keys.digests(), 0, '-1'));

  const acksOf = async (team: string, ids: readonly string[]): Promise<(Ack | null)[]> => {
    if (ids.length === 0) return [];
    const raws = await redis.hmget(keys.acks(team), ...ids);
    return raws.map((r) => (r === null ? null : ackSchema.parse(JSON.parse(r))));
  };

  const feedIds = async (team: string, status: FeedStatus, offset: number, limit: number, open: number) => {
    const newestFirst = (key: string, from: number, count: number) =>
      count <= 0 ? Promise.resolve([]) : redis.zrange(key, from, String(from + count - 1), 'REV');
    if (status === 'open') return newestFirst(keys.openFeed(team), offset, limit);
    if (status === 'acked') return newestFirst(keys.ackedFeed(team), offset, limit);
    const fromOpen = await newestFirst(keys.openFeed(team), offset, Math.min(limit, open - offset));
    const ackedOffset = Math.max(0, offset - open);
    const fromAcked = await newestFirst(keys.ackedFeed(team), ackedOffset, limit - fromOpen.length);
    return [...fromOpen, ...fromAcked];
  };

  const listFeed: AlertStore['listFeed'] = async (team, page = {}) => {
    const teamId = teamIdSchema.safeParse(team);
    if (!teamId.success) throw invalid('invalid team id', teamId.error);
    const p = pageSchema.safeParse(page);
    if (!p.success) throw invalid('invalid feed page', p.error);
    const { status, offset, limit } = p.data;
    const [open, acked] = await Promise.all([
      redis.zcard(keys.openFeed(team)),
      redis.zcard(keys.ackedFeed(team)),
    ]);
    const ids = await feedIds(team, status, offset, limit, open);
    const [alerts, acks] = await Promise.all([getMany(ids), acksOf(team, ids)]);
    const size = status === 'open' ? open : status === 'acked' ? acked : open + acked;
    const items = alerts.map((alert, i) => ({ alert, ack: acks[i] ?? null }));
    return {
      items,
      open,
      total: open + acked,
      nextOffset: offset + ids.length < size ? offset + ids.length : null,
    };
  };

  const ack: AlertStore['ack'] = async (team, alertId, by) => {
    const input = z
      .object({ team: teamIdSchema, alertId: z.string().min(1), by: z.string().min(1) })
      .safeParse({ team, alertId, by });
    if (!input.success) throw invalid('invalid acknowledgement', input.error);
    const json = JSON.stringify({ by, at: clock.now().toISOString() } satisfies Ack);
    const outcome = await ackAlertScript(redis, keys, team, alertId, json);
    if (outcome === 'not_in_feed') throw new NotFoundError(`alert ${alertId} is not in the feed of ${team}`);
    return outcome;
  };

  const teams = async (): Promise<string[]> => (await redis.smembers(keys.teams())).sort();

  const page: AlertStore['page'] = (filter) => readFeedPage(redis, keys, filter);

  const unitKeys = createKeySpace(prefix);
  const unitNames: AlertStore['unitNames'] = async (ids) => {
    const names = await Promise.all(ids.map((id) => redis.hget(unitKeys.unit(id), 'name')));
    return new Map(ids.flatMap((id, i) => (names[i] ? [[id, names[i]] as const] : [])));
  };

  return { record, get, exist, listUnit, listFeed, ack, teams, listDigests, page, unitNames };
}
