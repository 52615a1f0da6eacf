/**
 * A dispatching process for the multi-process figures of B1 and B2: takes its share of the units
 * (every n-th), prints "ready", then for each line "go <event type> <round>" on stdin dispatches that
 * event to each of its units with BENCH_CONCURRENCY in flight and prints "done".
 *
 * BENCH_MODE=flags (B1): every unit but the root, events sent by the standing committee.
 * BENCH_MODE=phase-changes (B2): cells only, with B2's clock and deadline queue, so each event moves
 * a deadline; `plan.returned` is sent by the committee, `plan.submitted` by the cell's secretary.
 */
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createBullmqScheduler } from '../../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-job.schema.js';
import { bullPrefix, deadlineJobOptions } from '../../src/deadlines/queues.js';
import { createEngine } from '../../src/engine/index.js';
import { type Principal } from '../../src/domain/index.js';
import { clientOptions } from '../../src/redis/probe.js';
import { createManualClock } from '../../src/shared/clock.js';
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
    BENCH_MODE: z.enum(['flags', 'phase-changes']).default('flags'),
    /** B2: the deadline queue's name and the clock's fixed time. */
    BENCH_QUEUE: z.string().min(1).optional(),
    BENCH_CLOCK: z.iso.datetime().optional(),
  })
  .parse(process.env);

const COMMITTEE: Principal = { id: 'bench-sc', role: 'standing_committee', subtreeOf: ROOT_ID };
const secretary = (unitId: string): Principal => ({ id: `bench-sec-${unitId}`, role: 'secretary', unitId });
const goLine = z.string().regex(/^go [a-z_.]+ \d+$/);

/** What one unit is sent for `type` in round `round`, and by whom. */
function eventFor(type: string, round: string, unitId: string) {
  if (env.BENCH_MODE === 'flags') return { event: { type, payload: { reason: 'benchmark' } }, by: COMMITTEE };
  if (type === 'plan.returned')
    return { event: { type, payload: { reason: `round ${round}` } }, by: COMMITTEE };
  return { event: { type, payload: { reference: `KH-${round}` } }, by: secretary(unitId) };
}

function engineFor(redis: Redis) {
  if (env.BENCH_MODE === 'flags') return { engine: createEngine({ redis, prefix: env.BENCH_PREFIX }) };
  if (!env.BENCH_QUEUE || !env.BENCH_CLOCK)
    throw new Error('phase-changes needs BENCH_QUEUE and BENCH_CLOCK');
  const queue = new Queue<DeadlineJobData>(env.BENCH_QUEUE, {
    connection: redis,
    prefix: bullPrefix(env.BENCH_PREFIX),
    defaultJobOptions: deadlineJobOptions,
  });
  const clock = createManualClock(env.BENCH_CLOCK);
  const scheduler = createBullmqScheduler({ queue, clock });
  return { engine: createEngine({ redis, prefix: env.BENCH_PREFIX, clock, scheduler }), queue };
}

async function main(): Promise<void> {
  const redis = new Redis(env.BENCH_REDIS_URL, clientOptions);
  const { engine, queue } = engineFor(redis);
  const ids = (await allUnitIds(redis, env.BENCH_PREFIX))
    .filter((id) => (env.BENCH_MODE === 'flags' ? id !== ROOT_ID : /-c\d+$/.test(id)))
    .filter((_, i) => i % env.BENCH_SHARES === env.BENCH_SHARE);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [, type, round] = goLine.parse(line).split(' ') as [string, string, string];
    await runConcurrently(ids, env.BENCH_CONCURRENCY, async (id) => {
      const { event, by } = eventFor(type, round, id);
      await engine.dispatch(id, event, by);
    });
    process.stdout.write('done\n');
  }
  await queue?.close();
  redis.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
