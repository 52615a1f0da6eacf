import type { Redis } from 'ioredis';
import { alertKeys } from './alert-keys.js';
import { alertSchema, type Alert } from './alert.schema.js';

/**
 * Calls `onAlert` for every alert recorded from now on under `prefix` (published by record-alert.lua
 * exactly when the record is first written). Uses its own connection, since a subscribed Redis
 * connection cannot run other commands. Resolves once subscribed; the returned function unsubscribes.
 * Messages that fail validation are dropped rather than crash the subscriber.
 */
export async function subscribeAlerts(
  redis: Redis,
  prefix: string,
  onAlert: (alert: Alert) => void,
): Promise<() => Promise<void>> {
  const channel = alertKeys(prefix).liveChannel();
  const subscriber = redis.duplicate();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const parsed = alertSchema.safeParse(safeJson(message));
    if (parsed.success) onAlert(parsed.data);
  });
  await subscriber.subscribe(channel);
  return async () => {
    await subscriber.unsubscribe(channel);
    await subscriber.quit();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
