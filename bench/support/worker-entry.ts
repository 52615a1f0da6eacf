/**
 * A worker process for B5: the product's `startWorkers` on one prefix, with the reconciler, its
 * schedule and the daily digest off, so the only jobs it runs are the storm the benchmark schedules.
 * Prints "workers ready" when listening; stops on SIGTERM.
 */
import { Redis } from 'ioredis';
import { clientOptions } from '../../src/redis/probe.js';
import { z } from 'zod';
import { startWorkers } from '../../workers/main.js';

const env = z
  .object({
    BENCH_REDIS_URL: z.string().min(1),
    BENCH_PREFIX: z.string().min(1),
    BENCH_CONCURRENCY: z.coerce.number().int().positive().default(16),
  })
  .parse(process.env);

async function main(): Promise<void> {
  const redis = new Redis(env.BENCH_REDIS_URL, clientOptions);
  const workers = await startWorkers({
    redis,
    prefix: env.BENCH_PREFIX,
    concurrency: env.BENCH_CONCURRENCY,
    reconcileOnStart: false,
    reconcileEveryMs: null,
    digest: null,
  });
  process.stdout.write('workers ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await workers.close();
  redis.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
