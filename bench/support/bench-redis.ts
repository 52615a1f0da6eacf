/**
 * Redis for benchmarks: the shared server (BENCH_REDIS_URL, default 127.0.0.1:6379), a unique key
 * prefix per benchmark, and a cleanup that deletes only that prefix's keys (never FLUSHALL).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { clientOptions } from '../../src/redis/probe.js';

/** Redis the benchmarks run against. */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A client, its unique prefix, and a cleanup of that prefix. */
export interface BenchRedis {
  redis: Redis;
  prefix: string;
  /** Deletes the prefix's keys, then disconnects. */
  cleanup(): Promise<void>;
}

/** A fresh prefix such as `bench-b1-1a2b3c4d`. */
export function uniqueBenchPrefix(label: string): string {
  return `bench-${label}-${randomUUID().slice(0, 8)}`;
}

/** Deletes only the keys under `prefix:` with SCAN + UNLINK. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Connects a client (the options the product's own client uses) with a unique prefix for one benchmark. */
export async function openBenchRedis(label: string): Promise<BenchRedis> {
  const redis = new Redis(BENCH_REDIS_URL, clientOptions);
  await redis.ping();
  const prefix = uniqueBenchPrefix(label);
  return {
    redis,
    prefix,
    cleanup: async () => {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** Redis `used_memory` in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/** CPU seconds (user + system) the Redis server has used since it started. */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const user = Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0);
  const sys = Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
  return user + sys;
}
