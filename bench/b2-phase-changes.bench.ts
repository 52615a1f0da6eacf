/**
 * B2 phase changes that move deadlines: each event closes one deadline and opens another, so the
 * engine's scheduler removes the old delayed jobs and adds new ones. Compared with BullMQ alone doing
 * the same job work per change (remove the old ids, add the new, as the scheduler does) and with
 * BullMQ's plain add rate.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createBullmqScheduler } from '../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import { possiblyQueuedPoints } from '../src/deadlines/point-chain.js';
import {
  MORE_PROCESSES,
  PROCESSES,
  measureRound,
  poolCpuNote,
  poolLabel,
  startDispatchPool,
  type PoolRound,
} from './dispatch-processes.js';
import { bullPrefix, deadlineJobOptions } from '../src/deadlines/queues.js';
import { createEngine, type Engine } from '../src/engine/index.js';
import { type Principal } from '../src/domain/index.js';
import { createManualClock, type Clock } from '../src/shared/clock.js';
import { formatNumber, median, runConcurrently } from './harness.js';
import { B2_CHANGES, B2_CPU, judge } from './targets.js';
import { openBenchRedis, redisCpuSeconds } from './support/bench-redis.js';
import { withCpu, type CpuPerEvent } from './support/cpu.js';
import { floorParts } from './support/floor.js';
import { BENCH_ADMIN, importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { allUnitIds, loadUnits } from './support/bench-units.js';
import { ceilingAppender, prepareCeiling } from './b1-ceiling.js';
import { bareAppends, bareBullmq, CONCURRENCY, plainAdds } from './b2-baselines.js';
import {
  perSecond,
  timeMs,
  type Benchmark,
  type BenchOptions,
  type BenchResult,
} from './support/benchmark.js';

const QUEUE = 'b2-deadlines';
const FULL = { provinces: 1, upperPerProvince: 4, basePerUpper: 50, cellsPerBase: 9 };
const QUICK = { provinces: 1, upperPerProvince: 1, basePerUpper: 20, cellsPerBase: 9 };
/** Early in the 2025–2030 term, so every deadline lies ahead and its jobs are delayed. */
const START = '2025-01-06T02:00:00.000Z';
const COMMITTEE: Principal = { id: 'bench-sc', role: 'standing_committee', subtreeOf: ROOT_ID };
const secretary = (unitId: string): Principal => ({ id: `bench-sec-${unitId}`, role: 'secretary', unitId });

function deadlineQueue(redis: Redis, prefix: string): Queue<DeadlineJobData> {
  return new Queue<DeadlineJobData>(QUEUE, {
    connection: redis,
    prefix: bullPrefix(prefix),
    defaultJobOptions: deadlineJobOptions,
  });
}

/** Returned for revision, then resubmitted: two changes per unit, each moving a deadline. */
async function returnAndResubmit(engine: Engine, ids: string[], round: number): Promise<number> {
  const changes = [
    (id: string) =>
      engine.dispatch(id, { type: 'plan.returned', payload: { reason: `round ${round}` } }, COMMITTEE),
    (id: string) =>
      engine.dispatch(id, { type: 'plan.submitted', payload: { reference: `KH-${round}` } }, secretary(id)),
  ];
  let ms = 0;
  for (const change of changes)
    ms += await timeMs(() => runConcurrently(ids, CONCURRENCY, async (id) => void (await change(id))));
  return ms;
}

/**
 * Jobs one change replaces: the ids the scheduler removes for the unit's open plan deadline (only its
 * next point is queued; with every point ahead, that is one).
 */
async function jobsPerChange(engine: Engine, unitId: string, clock: Clock): Promise<number> {
  const view = await engine.getUnit(unitId, BENCH_ADMIN);
  const plan = view.deadlines.find((d) => d.kind.startsWith('plan.'));
  if (!plan) throw new Error(`unit ${unitId} has no open plan deadline`);
  return possiblyQueuedPoints(unitId, plan, clock.now()).length;
}

/**
 * The same rounds split over `processes` dispatching processes (same clock, queue and units, every
 * n-th cell each), rounds numbered from `rounds.first`; changes per second per run.
 */
async function phaseChangesInProcesses(
  prefix: string,
  changes: number,
  rounds: { first: number; runs: number },
  redisCpu: () => Promise<number>,
  processes: number,
): Promise<PoolRound[]> {
  const pool = await startDispatchPool(prefix, processes, CONCURRENCY, {
    BENCH_MODE: 'phase-changes',
    BENCH_QUEUE: QUEUE,
    BENCH_CLOCK: START,
  });
  try {
    const measured: PoolRound[] = [];
    for (let run = 0; run <= rounds.runs; run++) {
      const round = rounds.first + run;
      const result = await measureRound(
        pool,
        changes,
        redisCpu,
        async () => (await pool.phase('plan.returned', round)) + (await pool.phase('plan.submitted', round)),
      );
      if (run > 0) measured.push(result);
    }
    return measured;
  } finally {
    await pool.close();
  }
}

async function setUp(options: BenchOptions) {
  const bench = await openBenchRedis('b2');
  const queue = deadlineQueue(bench.redis, bench.prefix);
  const clock = createManualClock(START);
  const scheduler = createBullmqScheduler({ queue, clock });
  const engine = createEngine({ redis: bench.redis, prefix: bench.prefix, clock, scheduler });
  await importNationalTree(engine, options.quick ? QUICK : FULL);
  const ids = (await allUnitIds(bench.redis, bench.prefix)).filter((id) => /-c\d+$/.test(id));
  await runConcurrently(ids, CONCURRENCY, async (id) => {
    await engine.dispatch(id, { type: 'plan.submitted', payload: { reference: 'KH-0' } }, secretary(id));
  });
  const ceiling = prepareCeiling(bench.prefix, await loadUnits(bench.redis, bench.prefix, ids));
  return {
    bench,
    queue,
    engine,
    ids,
    clock,
    cells: [...ceiling.values()],
    append: ceilingAppender(bench.redis),
  };
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const { bench, queue, engine, ids, clock, cells, append } = await setUp(options);
  try {
    const jobsBefore = await queue.getDelayedCount();
    const perChange = await jobsPerChange(engine, ids[0]!, clock);
    const m = { engine: [] as number[], bare: [] as number[], adds: [] as number[] };
    const cpu = { engine: [] as CpuPerEvent[], bare: [] as CpuPerEvent[], writes: [] as CpuPerEvent[] };
    const redisCpu = () => redisCpuSeconds(bench.redis);
    for (let round = 0; round <= options.runs; round++) {
      const changes = 2 * ids.length;
      const [engineMs, engineCpu] = await withCpu(changes, redisCpu, () =>
        returnAndResubmit(engine, ids, round),
      );
      const [bareMs, bareCpu] = await withCpu(changes, redisCpu, () =>
        bareBullmq(queue, changes, perChange, round),
      );
      const addMs = await plainAdds(queue, changes, round);
      const [, writesCpu] = await withCpu(changes, redisCpu, () => bareAppends(cells, append));
      if (round === 0) continue;
      cpu.writes.push(writesCpu);
      m.engine.push(perSecond(changes, engineMs));
      cpu.engine.push(engineCpu);
      cpu.bare.push(bareCpu);
      m.bare.push(perSecond(changes, bareMs));
      m.adds.push(perSecond(changes, addMs));
    }
    // Rounds numbered after the single-process ones, then after the first pool's.
    const processes = await phaseChangesInProcesses(
      bench.prefix,
      2 * ids.length,
      { first: options.runs + 1, runs: options.runs },
      redisCpu,
      PROCESSES,
    );
    const moreProcesses = await phaseChangesInProcesses(
      bench.prefix,
      2 * ids.length,
      { first: 2 * (options.runs + 1), runs: options.runs },
      redisCpu,
      MORE_PROCESSES,
    );
    const jobsAfter = await queue.getDelayedCount();
    const rate = median(m.engine);
    const inProcesses = median(processes.map((r) => r.rate));
    const inMoreProcesses = median(moreProcesses.map((r) => r.rate));
    const perChangeCpu = (xs: CpuPerEvent[]) => ({
      node: median(xs.map((c) => c.nodeUs)),
      redis: median(xs.map((c) => c.redisUs)),
      total: median(xs.map((c) => c.nodeUs + c.redisUs)),
    });
    const engineCpu = perChangeCpu(cpu.engine);
    const bareCpu = perChangeCpu(cpu.bare);
    // The cells' logs hold the changes just measured (and the few events that set the cells up).
    const floorPart = await floorParts(bench.redis, bench.prefix, ids);
    const writes = perChangeCpu(cpu.writes).total;
    const floor = bareCpu.total + writes + floorPart.hash + floorPart.transition;
    return {
      id: 'B2',
      title: 'Phase changes that move deadlines',
      size: `${formatNumber(ids.length)} cells × 2 changes per run (plan returned, plan resubmitted), concurrency ${CONCURRENCY}, ${perChange} delayed jobs removed and ${perChange} added per change, median of ${options.runs} runs after a warm-up`,
      figures: [
        {
          id: 'B2.1',
          name: 'phase changes moving deadlines',
          unit: 'changes/s',
          value: rate,
          baselineName: 'BullMQ alone: same removes and adds per change',
          baseline: median(m.bare),
          ...judge(B2_CHANGES, rate),
          headline: true,
        },
        {
          id: 'B2.2',
          name: 'phase changes vs plain adds',
          unit: 'changes/s',
          value: rate,
          baselineName: 'BullMQ queue.add, jobs/s',
          baseline: median(m.adds),
        },
        {
          id: 'B2.3',
          name: `phase changes, ${PROCESSES} processes (${CONCURRENCY / PROCESSES} in flight each)`,
          unit: 'changes/s',
          value: inProcesses,
          baselineName: 'BullMQ alone: same removes and adds per change',
          baseline: median(m.bare),
          ...judge(B2_CHANGES, inProcesses),
        },
        {
          id: 'B2.4',
          name: 'CPU per phase change, this process + Redis',
          unit: 'µs',
          value: engineCpu.total,
          baselineName:
            'floor: BullMQ alone (same removes and adds) + bare Lua writes + SHA-256 + bare machine transition',
          baseline: floor,
          ...judge(B2_CPU, engineCpu.total),
        },
        {
          id: 'B2.5',
          name: `phase changes, ${poolLabel(MORE_PROCESSES, CONCURRENCY)}`,
          unit: 'changes/s',
          value: inMoreProcesses,
          baselineName: `${PROCESSES} processes (B2.3)`,
          baseline: inProcesses,
          ...judge(B2_CHANGES, inMoreProcesses),
        },
      ],
      notes: [
        `CPU per change: ${formatNumber(engineCpu.node)} µs in the dispatching process + ${formatNumber(engineCpu.redis)} µs in Redis; BullMQ alone: ${formatNumber(bareCpu.node)} + ${formatNumber(bareCpu.redis)} µs. Two cores give 2,000,000 µs of CPU per second, so phase changes cannot exceed ${formatNumber(2e6 / engineCpu.total)}/s here however they are spread over processes, and 5,000/s needs ≤ 400 µs per change.`,
        poolCpuNote(processes, PROCESSES, engineCpu, { per: 'change', rate: 'changes/s' }),
        poolCpuNote(moreProcesses, MORE_PROCESSES, engineCpu, { per: 'change', rate: 'changes/s' }),
        `B2.4 floor, per change: BullMQ alone ${formatNumber(bareCpu.total, 2)} µs (client + Redis, as above), the append's writes ${formatNumber(writes, 2)} µs (B1's bare Lua script with precomputed payloads, client + Redis), SHA-256 of the stored record ${formatNumber(floorPart.hash, 2)} µs, one bare machine transition ${formatNumber(floorPart.transition, 2)} µs (XState's \`transition\` on the cells' logged events validated beforehand, in memory, over ${formatNumber(floorPart.units)} cells); no phase change on these parts exceeds ${formatNumber(2e6 / floor)}/s on this machine's two cores${floor > 400 ? ', below the 5,000/s target' : ': the floor does not exclude the 5,000/s target'}.`,
        `Each change removes the queued job of the closed deadline and adds the first point of the new one (one job per deadline); the delayed set held ${formatNumber(jobsBefore)} engine jobs before the runs.`,
        `Delayed jobs at the end (engine + baselines): ${formatNumber(jobsAfter)}.`,
      ],
    };
  } finally {
    await queue.close();
    await bench.cleanup();
  }
}

/** B2, registered in main.ts. */
export const b2PhaseChanges: Benchmark = { id: 'B2', title: 'Phase changes that move deadlines', run };
