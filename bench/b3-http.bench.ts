/**
 * B3 HTTP: the real server (`src/main.ts`, API only) in a child process, loaded by autocannon at 64
 * connections: POST events and GET progress at the root, beside the trivial `/healthz` of the same
 * server. The server's resident memory is sampled throughout.
 */
import autocannon from 'autocannon';
import { createTokenStore } from '../src/auth/token-store.js';
import { createEngine } from '../src/engine/index.js';
import { formatNumber, median } from './harness.js';
import { BENCH_REDIS_URL, openBenchRedis } from './support/bench-redis.js';
import { importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { allUnitIds } from './support/bench-units.js';
import type { Benchmark, BenchOptions, BenchResult } from './support/benchmark.js';
import { sampleRss, startEntry, waitForOutput, type Child } from './support/child-process.js';

const CONNECTIONS = 64;
const FULL = { tree: { provinces: 1, upperPerProvince: 9, basePerUpper: 111, cellsPerBase: 9 }, seconds: 5 };
const QUICK = { tree: { provinces: 1, upperPerProvince: 4, basePerUpper: 50, cellsPerBase: 9 }, seconds: 2 };
const MB = 2 ** 20;

interface Load {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/**
 * POST bodies cycle through the units: every unit is flagged, then every unit cleared, and so on,
 * so a unit's next event is thousands of requests behind its previous one and always allowed. Each
 * request carries its own Idempotency-Key, as the API requires.
 */
function eventRequests(ids: string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const i = next++;
        const unitId = ids[i % ids.length]!;
        const type =
          Math.floor(i / ids.length) % 2 === 0 ? 'unit.flagged_difficult' : 'unit.difficulty_cleared';
        return {
          ...request,
          path: `/api/v1/units/${encodeURIComponent(unitId)}/events`,
          headers: { ...request.headers, 'idempotency-key': `bench-${i}` },
          body: JSON.stringify({ type, payload: { reason: 'http benchmark' } }),
        };
      },
    },
  ];
}

async function load(
  port: number,
  token: string,
  seconds: number,
  path: string,
  requests?: autocannon.Request[],
): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(requests ? { requests } : {}),
  });
  if (process.env.BENCH_DEBUG) process.stderr.write(`${path} ${JSON.stringify(result.statusCodeStats)}\n`);
  return {
    rate: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

async function startServer(prefix: string): Promise<{ child: Child; port: number }> {
  const child = startEntry('src/main.ts', {
    REDIS_URL: BENCH_REDIS_URL,
    CONGRESS_PREFIX: prefix,
    CONGRESS_WORKERS: '0',
    CONGRESS_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The per-token limit (600/min by default) would turn the load into 429s.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // The failed-authentication guard counts every request until its response finishes, so more
    // than its limit in flight from one address are refused even when authenticated (see findings).
    AUTH_FAILURES_PER_MINUTE: '1000000000',
  });
  const match = await waitForOutput(child, /listening on http:\/\/localhost:(\d+)/);
  return { child, port: Number(match[1]) };
}

type Measured = Record<'events' | 'progress' | 'health', Load[]>;

async function measure(
  port: number,
  token: string,
  ids: string[],
  options: BenchOptions,
  seconds: number,
): Promise<Measured> {
  const m: Measured = { events: [], progress: [], health: [] };
  const events = eventRequests(ids);
  for (let run = -1; run < options.runs; run++) {
    const e = await load(port, token, seconds, '/api/v1/units', events);
    const p = await load(port, token, seconds, `/api/v1/units/${ROOT_ID}/progress`);
    const h = await load(port, token, seconds, '/healthz');
    if (run < 0) continue;
    m.events.push(e);
    m.progress.push(p);
    m.health.push(h);
  }
  return m;
}

function figures(m: Measured, rss: { idle: number; peak: number }): BenchResult['figures'] {
  const med = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));
  const events = med(m.events, 'rate');
  const p99 = med(m.events, 'p99');
  const health = 'GET /healthz, same server';
  return [
    {
      id: 'B3.1',
      name: 'POST events',
      unit: 'events/s',
      value: events,
      baselineName: health,
      baseline: med(m.health, 'rate'),
      target: '≥ 4,000 events/s',
      met: events >= 4_000,
    },
    {
      id: 'B3.2',
      name: 'POST events p50',
      unit: 'ms',
      value: med(m.events, 'p50'),
      baselineName: health,
      baseline: med(m.health, 'p50'),
    },
    {
      id: 'B3.3',
      name: 'POST events p99',
      unit: 'ms',
      value: p99,
      baselineName: health,
      baseline: med(m.health, 'p99'),
      target: '< 25 ms',
      met: p99 < 25,
    },
    {
      id: 'B3.4',
      name: 'GET progress (root)',
      unit: 'req/s',
      value: med(m.progress, 'rate'),
      baselineName: health,
      baseline: med(m.health, 'rate'),
    },
    {
      id: 'B3.5',
      name: 'GET progress p99',
      unit: 'ms',
      value: med(m.progress, 'p99'),
      baselineName: health,
      baseline: med(m.health, 'p99'),
    },
    {
      id: 'B3.6',
      name: 'API resident memory, peak under load',
      unit: 'MiB',
      value: rss.peak / MB,
      baselineName: 'idle after start',
      baseline: rss.idle / MB,
    },
  ];
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? QUICK : FULL;
  const bench = await openBenchRedis('b3');
  let server: { child: Child; port: number } | null = null;
  try {
    await importNationalTree(createEngine({ redis: bench.redis, prefix: bench.prefix }), size.tree);
    const ids = (await allUnitIds(bench.redis, bench.prefix)).filter((id) => id !== ROOT_ID);
    const { token } = await createTokenStore(bench.redis, bench.prefix).create({
      role: 'standing_committee',
      subtreeOf: ROOT_ID,
      label: 'bench',
    });
    server = await startServer(bench.prefix);
    const idle = sampleRss(server.child.pid).stop();
    const sampler = sampleRss(server.child.pid);
    const m = await measure(server.port, token, ids, options, size.seconds);
    const peak = Math.max(...sampler.stop());
    const refused = m.events.reduce((sum, l) => sum + l.non2xx, 0);
    return {
      id: 'B3',
      title: 'HTTP API under autocannon',
      size: `${formatNumber(ids.length)} units; ${CONNECTIONS} connections, ${size.seconds} s per load, median of ${options.runs} runs after a warm-up; server = src/main.ts in a child process (API only, LOG_LEVEL=warn, rate limits raised), autocannon in the benchmark process, Redis on the same 2 cores`,
      figures: figures(m, { idle: Math.max(...idle), peak }),
      notes: [`Non-2xx responses or errors on POST events over the measured runs: ${formatNumber(refused)}.`],
    };
  } finally {
    await server?.child.stop();
    await bench.cleanup();
  }
}

/** B3, registered in main.ts. */
export const b3Http: Benchmark = { id: 'B3', title: 'HTTP API under autocannon', run };
