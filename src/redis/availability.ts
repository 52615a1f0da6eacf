import type { Redis } from 'ioredis';
import { isRedisUnavailable } from './request-client.js';

/**
 * Whether the request path should try Redis at all. Down when the client is not connected, or after
 * a command went unanswered (a stalled server keeps its connections open, so only time-outs reveal
 * it) until a probe PING is answered again. While down, the API answers 503 at once instead of
 * adding commands that would wait for a time-out and then run after their caller gave up.
 */
export interface RedisAvailability {
  available(): boolean;
  /** Reports a failed command; one that means "Redis did not answer" marks Redis down until a probe succeeds. */
  report(error: unknown): void;
  /**
   * Calls `listener` each time a stall is detected (a command went unanswered): work still waiting
   * for Redis then may be answered at once instead of after its own commands time out, which the
   * client's pipelining can make a multiple of the time-out. Returns the unsubscribe.
   */
  onStall(listener: () => void): () => void;
  /** Stops probing. */
  close(): void;
}

/** Watches `redis` (a client with a command time-out, so the probe PING itself cannot hang). */
export function watchAvailability(redis: Redis, probeEveryMs = 250): RedisAvailability {
  let stalled = false;
  let probing: NodeJS.Timeout | undefined;
  let closed = false;
  const listeners = new Set<() => void>();

  const probe = () => {
    probing = undefined;
    if (closed) return;
    redis.ping().then(
      () => {
        stalled = false;
      },
      () => {
        if (!closed) probing = setTimeout(probe, probeEveryMs).unref();
      },
    );
  };

  return {
    available: () => redis.status === 'ready' && !stalled,
    report(error) {
      if (closed || !isRedisUnavailable(error) || stalled) return;
      stalled = true;
      probing = setTimeout(probe, probeEveryMs).unref();
      for (const listener of [...listeners]) listener();
    },
    onStall(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(probing);
    },
  };
}
