/**
 * B3 HTTP: the real server (`src/main.ts`, API only) in a child process, loaded by autocannon: POST
 * events at saturation (64 connections) and at a fixed offered rate, GET progress at the root, and
 * the trivial `/healthz` of the same server; then two API processes at once, and bare servers
 * answering the same POST with a fixed body (Express 5, node:http) loaded the same way. The server's
 * resident memory is sampled throughout.
 */
import { createTokenStore } from '../src/auth/token-store.js';
import { createEngine } from '../src/engine/index.js';
import { formatNumber } from './harness.js';
import { B3_OFFERED_RATE } from './targets.js';
import { b3Figures, b3Notes, type B3Measured } from './b3-figures.js';
import {
  CONNECTIONS,
  fixedRateLoad,
  saturatingLoad,
  withServerCpu,
  type Load,
  type LoadTarget,
  type Series,
} from './b3-load.js';
import { eventRequests, readFlags } from './b3-requests.js';
import { measureBare, measureReplicas, startServer, type B3Context, type Server } from './b3-servers.js';
import { openBenchRedis, redisCpuSeconds } from './support/bench-redis.js';
import { importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { allUnitIds } from './support/bench-units.js';
import type { Benchmark, BenchOptions, BenchResult } from './support/benchmark.js';
import { sampleRss } from './support/child-process.js';

const TITLE = 'HTTP API under autocannon';
const FULL = { tree: { provinces: 1, upperPerProvince: 9, basePerUpper: 111, cellsPerBase: 9 }, seconds: 5 };
const QUICK = { tree: { provinces: 1, upperPerProvince: 4, basePerUpper: 50, cellsPerBase: 9 }, seconds: 2 };
/** A fixed-rate load runs longer than a saturating one, so its staggered first second weighs little. */
const FIXED_RATE_SECONDS_FACTOR = 2;
const REPLICAS = 2;

type ServerRun = Pick<B3Measured, 'events' | 'fixed' | 'health'> & { progress: Load[] };

/** Per run: POST events saturating, GET progress, GET /healthz, then POST events at the fixed rate. */
async function measureServer(server: Server, c: B3Context, options: BenchOptions): Promise<ServerRun> {
  const series = (): Series => ({ loads: [], cpu: [] });
  const m: ServerRun = { events: series(), fixed: series(), health: series(), progress: [] };
  const pids = [server.child.pid];
  const at = (path: string, seconds = c.seconds): LoadTarget => ({
    ...server,
    path,
    token: c.token,
    seconds,
  });
  const add = (s: Series, [load, cpu]: [Load, Series['cpu'][number]]) => {
    s.loads.push(load);
    s.cpu.push(cpu);
  };
  for (let run = -1; run < options.runs; run++) {
    const events = eventRequests(c.ids, await c.flags());
    const e = await withServerCpu(pids, c.redisCpu, () =>
      saturatingLoad({ ...at('/api/v1/units'), requests: events }),
    );
    const p = await saturatingLoad(at(`/api/v1/units/${ROOT_ID}/progress`));
    const h = await withServerCpu(pids, c.redisCpu, () => saturatingLoad(at('/healthz')));
    const paced = eventRequests(c.ids, await c.flags());
    const seconds = c.seconds * FIXED_RATE_SECONDS_FACTOR;
    const f = await withServerCpu(pids, c.redisCpu, () =>
      fixedRateLoad({ ...at('/api/v1/units', seconds), requests: paced }, B3_OFFERED_RATE),
    );
    if (run < 0) continue;
    add(m.events, e);
    add(m.health, h);
    add(m.fixed, f);
    m.progress.push(p);
  }
  return m;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? QUICK : FULL;
  const bench = await openBenchRedis('b3');
  const servers: Server[] = [];
  try {
    await importNationalTree(createEngine({ redis: bench.redis, prefix: bench.prefix }), size.tree);
    const ids = (await allUnitIds(bench.redis, bench.prefix)).filter((id) => id !== ROOT_ID);
    const { token } = await createTokenStore(bench.redis, bench.prefix).create({
      role: 'standing_committee',
      subtreeOf: ROOT_ID,
      label: 'bench',
    });
    const c: B3Context = {
      token,
      ids,
      flags: () => readFlags(bench.redis, bench.prefix, ids),
      seconds: size.seconds,
      redisCpu: () => redisCpuSeconds(bench.redis),
    };
    servers.push(await startServer(bench.prefix));
    const idle = Math.max(...sampleRss(servers[0]!.child.pid).stop());
    const sampler = sampleRss(servers[0]!.child.pid);
    const server = await measureServer(servers[0]!, c, options);
    const rss = { idle, peak: Math.max(...sampler.stop()) };
    while (servers.length < REPLICAS) servers.push(await startServer(bench.prefix));
    const replicas = await measureReplicas(servers, c, options);
    const express = await measureBare('bench/support/bare-express-entry.ts', c, options, true);
    const http = await measureBare('bench/support/bare-http-entry.ts', c, options, false);
    const m: B3Measured = { ...server, rss, replicas, replicaCount: REPLICAS, express, http };
    return {
      id: 'B3',
      title: TITLE,
      size: `${formatNumber(ids.length)} units; saturating loads: ${CONNECTIONS} connections for ${size.seconds} s; fixed loads: ${formatNumber(B3_OFFERED_RATE)} POST/s offered for ${size.seconds * FIXED_RATE_SECONDS_FACTOR} s; median of ${options.runs} runs after a warm-up; server = src/main.ts in a child process (API only, LOG_LEVEL=warn, rate limits raised), autocannon in the benchmark process, Redis on the same 2 cores`,
      figures: b3Figures(m),
      notes: b3Notes(m),
    };
  } finally {
    await Promise.all(servers.map((s) => s.child.stop()));
    await bench.cleanup();
  }
}

/** B3, registered in main.ts. */
export const b3Http: Benchmark = { id: 'B3', title: TITLE, run };
