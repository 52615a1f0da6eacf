import { Redis } from 'ioredis';
import { scriptDefinitions } from '../store/script-definitions.js';

/**
 * Options of the app's long-lived client: BullMQ requires `maxRetriesPerRequest: null`; auto-pipelining
 * sends the commands issued in one tick in one socket write, which under concurrent requests cuts the
 * per-command write cost (a large share of dispatch CPU in the profile of B1). With auto-pipelining,
 * the Lua scripts must be defined as the client is built (see script-definitions.ts).
 */
export const clientOptions = {
  maxRetriesPerRequest: null,
  enableAutoPipelining: true,
  scripts: scriptDefinitions,
} as const;

/**
 * True when a Redis at `url` answers PING within `timeoutMs`. Uses a throwaway client that never
 * retries, so an absent server is detected quickly instead of queueing commands forever.
 */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Polls until Redis at `url` answers or `timeoutMs` elapses. */
export async function waitForRedis(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await redisAnswers(url, 500)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
