/**
 * A dispatching process for B1's multi-process figure: takes its share of the units (every n-th),
 * prints "ready", then for each line "go <event type>" on stdin dispatches that event to each of
 * its units with BENCH_CONCURRENCY in flight and prints "done".
 */
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { clientOptions } from '../../src/redis/probe.js';
import { z } from 'zod';
import { createEngine, type Principal } from '../../src/engine/index.js';
import { runConcurrently } from '../harness.js';
import { ROOT_ID } from './bench-tree.js';
import { allUnitIds } from './bench-units.js';

const env = z
  .object({
    BENCH_REDIS_URL: z.string().min(1),
    BENCH_PREFIX: z.string().min(1),
    BENCH_SHARE: z.coerce.number().int().nonnegative(),
    BENCH_SHARES: z.coerce.number().int().positive(),
    BENCH_CONCURRENCY: z.coerce.number().int().positive(),
  })
  .parse(process.env);

const COMMITTEE: Principal = { id: 'bench-sc', role: 'standing_committee', subtreeOf: ROOT_ID };
const goLine = z.string().regex(/^go [a-z_.]+$/);

async function main(): Promise<void> {
  const redis = new Redis(env.BENCH_REDIS_URL, clientOptions);
  const engine = createEngine({ redis, prefix: env.BENCH_PREFIX });
  const ids = (await allUnitIds(redis, env.BENCH_PREFIX))
    .filter((id) => id !== ROOT_ID)
    .filter((_, i) => i % env.BENCH_SHARES === env.BENCH_SHARE);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const type = goLine.parse(line).slice('go '.length);
    await runConcurrently(ids, env.BENCH_CONCURRENCY, async (id) => {
      await engine.dispatch(id, { type, payload: { reason: 'benchmark' } }, COMMITTEE);
    });
    process.stdout.write('done\n');
  }
  redis.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
