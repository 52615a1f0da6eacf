/**
 * B4 national tree: a generated 2025-shaped tree imported through the engine with a progress bar;
 * Redis memory per unit; progress at the root and at a province (p99 of many reads) against a
 * recount by scanning the snapshots.
 */
import { SingleBar } from 'cli-progress';
import type { Redis } from 'ioredis';
import { createEngine, type Engine } from '../src/engine/index.js';
import { nationalTreeCounts, type NationalTreeOptions } from '../src/org/national-tree.js';
import { createKeySpace } from '../src/store/index.js';
import { formatNumber, median, quantile } from './harness.js';
import { B4_IMPORT, B4_MEMORY, B4_ROOT_P99, judge } from './targets.js';
import { everyUnitId, recountProgress, subtreeIds } from './b4-recount.js';
import { deletePrefix, openBenchRedis, usedMemory } from './support/bench-redis.js';
import { BENCH_ADMIN, importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { timeMs, type Benchmark, type BenchOptions, type BenchResult } from './support/benchmark.js';

const FULL: NationalTreeOptions = { provinces: 34, upperPerProvince: 97, basePerUpper: 16, cellsPerBase: 4 };
const QUICK: NationalTreeOptions = { ...FULL, provinces: 4 };
const PROVINCE = 'p01';
const READS = 2_000;
const SAMPLE = 2_000;

async function importWithBar(
  engine: Engine,
  tree: NationalTreeOptions,
): Promise<{ units: number; ms: number }> {
  const bar = new SingleBar({
    format: 'import [{bar}] {percentage}% {value}/{total} units, {eta}s left',
    noTTYOutput: true,
    notTTYSchedule: 5_000,
  });
  bar.start(nationalTreeCounts(tree).total + 1, 0);
  let units = 0;
  const ms = await timeMs(async () => {
    units = await importNationalTree(engine, tree, (n) => bar.increment(n));
  });
  bar.stop();
  return { units, ms };
}

/**
 * The Redis write floor of an import: the same number of unit and snapshot hashes, copied from one
 * imported unit, written with pipelined HSETs in batches of 500 and no planning at all.
 */
async function writeFloorMs(redis: Redis, prefix: string, sampleId: string, units: number): Promise<number> {
  const keys = createKeySpace(prefix);
  const unit = await redis.hgetall(keys.unit(sampleId));
  const snap = await redis.hgetall(keys.snap(sampleId));
  const ms = await timeMs(async () => {
    for (let i = 0; i < units; i += 500) {
      const pipeline = redis.pipeline();
      for (let k = i; k < Math.min(units, i + 500); k++) {
        pipeline.hset(`${prefix}:floor:{${k}}:unit`, unit).hset(`${prefix}:floor:{${k}}:snap`, snap);
      }
      await pipeline.exec();
    }
  });
  await deletePrefix(redis, `${prefix}:floor`);
  return ms;
}

/** p99 of `READS` sequential progress reads, in ms. */
async function progressP99(engine: Engine, unitId: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < READS; i++) times.push(await timeMs(() => engine.progress(unitId, BENCH_ADMIN)));
  return quantile(times, 0.99);
}

async function memoryUsage(redis: Redis, key: string): Promise<number> {
  return Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
}

/**
 * Bytes per unit from MEMORY USAGE: a sample of units' own keys, plus the shared structures
 * (unit index, deadline index, organisation history) spread over all units. Robust to other
 * clients writing to the same server, unlike a used_memory delta.
 */
async function bytesPerUnit(
  redis: Redis,
  prefix: string,
  ids: string[],
): Promise<{ stored: number; raw: number }> {
  const keys = createKeySpace(prefix);
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / SAMPLE)) === 0);
  let stored = 0;
  let raw = 0;
  for (const id of sample) {
    for (const key of [
      keys.unit(id),
      keys.snap(id),
      keys.deadlines(id),
      keys.children(id),
      keys.rollup(id),
      keys.log(id),
    ]) {
      stored += await memoryUsage(redis, key);
    }
    const fields = [
      ...Object.values(await redis.hgetall(keys.unit(id))),
      ...Object.values(await redis.hgetall(keys.snap(id))),
    ];
    raw += fields.join('').length + ((await redis.get(keys.deadlines(id))) ?? '').length;
  }
  let shared = 0;
  for (const key of [keys.allUnits, keys.unitsWithDeadlines, keys.orgLog, keys.orgHead])
    shared += await memoryUsage(redis, key);
  return { stored: stored / sample.length + shared / ids.length, raw: raw / sample.length };
}

interface Reads {
  rootP99: number;
  provinceP99: number;
  rootRecountMs: number;
  provinceRecountMs: number;
  agree: boolean;
}

async function measureReads(engine: Engine, redis: Redis, prefix: string, runs: number): Promise<Reads> {
  const all = await everyUnitId(redis, prefix);
  const province = await subtreeIds(redis, prefix, PROVINCE);
  const r = {
    root: [] as number[],
    province: [] as number[],
    rootScan: [] as number[],
    provinceScan: [] as number[],
  };
  let agree = true;
  for (let run = -1; run < runs; run++) {
    const rootP99 = await progressP99(engine, ROOT_ID);
    const provinceP99 = await progressP99(engine, PROVINCE);
    let recount: unknown = null;
    const rootScan = await timeMs(
      async () => void (recount = await recountProgress(redis, prefix, ROOT_ID, all)),
    );
    agree &&= JSON.stringify(recount) === JSON.stringify(await engine.progress(ROOT_ID, BENCH_ADMIN));
    const provinceScan = await timeMs(() => recountProgress(redis, prefix, PROVINCE, province));
    if (run < 0) continue;
    r.root.push(rootP99);
    r.province.push(provinceP99);
    r.rootScan.push(rootScan);
    r.provinceScan.push(provinceScan);
  }
  return {
    rootP99: median(r.root),
    provinceP99: median(r.province),
    rootRecountMs: median(r.rootScan),
    provinceRecountMs: median(r.provinceScan),
    agree,
  };
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const tree = options.quick ? QUICK : FULL;
  const bench = await openBenchRedis('b4');
  try {
    const engine = createEngine({ redis: bench.redis, prefix: bench.prefix });
    const before = await usedMemory(bench.redis);
    const imported = await importWithBar(engine, tree);
    const delta = ((await usedMemory(bench.redis)) - before) / imported.units;
    const ids = await everyUnitId(bench.redis, bench.prefix);
    const floorS =
      (await writeFloorMs(bench.redis, bench.prefix, `${PROVINCE}-u001-b001-c01`, ids.length)) / 1000;
    const memory = await bytesPerUnit(bench.redis, bench.prefix, ids);
    const reads = await measureReads(engine, bench.redis, bench.prefix, options.runs);
    const c = nationalTreeCounts(tree);
    const importS = imported.ms / 1000;
    return {
      id: 'B4',
      title: 'National tree: import, memory, progress reads',
      size: `${formatNumber(imported.units)} units (1 root, ${c.province} provinces, ${formatNumber(c.district)} upper units, ${formatNumber(c.base)} base units, ${formatNumber(c.cell)} cells)${options.quick ? ', quick size' : ', full national size'}; import run once (it is the setup of the reads), ${READS} progress reads per p99, median of ${options.runs} runs after a warm-up`,
      figures: [
        {
          id: 'B4.1',
          name: 'import through engine.importTree',
          unit: 's',
          value: importS,
          baselineName: 'pipelined HSET of the same hashes',
          baseline: floorS,
          ...judge(B4_IMPORT, importS),
          headline: true,
        },
        {
          id: 'B4.2',
          name: 'Redis memory per unit (MEMORY USAGE)',
          unit: 'bytes',
          value: memory.stored,
          baselineName: 'raw stored strings',
          baseline: memory.raw,
          ...judge(B4_MEMORY, memory.stored),
        },
        {
          id: 'B4.3',
          name: 'root progress p99',
          unit: 'ms',
          value: reads.rootP99,
          baselineName: 'recount by scan, one read',
          baseline: reads.rootRecountMs,
          ...judge(B4_ROOT_P99, reads.rootP99),
        },
        {
          id: 'B4.4',
          name: 'province progress p99',
          unit: 'ms',
          value: reads.provinceP99,
          baselineName: 'recount by scan, one read',
          baseline: reads.provinceRecountMs,
        },
      ],
      notes: [
        `Import rate: ${formatNumber(imported.units / importS)} units/s, one province subtree per importTree call (the root row repeated so each file is self-contained).`,
        `used_memory grew by ${formatNumber(delta)} bytes per unit during the import (other clients share the server, so MEMORY USAGE is the figure).`,
        `The recount by scanning ${formatNumber(ids.length)} snapshots ${reads.agree ? 'agreed' : 'did NOT agree'} with the incremental roll-up of the root.`,
      ],
    };
  } finally {
    await bench.cleanup();
  }
}

/** B4, registered in main.ts. */
export const b4NationalTree: Benchmark = {
  id: 'B4',
  title: 'National tree: import, memory, progress reads',
  run,
};
