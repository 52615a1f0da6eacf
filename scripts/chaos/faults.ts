/**
 * The faults of a chaos run, one at a time at random intervals: Redis killed (SIGKILL, restarted from
 * its AOF) or frozen (SIGSTOP, then SIGCONT), the API or the worker process killed (SIGKILL, restarted).
 */
import type { Managed } from './processes.js';

export type FaultKind = 'redis-kill' | 'redis-stop' | 'api-kill' | 'worker-kill';
export const FAULT_KINDS: readonly FaultKind[] = ['redis-kill', 'redis-stop', 'api-kill', 'worker-kill'];

/** One fault: when it began and when it was lifted (the process back, or thawed), ms since the epoch. */
export interface Fault {
  kind: FaultKind;
  startedAt: number;
  liftedAt: number;
}

export interface Cast {
  redis: Managed;
  api: Managed;
  worker: Managed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Random whole number in [min, max]. */
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

async function restart(process: Managed, downMs: number): Promise<void> {
  await process.signal('SIGKILL');
  await sleep(downMs);
  // A worker or API started while Redis is still loading its AOF may fail: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await process.start();
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(1_000);
    }
  }
}

/** Injects one fault of `kind` and resolves once it is lifted. */
export async function inject(kind: FaultKind, cast: Cast): Promise<Fault> {
  const startedAt = Date.now();
  if (kind === 'redis-kill') await restart(cast.redis, between(2_000, 5_000));
  if (kind === 'api-kill') await restart(cast.api, between(500, 2_000));
  if (kind === 'worker-kill') await restart(cast.worker, between(500, 2_000));
  if (kind === 'redis-stop') {
    await cast.redis.signal('SIGSTOP');
    await sleep(between(3_000, 8_000));
    await cast.redis.signal('SIGCONT');
  }
  return { kind, startedAt, liftedAt: Date.now() };
}

/** Injects random faults every `minGapMs`–`maxGapMs` until `until` (ms since the epoch). */
export async function faultLoop(
  cast: Cast,
  until: number,
  gap: { min: number; max: number },
): Promise<Fault[]> {
  const faults: Fault[] = [];
  for (;;) {
    const wait = between(gap.min, gap.max);
    if (Date.now() + wait >= until) return faults;
    await sleep(wait);
    const kind = FAULT_KINDS[between(0, FAULT_KINDS.length - 1)]!;
    process.stdout.write(`  ${new Date().toISOString()} fault: ${kind}\n`);
    faults.push(await inject(kind, cast));
  }
}
