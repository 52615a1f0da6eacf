import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * Lockout policy (local policy, after OWASP's authentication cheat sheet): 5 failed sign-ins to one
 * account within 15 minutes lock it for 15 minutes, whichever address they come from.
 */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

export interface SignInLockout {
  /** When the account's lock ends, or null when it is not locked. */
  lockedUntil(username: string): Promise<Date | null>;
  /** Counts a failure; returns the lock's end when this failure locked the account. */
  recordFailure(username: string): Promise<Date | null>;
  /** A successful sign-in forgets earlier failures. */
  clear(username: string): Promise<void>;
}

/**
 * Failures as a sorted set scored by the clock's time (so tests move a manual clock instead of
 * waiting 15 minutes), and the lock's end as a key. Both expire in Redis after the window.
 */
export function createSignInLockout(redis: Redis, prefix: string, clock: Clock = systemClock): SignInLockout {
  const failuresKey = (u: string) => `${prefix}:auth:signin-failures:${u}`;
  const lockKey = (u: string) => `${prefix}:auth:signin-lock:${u}`;
  return {
    async lockedUntil(username) {
      const until = Number((await redis.get(lockKey(username))) ?? 0);
      return until > clock.now().getTime() ? new Date(until) : null;
    },
    async recordFailure(username) {
      const now = clock.now().getTime();
      const key = failuresKey(username);
      const [, , count] = ((await redis
        .multi()
        .zadd(key, now, `${now}-${randomBytes(4).toString('hex')}`)
        .zremrangebyscore(key, '-inf', now - LOCKOUT.windowMs)
        .zcard(key)
        .pexpire(key, LOCKOUT.windowMs)
        .exec()) ?? []) as [unknown, unknown, [Error | null, number]?];
      if ((count?.[1] ?? 0) < LOCKOUT.failures) return null;
      const until = now + LOCKOUT.lockMs;
      await redis.multi().set(lockKey(username), String(until), 'PX', LOCKOUT.lockMs).del(key).exec();
      return new Date(until);
    },
    async clear(username) {
      await redis.del(failuresKey(username));
    },
  };
}
