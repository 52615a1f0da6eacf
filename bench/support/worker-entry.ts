/**
 * A worker process for B5: the product's `startWorkers` on one prefix, with the reconciler, its
 * schedule and the daily digest off, so the only jobs it runs are the storm the benchmark schedules.
 * Prints "workers ready" when listening; stops on SIGTERM.
 *
 * Its clock runs behind the wall clock by the shift the benchmark sends (a line "shift <ms>",
 * answered "shift set"), the same shift that makes the storm's points fall due now: the worker then
 * sees the business time the points were computed for, so a fired deadline's next point (an
 * escalation working days later) waits in the queue as it would in service, instead of falling
 * due at once because the term's dates lie in the wall clock's past.
 */
import { createInterface } from 'node:readline';
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

const shiftLine = z.string().regex(/^shift -?\d+$/);

async function main(): Promise<void> {
  const redis = new Redis(env.BENCH_REDIS_URL, clientOptions);
  let shiftMs = 0;
  const workers = await startWorkers({
    redis,
    prefix: env.BENCH_PREFIX,
    concurrency: env.BENCH_CONCURRENCY,
    reconcileOnStart: false,
    reconcileEveryMs: null,
    digest: null,
    clock: { now: () => new Date(Date.now() - shiftMs) },
  });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    shiftMs = Number(shiftLine.parse(line).split(' ')[1]);
    process.stdout.write(`shift set ${shiftMs}\n`);
  });
  process.stdout.write('workers ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  lines.close();
  await workers.close();
  redis.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
