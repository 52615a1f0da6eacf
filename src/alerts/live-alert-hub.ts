import type { Redis } from 'ioredis';
import { alertKeys } from './alert-keys.js';
import { alertSchema, type Alert } from './alert.schema.js';
import { compareEntryIds, parseEntries, type LiveEntry } from './live-log.js';

/** What a live subscriber is told: each new alert, or that it fell too far behind to be caught up. */
export interface LiveListener {
  alert(alert: Alert): void;
  /** The alert named by `after` is no longer in the live stream: the caller should reload its feed. */
  gap(): void;
}

/**
 * One process's view of new alerts: every subscriber is served from a single Redis connection that
 * reads the live stream (record-alert.lua appends to it), fanned out in memory. A subscriber costs no
 * Redis connection, so opening and dropping streams cannot exhaust Redis's clients.
 */
export interface LiveAlertHub {
  /**
   * Calls `listener` for every alert recorded from now on; with `after` (an alert id, the SSE
   * `Last-Event-ID`), first for every alert recorded after that one. Resolves to an unsubscribe.
   */
  subscribe(listener: LiveListener, after?: string): Promise<() => void>;
  /** Subscribers currently attached. */
  size(): number;
  /** Stops reading and closes the hub's connection; later subscriptions are refused. */
  close(): Promise<void>;
}

interface Subscriber {
  listener: LiveListener;
  /** Stream id of the last entry delivered: live entries at or before it were replayed already. */
  lastSent: string;
  /** Live entries held back while the subscriber's replay runs. */
  held: LiveEntry[] | null;
}

/** How long one blocking read waits before it is issued again (also bounds the reaction to close). */
const BLOCK_MS = 5_000;
/** Entries read back per page while looking for a reconnecting client's last alert. */
const REPLAY_PAGE = 200;

/**
 * Creates the hub over `redis` (the app's client: the hub reads on a duplicate of it and replays on
 * it) for the alerts under `prefix`. The reading connection is opened on the first subscription.
 */
export function createLiveAlertHub(redis: Redis, prefix: string): LiveAlertHub {
  const key = alertKeys(prefix).liveLog();
  const subscribers = new Set<Subscriber>();
  let reader: { connection: Redis; started: Promise<void> } | null = null;
  let closed = false;

  const deliver = (sub: Subscriber, entry: LiveEntry) => {
    if (compareEntryIds(entry.streamId, sub.lastSent) <= 0) return;
    sub.lastSent = entry.streamId;
    const parsed = alertSchema.safeParse(entry.alert);
    if (parsed.success) sub.listener.alert(parsed.data);
  };

  const fanOut = (entries: LiveEntry[]) => {
    for (const entry of entries)
      for (const sub of subscribers) {
        if (sub.held) sub.held.push(entry);
        else deliver(sub, entry);
      }
  };

  const startReading = (): Promise<void> => {
    if (reader) return reader.started;
    // A blocking read holds its connection; it must not wait in the app client's pipeline or time out.
    const connection = redis.duplicate({ enableAutoPipelining: false, commandTimeout: undefined });
    connection.on('error', () => undefined);
    const started = lastEntryId(redis, key).then(
      (from) => void readLoop(connection, from),
      (error: unknown) => {
        // Redis did not answer: the next subscription tries again rather than inherit this failure.
        reader = null;
        connection.disconnect();
        throw error;
      },
    );
    reader = { connection, started };
    return started;
  };

  const readLoop = async (connection: Redis, from: string) => {
    let cursor = from;
    while (!closed) {
      try {
        const reply = await connection.xread('COUNT', 500, 'BLOCK', BLOCK_MS, 'STREAMS', key, cursor);
        const entries = parseEntries(reply?.[0]?.[1] ?? []);
        if (entries.length > 0) cursor = entries[entries.length - 1]!.streamId;
        fanOut(entries);
      } catch {
        // Redis unreachable: ioredis reconnects; read again from the same place once it is back.
        if (!closed) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };

  const replay = async (sub: Subscriber, after: string) => {
    const missed = await entriesAfter(redis, key, after);
    if (missed === null) sub.listener.gap();
    else for (const entry of missed) deliver(sub, entry);
  };

  return {
    async subscribe(listener, after) {
      if (closed) throw new Error('the live alert hub is closed');
      await startReading();
      const sub: Subscriber = { listener, lastSent: '0-0', held: after === undefined ? null : [] };
      subscribers.add(sub);
      const unsubscribe = () => void subscribers.delete(sub);
      if (after === undefined) return unsubscribe;
      try {
        await replay(sub, after);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      const held = sub.held ?? [];
      sub.held = null;
      for (const entry of held) deliver(sub, entry);
      return unsubscribe;
    },
    size: () => subscribers.size,
    async close() {
      closed = true;
      subscribers.clear();
      // disconnect, not quit: QUIT would wait behind the pending blocking read.
      reader?.connection.disconnect();
      await reader?.started.catch(() => undefined);
    },
  };
}

/** Id of the newest entry, or `0-0` for an empty stream: where live reading starts. */
async function lastEntryId(redis: Redis, key: string): Promise<string> {
  const newest = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return newest[0]?.[0] ?? '0-0';
}

/**
 * Entries recorded after the one for alert `after`, oldest first, read back from the newest a page at
 * a time (a client reconnects soon after it dropped, so the search is short); null when that alert
 * is no longer in the stream.
 */
async function entriesAfter(redis: Redis, key: string, after: string): Promise<LiveEntry[] | null> {
  const newer: LiveEntry[] = [];
  let end = '+';
  for (;;) {
    const page = parseEntries(await redis.xrevrange(key, end, '-', 'COUNT', REPLAY_PAGE));
    for (const entry of page) {
      if (entry.alertId === after) return newer.reverse();
      newer.push(entry);
    }
    if (page.length < REPLAY_PAGE) return null;
    end = `(${page[page.length - 1]!.streamId}`;
  }
}
